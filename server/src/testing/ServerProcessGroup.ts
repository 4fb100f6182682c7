// Test support: the server as `npm start` runs it (scripts/start.mjs and the compiled server it
// starts) in a process group of its own, so tests can signal or kill -9 the whole group as systemd,
// Ctrl-C in a terminal or a container runtime do.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './testServer.ts';
import { processGroupMembers, processState } from './processTable.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Groups started and not yet killed: a test run that dies must not leave servers behind (detached). */
const running = new Set<number>();
process.on('exit', () => {
  for (const pgid of running) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
});

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServerProcessGroup {
  private child: ChildProcess | undefined;
  private exit: Promise<Exit> | undefined;
  private stderr = '';

  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/yjs`;
  }

  /** Starts scripts/start.mjs and resolves once /healthz answers; throws if it exits first. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      // Its own process group (and session), as under a process manager.
      detached: true,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        // Not the default dist/client: start.mjs must not build the browser client for a test.
        CLIENT_DIR: path.join(this.dataDir, 'no-client'),
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    const pgid = child.pid;
    if (pgid) {
      running.add(pgid);
      // start.mjs exits after the server (or is killed with it by kill()).
      child.once('exit', () => running.delete(pgid));
    }
    this.stderr = '';
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`the server exited during start (${child.exitCode ?? child.signalCode}):\n${this.stderr}`);
        }
        return fetch(`${this.url}/healthz`).then((r) => r.ok, () => false);
      },
      'the server answers /healthz',
      30_000,
    );
  }

  /** Sends `signal` to every process of the group (start.mjs and the server). */
  signal(signal: NodeJS.Signals): void {
    if (this.child?.pid) process.kill(-this.child.pid, signal);
  }

  /** Resolves when start.mjs exited, with its code (the server's, see scripts/start.mjs). */
  exited(): Promise<Exit> {
    if (!this.exit) throw new Error('not started');
    return this.exit;
  }

  /**
   * kill -9 of the whole group; resolves as soon as no process of it runs any more. Zombies count
   * as gone: nobody may have reaped the server yet when it is restarted (issue 6, item 4).
   */
  async kill(): Promise<void> {
    const pgid = this.child?.pid;
    if (!pgid) return;
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err; // ESRCH: the group is gone already
    }
    await this.exited();
    await waitFor(
      () => processGroupMembers(pgid).every((pid) => processState(pid) !== 'running'),
      `process group ${pgid} is gone`,
    );
  }

  isRunning(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
}
