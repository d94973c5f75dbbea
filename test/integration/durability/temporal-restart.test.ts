import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { findFreePort } from '../../../infra/ports';
import { startTemporalDevServer } from '../../../infra/temporal-server';

describe('the Temporal dev server restarted on its persisted state', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-temporal-restart-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('still has the workflow, still running', async () => {
    const port = await findFreePort();
    const options = { port, uiPort: null, dbFile: path.join(dir, 'dev.db'), logFile: path.join(dir, 'temporal.log') };
    const workflowId = `restart-${port}`;

    const first = await startTemporalDevServer(options);
    let connection = await Connection.connect({ address: first.address });
    await new Client({ connection }).workflow.start('dossierWorkflow', { workflowId, taskQueue: 'nobody-polls-this', args: [] });
    await connection.close();
    await first.stop();

    const second = await startTemporalDevServer(options);
    try {
      connection = await Connection.connect({ address: second.address });
      const description = await new Client({ connection }).workflow.getHandle(workflowId).describe();
      expect(description.status.name).toBe('RUNNING');
      await connection.close();
    } finally {
      await second.stop();
    }
  });

  it('says why when it cannot start: the error ends with what the server logged', async () => {
    const options = { port: await findFreePort(), uiPort: null, dbFile: dir, logFile: path.join(dir, 'unstartable.log') };
    await expect(startTemporalDevServer(options)).rejects.toThrow(/dừng ngay khi khởi động \(exit 1\):\n.*SQLite/s);
  });
});
