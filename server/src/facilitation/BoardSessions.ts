// The facilitation state of every board in use (issue 10): loaded from storage on first use, held
// in memory while a room or a socket.io socket has the board, changed only by `apply` (one command
// at a time per board, stored before anyone hears of it), and ended by a server-side timer when a
// phase's time is up (also after a restart: a board loaded after its end time ends at once).
//
// Several instances (REDIS_URL, issue 12) may change one board at the same moment: every change is
// stored with compare-and-set on the stored version, and one that finds another instance stored
// first reads the stored state and applies itself again, so no command or vote is lost. A stored
// change goes on the board bus with its version; every instance holding the board reads it, so its
// write rules and timer follow, and only then tells its own sockets (`watch`): no socket hears of a
// state before the instance it is connected to enforces it.
//
// Opening a private phase owes a board write (its canvas turns private, PrivateBrainstorm): the
// canvas is stored as owed with the state, in one write, and no longer owed once the board write is
// done; a board loaded with a canvas still owed (the server died between the two) writes it then.
//
// The y-websocket rooms read it synchronously (`peek`) for the write rules: a room holds the board's
// state from before its first client connects until it unloads.
import type { Logger } from 'pino';
import { z } from 'zod';
import { currentPhase, emptySessionState, SessionState, type Phase } from '../../../shared/src/facilitation/sessionState.ts';
import { Ballots, castVote, myVotes, voteResults, type MyVotes, type VoteCast, type VoteRefusal } from '../../../shared/src/facilitation/dotVotes.ts';
import { applySessionCommand, settleTimer, type CommandResult, type SessionCommand, type TurnPrivate } from '../../../shared/src/facilitation/sessionCommands.ts';
import { workshopAgenda } from '../../../shared/src/facilitation/workshopAgenda.ts';
import { BOARD_TEMPLATES } from '../../../shared/src/templates/boardTemplates.ts';
import { canvasKind } from '../../../shared/src/canvases/registry.ts';
import { CANVAS_ID_PATTERN } from '../../../shared/src/board/schema.ts';
import type { BoardStore } from '../storage/BoardStore.ts';
import type { BoardBus } from '../bus/BoardBus.ts';

/** Longest single setTimeout Node keeps (about 24.8 days); timers are capped far below it anyway. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/**
 * Tries of one change against other instances' writes before it fails. Each lost try means another
 * change was stored, so the board moves on; but one instance can keep losing to another that works
 * through a long queue of its own (a burst of commands on one board: 20 tries were too few for 60 at
 * once under load), so the bound is generous and a lost try waits a few random milliseconds.
 */
const MAX_ATTEMPTS = 100;

interface BoardSessionsOptions {
  store: BoardStore;
  log: Logger;
  now?: () => number;
  /** The canvas a note is on (the live board), or undefined when the board has no such note: votes go to notes of the phase's canvas only. */
  noteCanvas?: (boardId: string, noteId: string) => Promise<string | undefined>;
  /**
   * Other instances holding the same boards (REDIS_URL, issue 12) when `bus.shared`: every change
   * starts from the stored state, not the one held here, and is told on the bus to the others.
   */
  bus?: BoardBus;
  /** Turns a canvas private on the board (PrivateBrainstorm.turnPrivate): the board write a private phase's opening owes. */
  turnPrivate?: (boardId: string, change: TurnPrivate) => Promise<void>;
}

/** Canvases turned private by a stored change whose board write is not known to be done: canvas id to `attributed`. */
const OwedPrivate = z.record(z.string().regex(CANVAS_ID_PATTERN), z.boolean());
type OwedPrivate = z.infer<typeof OwedPrivate>;

/** What is stored per board: the state everyone gets, and what only the server reads (ballots, owed board writes). */
const StoredSession = z.object({ state: SessionState, ballots: Ballots, owedPrivate: OwedPrivate.optional() });
type StoredSession = z.infer<typeof StoredSession>;

/** A stored session as held: its version (0: none stored yet), nothing owed when absent. */
interface Held {
  state: SessionState;
  ballots: Ballots;
  owedPrivate: OwedPrivate;
  version: number;
}

export type VoteOutcome = { ok: true; mine: MyVotes } | { ok: false; reason: VoteRefusal | 'no_voting' | 'not_on_canvas' };

/** A change this instance stored: a phase change takes a snapshot. */
export interface SessionChange {
  boardId: string;
  state: SessionState;
  /** Another phase opened (or the agenda ended). */
  phaseChanged: boolean;
}

/** A held session: `version` is the stored version its state, ballots and owed writes are. */
interface Entry extends Held {
  holders: number;
  timer: NodeJS.Timeout | undefined;
  /** Ends its bus subscription. */
  unsubscribe?: () => void;
}

