/**
 * Preloaded (`node --require`) into the processes an engine benchmark spawns, so the real
 * worker/main.ts runs unchanged: on an IPC message "memory" it answers the resident set in MB, after
 * a full garbage collection of the main thread (node --expose-gc). The resident set, not the heap:
 * the SDK runs workflows in its own thread, whose heap the main thread's figures leave out.
 * Plain JavaScript: that thread inherits the preload and has no TypeScript loader; only the main
 * thread has IPC.
 */
const MB = 1024 * 1024;

if (process.send) {
  process.on('message', (message) => {
    if (message !== 'memory') return;
    if (globalThis.gc) globalThis.gc();
    process.send({ rssMb: process.memoryUsage().rss / MB });
  });
  // The IPC channel must not keep a process alive that would otherwise exit.
  if (process.channel) process.channel.unref();
}
