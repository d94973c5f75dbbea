import net from 'node:net';

/** A port the OS considers free right now on the loopback interface. */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Không xác định được cổng trống (no free port found)'));
      });
    });
  });
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly purpose: string,
    readonly envVar?: string,
  ) {
    super(
      `Cổng ${port} đang bị chiếm (port ${port} is already in use), cần cho ${purpose}. ` +
        `Hãy dừng tiến trình đang dùng cổng này` +
        (envVar ? ` hoặc đặt biến môi trường ${envVar} sang cổng khác.` : '.'),
    );
    this.name = 'PortInUseError';
  }
}

/** Fails with a message a person can act on, instead of a service's own stack trace later. */
export async function assertPortFree(port: number, purpose: string, envVar?: string, host = '127.0.0.1'): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
  if (!free) throw new PortInUseError(port, purpose, envVar);
}

/** Resolves once something accepts TCP connections on host:port, or rejects after timeoutMs. */
export async function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Hết thời gian chờ cổng ${host}:${port} mở (timed out after ${timeoutMs} ms)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
