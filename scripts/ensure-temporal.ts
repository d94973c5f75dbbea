// Builds and caches the Temporal CLI (dev server) so tests and `npm start` find it: used by .ci/run.
import { ensureTemporalBinary } from '../infra/temporal-binary';

ensureTemporalBinary((line) => console.log(line))
  .then((binary) => {
    if (!binary) {
      console.error('Không có Go toolchain để dựng Temporal CLI (no Go toolchain); set TEMPORAL_CLI_PATH.');
      process.exit(1);
    }
    console.log(binary);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
