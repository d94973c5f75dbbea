/**
 * Preloaded (`node --require`) into the processes an engine benchmark spawns, so the real
 * worker/main.ts runs unchanged: on an IPC message "memory" it answers the heap in use after a full
 * garbage collection (node --expose-gc) and the resident set, in MB. Plain JavaScript: the SDK's
 * workflow thread inherits the preload and has no TypeScript loader. Only the main thread has IPC.
 */
const MB = 1024 * 1024;

if (process.send) {
  process.on('message', (message) => {
    if (message !== 'memory') return;
    if (globalThis.gc) globalThis.gc();
    const { heapUsed, rss } = process.memoryUsage();
    process.send({ heapMb: heapUsed / MB, rssMb: rss / MB });
  });
  // The IPC channel must not keep a process alive that would otherwise exit.
  if (process.channel) process.channel.unref();
}
