// The reference: @y/websocket-server@0.1.1 in its own child process (see referenceServerMain.ts).
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { benchPath, forkTs, stopChild, waitForMessage } from '../childProcess.ts';
import type { BenchServer, BoardAccess } from './BenchServer.ts';

export class ReferenceServer implements BenchServer {
  readonly name = 'reference';
  private child: ChildProcess | undefined;
  private port = 0;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/yjs`;
  }

  async start(): Promise<void> {
    this.child = forkTs(benchPath('./servers/referenceServerMain.ts'));
    const ready = await waitForMessage(
      this.child,
      (m): m is { type: 'ready'; port: number } => m?.type === 'ready',
      30_000,
      'reference server start',
    );
    this.port = ready.port;
  }

  async stop(): Promise<void> {
    if (this.child) await stopChild(this.child);
    this.child = undefined;
  }

  async openBoard(clients: number): Promise<BoardAccess> {
    // The reference has no boards or auth: any room name is a document.
    return { room: `bench-${randomUUID()}`, params: Array.from({ length: clients }, () => ({})) };
  }
}