/** What a change computes from the held state: its answer, and the session to store (none: nothing to store). */
interface Step<R> {
  result: R;
  /** `owedPrivate` absent: the held one, plus `turnPrivate`'s canvas. */
  next?: { state: SessionState; ballots: Ballots; phaseChanged?: boolean; turnPrivate?: TurnPrivate; owedPrivate?: OwedPrivate };
}

export class BoardSessions {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  /** Per board: the tail of its queue of changes, so two commands never interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly now: () => number;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private readonly watchers = new Set<(boardId: string, state: SessionState) => void>();
  private readonly shared: boolean;
  private closed = false;

  constructor(private readonly opts: BoardSessionsOptions) {
    this.now = opts.now ?? Date.now;
    this.shared = opts.bus?.shared ?? false;
    // Changes published while the bus was away are lost: every held state is read again.
    opts.bus?.onReconnect(() => void this.resync().catch((err: unknown) => opts.log.error({ err }, 'reading the session states again after the bus reconnect failed')));
  }

  /** Loads the board's state if needed and holds it in memory until the matching `release`. */
  async acquire(boardId: string): Promise<SessionState> {
    // Held already: read again, in case a bus message of another instance's change was lost.
    if (this.shared && this.entries.has(boardId)) await this.refresh(boardId);
    const entry = this.entries.get(boardId) ?? (await this.load(boardId));
    entry.holders++;
    this.entries.set(boardId, entry);
    return entry.state;
  }

  release(boardId: string): void {
    const entry = this.entries.get(boardId);
    if (!entry || --entry.holders > 0) return;
    clearTimeout(entry.timer);
    entry.unsubscribe?.();
    this.entries.delete(boardId);
  }

  /** The state of a board someone holds (a loaded room does), else undefined. */
  peek(boardId: string): SessionState | undefined {
    return this.entries.get(boardId)?.state;
  }

  /**
   * The board's state now, also of a board nobody holds (for a duplicate, the export and the plan):
   * the held state, else the stored one, else its template's.
   */
  async current(boardId: string): Promise<SessionState> {
    const held = this.shared ? undefined : this.entries.get(boardId);
    return held?.state ?? (await this.initialState(boardId)).state;
  }

  /** Stores a new board's session (a duplicate, issue 10): `agenda`, not started, no votes, no locks. */
  async start(boardId: string, agenda: Phase[]): Promise<void> {
    const stored: StoredSession = { state: emptySessionState(agenda), ballots: {} };
    if (!(await this.opts.store.saveSessionState(boardId, stored, this.now(), 0))) throw new Error(`board ${boardId} already has a session state`);
  }

