import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { testDataConverter } from '../../support/payload-keys';
import { HISTORY_FIXTURES_DIR } from './support';

/**
 * Every committed history (test/fixtures/histories, recorded from finished scenario runs with
 * UPDATE_HISTORY_FIXTURES=1 npx jest --selectProjects integration --testPathPatterns workflows/) must
 * replay against the current workflow code: a change to the command sequence that running dossiers
 * would see fails here and needs `patched()`. Replay does not catch everything (a new timeout on a
 * wait goes unnoticed), so such changes need `patched()` anyway.
 */
describe('replay of committed dossier histories', () => {
  it('replays each history with the current workflow bundle without nondeterminism', async () => {
    const files = fs.readdirSync(HISTORY_FIXTURES_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const bundlePath = process.env.WORKFLOW_BUNDLE_PATH;
    if (!bundlePath) throw new Error('WORKFLOW_BUNDLE_PATH is not set: run through the integration project');
    const histories = files.map((file) => ({
      workflowId: path.basename(file, '.json'),
      history: JSON.parse(fs.readFileSync(path.join(HISTORY_FIXTURES_DIR, file), 'utf8')) as unknown,
    }));
    const replayed: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { code: fs.readFileSync(bundlePath, 'utf8') }, replayName: 'committed-histories', dataConverter: testDataConverter() }, histories)) {
      expect({ workflowId: result.workflowId, error: result.error }).toEqual({ workflowId: result.workflowId, error: undefined });
      replayed.push(result.workflowId);
    }
    expect(replayed).toEqual(histories.map((h) => h.workflowId));
  });
});
