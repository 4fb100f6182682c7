// Test support: a TCP proxy in front of a service (PostgreSQL) that can hold its answers back, as a
// slow network to one instance would. The instance behind it reads storage late while Redis and the
// other instances run at full speed, which makes a race between "the instance holds it" and "its
// sockets heard of it" lose the same way every run. Each connection's bytes keep their order.
import net from 'node:net';

interface Pending {
  at: number;
  chunk: Buffer;
}

export class SlowLink {
  /** How long every answer of the service waits before the instance gets it (0: passed on at once). */
  delayMs = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  /** Listens on a free loopback port and forwards every connection to the service at `target` (a URL). */
  static async start(target: string): Promise<SlowLink> {
    const { hostname, port } = new URL(target);
    let link: SlowLink | undefined;
    const server = net.createServer((client) => link!.forward(client, hostname, Number(port)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    link = new SlowLink(server, (server.address() as net.AddressInfo).port);
    return link;
  }

  /** `url` (the service's) with host and port of this link. */
  url(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  private forward(client: net.Socket, host: string, port: number): void {
    const upstream = net.connect(port, host);
    this.sockets.add(client).add(upstream);
    const queue: Pending[] = [];
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    const drain = () => {
      timer = undefined;
      while (queue.length > 0 && queue[0].at <= Date.now()) client.write(queue.shift()!.chunk);
      if (queue.length > 0) timer = setTimeout(drain, queue[0].at - Date.now());
      else if (ended) client.end();
    };
    upstream.on('data', (chunk: Buffer) => {
      // Never before an earlier chunk, whatever the delay was when that one came.
      queue.push({ at: Math.max(Date.now() + this.delayMs, queue.at(-1)?.at ?? 0), chunk });
      if (!timer) drain();
    });
    upstream.on('end', () => {
      ended = true;
      if (!timer) drain();
    });
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    client.on('end', () => upstream.end());
    const destroy = () => {
      clearTimeout(timer);
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', destroy).on('close', destroy);
    upstream.on('error', destroy).on('close', () => (queue.length === 0 ? destroy() : undefined));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