  /** Calls `listener` after every change this instance stored; returns what stops that. */
  listen(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` whenever the state held here changed, once the write rules here enforce it: a
   * change stored here, or one another instance stored and this one read. What this instance's own
   * sockets are told (each instance tells its own).
   */
  watch(listener: (boardId: string, state: SessionState) => void): void {
    this.watchers.add(listener);
  }

  /** A held state read again (another instance may have stored a change). */
  private refresh(boardId: string): Promise<void> {
    return this.enqueue(boardId, async () => {
      const entry = this.entries.get(boardId);
      if (entry) await this.reload(boardId, entry);
    });
  }

  /** The bus says another instance stored `version` (0: unsaid): read unless held already. */
  private heard(boardId: string, version: number): void {
    this.enqueue(boardId, async () => {
      const entry = this.entries.get(boardId);
      if (entry && !(version > 0 && version <= entry.version)) await this.reload(boardId, entry);
    }).catch((err: unknown) => this.opts.log.error({ err, boardId }, 'reading the session state again failed'));
  }

  /**
   * The bus was away (Redis restarted): every held state is read again; where another instance
   * changed it meanwhile, the sockets here get it (`watch`). Resolves when every held board was read.
   */
  private async resync(): Promise<void> {
    await Promise.all(Array.from(this.entries.keys(), (boardId) => this.refresh(boardId)));
  }

  /**
   * With other instances (or `always`, after a lost compare-and-set): the stored session in place of
   * the held one; a changed state is enforced here (timer, write rules), then told to the watchers.
   */
  private async reload(boardId: string, entry: Entry, always = false): Promise<void> {
    if (!this.shared && !always) return;
    const stored = await this.initialState(boardId);
    entry.ballots = stored.ballots;
    entry.owedPrivate = stored.owedPrivate;
    entry.version = stored.version;
    if (stored.state.revision === entry.state.revision && JSON.stringify(stored.state) === JSON.stringify(entry.state)) return;
    entry.state = stored.state;
    this.scheduleTimer(boardId, entry);
    this.tellWatchers(boardId, entry.state);
  }

  /** Applies a command to a held board, stores the result, then tells the listeners. */
  apply(boardId: string, cmd: SessionCommand): Promise<CommandResult> {
    return this.enqueue(boardId, async () => {
      const entry = this.entries.get(boardId);
      if (!entry) return { ok: false, reason: 'the board is not open' };
      await this.reload(boardId, entry);
      return this.change(boardId, entry, async () => this.command(entry, cmd));
    });
  }

  /** The command applied to the held state, with the ballots' share of votes:reveal and votes:clear. */
  private command(entry: Entry, cmd: SessionCommand): Step<CommandResult> {
    const result = applySessionCommand(entry.state, cmd, this.now());
    if (!result.ok) return { result };
    let { state } = result;
    let ballots = entry.ballots;
    if (cmd.type === 'votes:clear') {
      const { [cmd.phaseId]: _cleared, ...rest } = ballots;
      ballots = rest;
    }
    if (cmd.type === 'votes:reveal' || cmd.type === 'votes:clear') {
      const reveal = cmd.type === 'votes:reveal' ? cmd.revealed : cmd.phaseId in state.voteResults;
      const phase = state.agenda.find((p) => p.id === cmd.phaseId)!;
      const { [cmd.phaseId]: _old, ...others } = state.voteResults;
      state = { ...state, voteResults: reveal ? { ...others, [cmd.phaseId]: voteResults(ballots, phase) } : others };
    }
    return { result: { ...result, state }, next: { state, ballots, phaseChanged: result.phaseChanged, turnPrivate: result.turnPrivate } };
  }

  /** A voter's own dots in the current phase, when it is a voting phase. */
  myVotes(boardId: string, participantId: string): MyVotes | undefined {
    const entry = this.entries.get(boardId);
    const phase = entry && currentPhase(entry.state);
    return entry && phase && phase.voteBudget > 0 ? myVotes(entry.ballots, phase, participantId) : undefined;
  }

  /**
   * One dot more or less from `participantId` on a note of the current phase's canvas, within the
   * phase's budget and per-note limit. Stored before it counts; a revealed phase's results follow.
   */
  vote(boardId: string, participantId: string, cast: VoteCast): Promise<VoteOutcome> {
    return this.enqueue(boardId, async (): Promise<VoteOutcome> => {
      const entry = this.entries.get(boardId);
      if (!entry) return { ok: false, reason: 'no_voting' };
      await this.reload(boardId, entry);
      return this.change(boardId, entry, async (): Promise<Step<VoteOutcome>> => {
        const phase = currentPhase(entry.state);
        if (!phase || phase.voteBudget === 0) return { result: { ok: false, reason: 'no_voting' } };
        if (cast.delta === 1 && (await this.opts.noteCanvas?.(boardId, cast.noteId)) !== phase.canvasId) return { result: { ok: false, reason: 'not_on_canvas' } };
        const ballots = castVote(entry.ballots, phase, participantId, cast);
        if (typeof ballots === 'string') return { result: { ok: false, reason: ballots } };
        let state = entry.state;
        if (phase.id in state.voteResults) {
          state = { ...state, voteResults: { ...state.voteResults, [phase.id]: voteResults(ballots, phase) }, revision: state.revision + 1 };
        }
        return { result: { ok: true, mine: myVotes(ballots, phase, participantId) }, next: { state, ballots } };
      });
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
        // Subscribed before storage is read: a change stored after the read is heard.
        const unsubscribe = await this.opts.bus?.subscribe(boardId, (m) => {
          if (m.kind === 'session') this.heard(boardId, m.version);
        });
        try {
          const entry: Entry = { ...(await this.initialState(boardId)), holders: 0, timer: undefined, unsubscribe };
          await this.settle(boardId, entry);
          this.entries.set(boardId, entry);
          // The server stopped between storing a private phase's opening and its board write.
          for (const [canvasId, attributed] of Object.entries(entry.owedPrivate)) this.turnPrivate(boardId, { canvasId, attributed });
          return entry;
        } catch (err) {
          unsubscribe?.();
          throw err;
        }
      }).finally(() => this.loading.delete(boardId));
      this.loading.set(boardId, p);
    }
    return p;
  }

  /** The stored session and its version; without one, the agenda of the board's template (the workshop's), not started. */
  private async initialState(boardId: string): Promise<Held> {
    const stored = await this.opts.store.getSessionState(boardId);
    if (stored !== undefined) {
      const parsed = StoredSession.safeParse(stored.state);
      if (parsed.success) return { ...parsed.data, owedPrivate: parsed.data.owedPrivate ?? {}, version: stored.version };
      // Never expected (only this class writes it, validated); a bad row must not keep the board shut.
      this.opts.log.error({ boardId, issues: parsed.error.issues.slice(0, 3) }, 'stored session state is invalid: starting from an empty one');
      return { state: emptySessionState(), ballots: {}, owedPrivate: {}, version: stored.version };
    }
    const board = await this.opts.store.getBoard(boardId);
    if (board?.template !== 'workshop') return { state: emptySessionState(), ballots: {}, owedPrivate: {}, version: 0 };
    const canvases = BOARD_TEMPLATES.workshop.canvases.filter((c) => canvasKind(c.kind));
    return { state: emptySessionState(workshopAgenda(canvases, board.language)), ballots: {}, owedPrivate: {}, version: 0 };
  }

  /**
   * Computes a change from the held state and stores it if the stored version is still the held
   * one; when another instance stored first, reads the stored state and computes the change again
   * (a command refused on the new state is answered so). Then tells the listeners.
   */
  private async change<R>(boardId: string, entry: Entry, compute: () => Promise<Step<R>>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const { result, next } = await compute();
      if (!next) return result;
      const owedPrivate = next.owedPrivate ?? (next.turnPrivate ? { ...entry.owedPrivate, [next.turnPrivate.canvasId]: next.turnPrivate.attributed } : entry.owedPrivate);
      const stored: StoredSession = { state: next.state, ballots: next.ballots, ...(Object.keys(owedPrivate).length > 0 && { owedPrivate }) };
      if (await this.opts.store.saveSessionState(boardId, stored, this.now(), entry.version)) {
        entry.version++;
        entry.owedPrivate = owedPrivate;
        this.took(boardId, entry, next.state, next.ballots, next.phaseChanged ?? false);
        if (next.turnPrivate) this.turnPrivate(boardId, next.turnPrivate);
        return result;
      }
      if (attempt === MAX_ATTEMPTS) throw new Error(`the session state of board ${boardId} kept changing: ${MAX_ATTEMPTS} tries lost to other instances`);
      // Out of step with the instance that won, so the two do not keep colliding.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 10) * 2));
      await this.reload(boardId, entry, true);
    }
  }

  /** A running timer whose end passed is ended and stored; else the timer here waits for its end. */
  private settle(boardId: string, entry: Entry): Promise<void> {
    return this.change(boardId, entry, async () => {
      const settled = settleTimer(entry.state, this.now());
      if (!settled) this.scheduleTimer(boardId, entry);
      return { result: undefined, next: settled && { state: settled, ballots: entry.ballots } };
    });
  }

  /**
   * The stored change in place of the held state: the timer follows it, the other instances holding
   * the board hear of it (the bus), then the watchers and listeners here.
   */
  private took(boardId: string, entry: Entry, state: SessionState, ballots: Ballots, phaseChanged: boolean): void {
    entry.ballots = ballots;
    if (state === entry.state) return;
    entry.state = state;
    this.scheduleTimer(boardId, entry);
    this.opts.bus?.publish(boardId, { kind: 'session', from: this.opts.bus.instanceId, version: entry.version });
    this.tellWatchers(boardId, state);
    for (const listener of this.listeners) {
      try {
        listener({ boardId, state, phaseChanged });
      } catch (err) {
        this.opts.log.error({ err, boardId }, 'a session change listener failed');
      }
    }
  }

  private tellWatchers(boardId: string, state: SessionState): void {
    for (const watcher of this.watchers) {
      try {
        watcher(boardId, state);
      } catch (err) {
        this.opts.log.error({ err, boardId }, 'a session state watcher failed');
      }
    }
  }

  /**
   * The board write a stored change owes: its canvas turns private. Once done, the canvas is no longer
   * owed (stored); when it fails, or the server stops first, the board's next load writes it.
   */
  private turnPrivate(boardId: string, change: TurnPrivate): void {
    const write = this.opts.turnPrivate;
    if (!write || this.closed) return;
    write(boardId, change)
      .then(() => this.enqueue(boardId, async () => {
        const entry = this.entries.get(boardId);
        if (!entry) return;
        await this.reload(boardId, entry);
        await this.change(boardId, entry, async () => {
          if (entry.owedPrivate[change.canvasId] !== change.attributed) return { result: undefined };
          const { [change.canvasId]: _done, ...owedPrivate } = entry.owedPrivate;
          return { result: undefined, next: { state: entry.state, ballots: entry.ballots, owedPrivate } };
        });
      }))
      .catch((err: unknown) => this.opts.log.error({ err, boardId }, 'turning the phase’s canvas private failed (the board’s next load tries again)'));
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
        await this.reload(boardId, entry);
        await this.settle(boardId, entry);
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
