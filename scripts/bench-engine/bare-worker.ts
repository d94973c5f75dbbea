/** The bare Temporal worker of the engine benchmarks (bare-workflows.ts): SDK defaults, no-op activities. */
import { NativeConnection, Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'bare',
    workflowsPath: require.resolve('./bare-workflows'),
    activities: { noop: async () => undefined },
  });
  console.log('bare worker started');
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
