/**
 * Builds the worker's workflow bundle for the current sources, or finds it already built
 * (worker/workflow-bundle.ts), and prints where it is. The Dockerfile runs it, so a worker container
 * starts without bundling; a developer's first `npm start` does the same by itself.
 */
import { cachedWorkflowBundle } from '../worker/workflow-bundle';

cachedWorkflowBundle()
  .then(({ codePath, built }) => console.log(`${built ? 'built' : 'reused'} ${codePath}`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
