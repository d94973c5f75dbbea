import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureSearchAttributes } from '../../../infra/search-attributes';

describe('search attributes on a namespace that lacks them (a production cluster)', () => {
  it('registers the missing ones once, then finds them all', async () => {
    const address = process.env.TEMPORAL_ADDRESS as string;
    const namespace = `sa-${randomBytes(4).toString('hex')}`;
    const connection = await Connection.connect({ address });
    try {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
      expect((await ensureSearchAttributes(address, namespace)).sort()).toEqual(['ClusterCode', 'DossierStage', 'DossierStatus']);
      expect(await ensureSearchAttributes(address, namespace)).toEqual([]);
      const listed = await connection.operatorService.listSearchAttributes({ namespace });
      expect(Object.keys(listed.customAttributes ?? {})).toEqual(expect.arrayContaining(['ClusterCode', 'DossierStage', 'DossierStatus']));
    } finally {
      await connection.close();
    }
  });
});
