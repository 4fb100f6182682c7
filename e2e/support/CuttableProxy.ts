// A TCP proxy in front of the server that can pull the cable.
//
// Why: Playwright's `context.setOffline(true)` makes chromium refuse NEW connections, but an
// already open WebSocket keeps sending and receiving (checked with chromium 156: messages sent
// "offline" still reached the server). So for "edit while offline" the test routes one browser
// through this proxy, and `cut()` destroys every open TCP connection and refuses new ones until
// `restore()`. The browser sees a real dropped connection, exactly like a lost network.
import net from 'node:net';

export class CuttableProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private isCut = false;

  constructor(private readonly upstreamPort: number, private readonly upstreamHost = '127.0.0.1') {}

  /** Starts listening on a free port and returns the origin to use instead of the server's. */
  async start(): Promise<string> {
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Drops every open connection and refuses new ones. */
  cut(): void {
    this.isCut = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.isCut = false;
  }

  async stop(): Promise<void> {
    this.cut();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.isCut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.upstreamPort, this.upstreamHost);
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      this.sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  }
}
