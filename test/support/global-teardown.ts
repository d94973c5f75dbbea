import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__CCN_TEST_STACK__;
  if (!stack) return;
  for (const stop of stack.stop) await stop();
  fs.rmSync(stack.workDir, { recursive: true, force: true });
}
