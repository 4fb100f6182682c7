// Our server (server/src/main.ts) in its own child process, configured through its documented
// environment variables, on a fresh or given data directory.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkTs, freePort, sleep, stopChild } from '../childProcess.ts';
import type { BenchServer, BoardAccess } from './BenchServer.ts';
import type { SessionResponse, TemplateId } from '../../shared/src/protocol.ts';

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

export interface CreatedBoard {
  id: string;
  links: { facilitator: string; participant: string; viewer: string };
}

export interface OurServerOptions {
  /** Reuse a data directory (load bench); by default a temporary one is created and removed on dispose(). */
  dataDir?: string;
  /** LOG_LEVEL for the server; 'warn' keeps per-connection logging out of the measurement. */
  logLevel?: string;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Another entry point with server/src/main.ts's configuration (bench/writeRules/serverMain.ts). */
  main?: string;
}

export class OurServer implements BenchServer {
  readonly name = 'ours';
  readonly dataDir: string;
  private readonly ownsDataDir: boolean;
  private child: ChildProcess | undefined;
  private port = 0;
  private exit: string | undefined;

  constructor(private readonly opts: OurServerOptions = {}) {
    this.ownsDataDir = opts.dataDir === undefined;
    this.dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'wb-bench-'));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Started and not exited (by itself or through stop()). */
  get running(): boolean {
    return this.child !== undefined && this.exit === undefined;
  }

  /** How the last server process ended, e.g. "code 1, signal null". */
  get exitDescription(): string | undefined {
    return this.exit;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/yjs`;
  }

  async start(): Promise<void> {
    this.port = nextFixedPort() ?? (await freePort());
    const child = forkTs(this.opts.main ?? MAIN, {
      env: {
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        PUBLIC_URL: this.origin,
        LOG_LEVEL: this.opts.logLevel ?? 'warn',
        // Every bench client joins from 127.0.0.1; the per-IP limits exist against token guessing
        // and board spam from one address, which is not what is measured here.
        RATE_LIMIT_SESSIONS_PER_MINUTE: '1000000',
        RATE_LIMIT_BOARDS_PER_MINUTE: '1000000',
        // All bench clients connect from 127.0.0.1; the per-IP socket cap guards against one host
        // exhausting memory, which is not what is measured.
        WS_CONNECTIONS_PER_IP: '1000000',
        // Clients share sessions (round robin) when session creation was rate-limited.
        WS_CONNECTIONS_PER_SESSION: '1000000',
        ...this.opts.env,
      },
    });
    this.child = child;
    this.exit = undefined;
    let exited = false;
    child.once('exit', (code, signal) => {
      exited = true;
      this.exit = `code ${code}, signal ${signal}`;
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited) throw new Error('our server exited during start (see its stderr above)');
      try {
        const res = await fetch(`${this.origin}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('our server did not answer /healthz within 30 s');
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    if (this.child) await stopChild(this.child, 10_000);
    this.child = undefined;
  }

  /** Stops the server and removes the data directory if this instance created it. */
  async dispose(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  async createBoard(title: string, template: TemplateId = 'swot'): Promise<CreatedBoard> {
    const res = await fetch(`${this.origin}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, template, language: 'en' }),
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`POST /api/boards: ${res.status} ${await res.text()}`);
    return (await res.json()) as CreatedBoard;
  }

  /** Exchanges a join link's token for a session; undefined when rate limited. */
  async createSession(boardId: string, link: string, name: string): Promise<string | undefined> {
    return (await this.joinBoard(boardId, link, name))?.session;
  }

  /** The whole POST /api/boards/<id>/sessions answer (SessionResponse); undefined when rate limited. */
  async joinBoard(boardId: string, link: string, name: string): Promise<SessionResponse | undefined> {
    const token = new URL(link).hash.slice(1);
    const res = await fetch(`${this.origin}/api/boards/${boardId}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, name }),
    });
    if (res.status === 429) return undefined;
    if (!res.ok) throw new Error(`POST /api/boards/${boardId}/sessions: ${res.status} ${await res.text()}`);
    return (await res.json()) as SessionResponse;
  }

  async openBoard(clients: number): Promise<BoardAccess> {
    const board = await this.createBoard('Bench board');
    // One session per client, as in a workshop. If the server rate-limits session creation from
    // one address, the remaining clients share the sessions already made (round robin).
    const sessions: string[] = [];
    for (let i = 0; i < clients; i++) {
      const s = await this.createSession(board.id, board.links.participant, `Client ${i}`);
      if (s === undefined) break;
      sessions.push(s);
    }
    if (sessions.length === 0) throw new Error('could not create any session (rate limited?)');
    return {
      room: board.id,
      params: Array.from({ length: clients }, (_, i) => ({ session: sessions[i % sessions.length] })),
    };
  }
}

/**
 * BENCH_PORT_BASE=N: servers listen on N, N+1, ... N+9 in turn instead of a random free port (for a
 * machine where each user of it has a range of ports).
 */
let fixedPorts = 0;
function nextFixedPort(): number | undefined {
  const base = Number(process.env.BENCH_PORT_BASE);
  if (!Number.isInteger(base) || base <= 0) return undefined;
  return base + (fixedPorts++ % 10);
}
