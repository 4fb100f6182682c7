// The facilitation state of every board in use (issue 10): loaded from storage on first use, held
// in memory while a room or a socket.io socket has the board, changed only by `apply` (one command
// at a time per board, stored before anyone hears of it), and ended by a server-side timer when a
// phase's time is up (also after a restart: a board loaded after its end time ends at once).
//
// The y-websocket rooms read it synchronously (`peek`) for the write rules: a room holds the board's
// state from before its first client connects until it unloads.
import type { Logger } from 'pino';
import { emptySessionState, SessionState } from '../../../shared/src/facilitation/sessionState.ts';
import { applySessionCommand, settleTimer, type CommandResult, type SessionCommand } from '../../../shared/src/facilitation/sessionCommands.ts';
import { workshopAgenda } from '../../../shared/src/facilitation/workshopAgenda.ts';
import { BOARD_TEMPLATES } from '../../../shared/src/templates/boardTemplates.ts';
import { canvasKind } from '../../../shared/src/canvases/registry.ts';
import type { BoardStore } from '../storage/BoardStore.ts';

/** Longest single setTimeout Node keeps (about 24.8 days); timers are capped far below it anyway. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface BoardSessionsOptions {
  store: BoardStore;
  log: Logger;
  now?: () => number;
}

/** A stored change: socket.io sends the state to the board's sockets; a phase change takes a snapshot. */
export interface SessionChange {
  boardId: string;
  state: SessionState;
  /** Another phase opened (or the agenda ended). */
  phaseChanged: boolean;
}

interface Entry {
  state: SessionState;
  holders: number;
  timer: NodeJS.Timeout | undefined;
}

export class BoardSessions {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  /** Per board: the tail of its queue of changes, so two commands never interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly now: () => number;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private closed = false;

  constructor(private readonly opts: BoardSessionsOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Loads the board's state if needed and holds it in memory until the matching `release`. */
  async acquire(boardId: string): Promise<SessionState> {
    const entry = this.entries.get(boardId) ?? (await this.load(boardId));
    entry.holders++;
    this.entries.set(boardId, entry);
    return entry.state;
  }

  release(boardId: string): void {
    const entry = this.entries.get(boardId);
    if (!entry || --entry.holders > 0) return;
    clearTimeout(entry.timer);
    this.entries.delete(boardId);
  }

  /** The state of a board someone holds (a loaded room does), else undefined. */
  peek(boardId: string): SessionState | undefined {
    return this.entries.get(boardId)?.state;
  }

  /** Calls `listener` after every stored change; returns what stops that. */
  listen(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies a command to a held board, stores the result, then tells the listeners. */
  apply(boardId: string, cmd: SessionCommand): Promise<CommandResult> {
    return this.enqueue(boardId, async () => {
      const entry = this.entries.get(boardId);
      if (!entry) return { ok: false, reason: 'the board is not open' };
      const result = applySessionCommand(entry.state, cmd, this.now());
      if (!result.ok || result.state === entry.state) return result;
      await this.commit(boardId, entry, result.state, result.phaseChanged);
      return result;
    });
  }

  /** Stops the timers; held states stay readable. */
  close(): void {
    this.closed = true;
    for (const e of this.entries.values()) clearTimeout(e.timer);
  }

  private load(boardId: string): Promise<Entry> {
    let p = this.loading.get(boardId);
    if (!p) {
      p = this.enqueue(boardId, async () => {
        const held = this.entries.get(boardId);
        if (held) return held;
        const entry: Entry = { state: await this.initialState(boardId), holders: 0, timer: undefined };
        const settled = settleTimer(entry.state, this.now());
        if (settled) await this.commit(boardId, entry, settled);
        else this.scheduleTimer(boardId, entry);
        return entry;
      }).finally(() => this.loading.delete(boardId));
      this.loading.set(boardId, p);
    }
    return p;
  }

  /** The stored state; without one, the agenda of the board's template (the workshop's), not started. */
  private async initialState(boardId: string): Promise<SessionState> {
    const stored = await this.opts.store.getSessionState(boardId);
    if (stored !== undefined) {
      const parsed = SessionState.safeParse(stored);
      if (parsed.success) return parsed.data;
      // Never expected (only this class writes it, validated); a bad row must not keep the board shut.
      this.opts.log.error({ boardId, issues: parsed.error.issues.slice(0, 3) }, 'stored session state is invalid: starting from an empty one');
      return emptySessionState();
    }
    const board = await this.opts.store.getBoard(boardId);
    if (board?.template !== 'workshop') return emptySessionState();
    const canvases = BOARD_TEMPLATES.workshop.canvases.filter((c) => canvasKind(c.kind));
    return emptySessionState(workshopAgenda(canvases, board.language));
  }

  private async commit(boardId: string, entry: Entry, state: SessionState, phaseChanged = false): Promise<void> {
    await this.opts.store.saveSessionState(boardId, state, this.now());
    entry.state = state;
    this.scheduleTimer(boardId, entry);
    for (const listener of this.listeners) {
      try {
        listener({ boardId, state, phaseChanged });
      } catch (err) {
        this.opts.log.error({ err, boardId }, 'a session change listener failed');
      }
    }
  }

  /** The server's own timer: when a running timer's end comes, the state says `ended`. */
  private scheduleTimer(boardId: string, entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    const { timer } = entry.state;
    if (timer.state !== 'running' || this.closed) return;
    const wait = Math.min(Math.max(0, timer.endsAt - this.now()), MAX_TIMEOUT_MS);
    entry.timer = setTimeout(() => {
      void this.enqueue(boardId, async () => {
        if (this.entries.get(boardId) !== entry) return;
        const settled = settleTimer(entry.state, this.now());
        if (settled) await this.commit(boardId, entry, settled);
        else this.scheduleTimer(boardId, entry);
      }).catch((err: unknown) => this.opts.log.error({ err, boardId }, 'ending the timer failed'));
    }, wait);
    entry.timer.unref();
  }

  private enqueue<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(boardId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.queues.set(boardId, tail);
    void tail.then(() => {
      if (this.queues.get(boardId) === tail) this.queues.delete(boardId);
    });
    return next;
  }
}
