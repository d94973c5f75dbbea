import path from 'node:path';
import { projectRoot } from '../../infra/paths';
import { startServiceProcess, type ServiceProcess } from '../../infra/service-process';

/** The real worker (worker/main.ts) as a child process in its own process group, so a test can SIGKILL it. */
export function startWorkerProcess(env: Record<string, string>): ServiceProcess {
  return startServiceProcess({
    name: 'worker',
    command: process.execPath,
    args: ['--import', 'tsx', path.join(projectRoot(), 'worker', 'main.ts')],
    env,
    output: 'ignore',
  });
}

/** SIGKILL to the child's whole process group (tsx runs the worker in a grandchild), resolved once it is gone. */
export async function killProcessGroup(service: ServiceProcess): Promise<void> {
  process.kill(-(service.child.pid as number), 'SIGKILL');
  await service.exited;
}
