// Test support: a redis-server of the test's own (the binary is installed where the tests run), so a
// test may kill -9 and restart it without touching the machine's shared Redis. No persistence
// (`--save '' --appendonly no`): a restart comes back empty, as a Redis used only for pub/sub and
// counters is run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './freePort.ts';
import { waitFor } from './testServer.ts';
import { describeIfReachable } from './needsService.ts';

const missing = spawnSync('redis-server', ['--version']).error ? 'redis-server is not installed (apt-get install redis-server)' : undefined;

/** `describe` for tests that start their own redis-server: skipped with a printed reason without the binary, failing under CI. */
export function describePrivateRedis(name: string, fn: () => void): void {
  describeIfReachable('redis-server', 'PATH', missing, name, fn);
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

export class PrivateRedis {
  private child: ChildProcess | undefined;
  private stderr = '';

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort());
    await r.start();
    return r;
  }

  /** Starts redis-server on this port (again after kill()) and resolves once it answers PING. */
  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${this.stderr}`);
      const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on('error', () => {});
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    }, `redis-server on port ${this.port} answers`);
  }

  /** kill -9; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
