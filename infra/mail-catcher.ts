import fs from 'node:fs';
import path from 'node:path';
import { assertPortFree, waitForPort } from './ports';
import { startServiceProcess } from './service-process';
import { projectRoot } from './paths';

export interface MailCatcher {
  smtpUrl: string;
  inboxUrl: string;
  stop(): Promise<void>;
}

/**
 * MailDev: a real SMTP server with a web inbox, for development only. It is an ES module with a
 * CLI, so it runs as a child process; its mails persist in mailDir across restarts.
 */
export async function startMailCatcher(options: { smtpPort: number; webPort: number; mailDir: string; logFile: string }): Promise<MailCatcher> {
  await assertPortFree(options.smtpPort, 'SMTP của hộp thư phát triển (dev mail catcher)', 'MAIL_CATCHER_SMTP_PORT');
  await assertPortFree(options.webPort, 'hộp thư web (dev mail inbox)', 'MAIL_CATCHER_WEB_PORT');
  fs.mkdirSync(options.mailDir, { recursive: true });
  // maildev exports no CommonJS entry, so require.resolve cannot find it; it is a direct dependency.
  const bin = path.join(projectRoot(), 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const service = startServiceProcess({
    name: 'maildev',
    command: process.execPath,
    args: [bin, '--smtp', String(options.smtpPort), '--web', String(options.webPort), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--mail-directory', options.mailDir],
    output: options.logFile,
  });
  try {
    await Promise.all([waitForPort(options.smtpPort, 20_000), waitForPort(options.webPort, 20_000)]);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    inboxUrl: `http://127.0.0.1:${options.webPort}`,
    stop: () => service.stop(),
  };
}
