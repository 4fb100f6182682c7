// What a facilitator can do to the session state, as validated commands and one pure reducer. The
// server validates each `session:command` event against `SessionCommand`, asks permissions.ts, then
// applies it here; the same function runs in tests.
import { z } from 'zod';
import { CANVAS_ID_PATTERN, PARTICIPANT_ID_PATTERN } from '../board/schema.ts';
import {
  MAX_PHASES,
  MAX_TIMER_SECONDS,
  Phase,
  PHASE_ID_PATTERN,
  PhasePrivacy,
  currentPhase,
  timeIsUp,
  timerRemaining,
  type SessionState,
  type Timer,
} from './sessionState.ts';

const phaseId = z.string().regex(PHASE_ID_PATTERN);
const canvasId = z.string().regex(CANVAS_ID_PATTERN);

/**
 * The fields of a phase a facilitator may change (all but its id). `privacy` without its default, so
 * a change that does not name it leaves it as it is.
 */
export const PhaseChanges = Phase.omit({ id: true }).partial().extend({ privacy: PhasePrivacy.optional() });
export type PhaseChanges = z.infer<typeof PhaseChanges>;

export const SessionCommand = z.discriminatedUnion('type', [
  /** Adds a phase at `index` (default: the end). */
  z.object({ type: z.literal('agenda:add'), phase: Phase, index: z.number().int().min(0).max(MAX_PHASES).optional() }),
  z.object({ type: z.literal('agenda:update'), phaseId, changes: PhaseChanges }),
  z.object({ type: z.literal('agenda:remove'), phaseId }),
  z.object({ type: z.literal('agenda:move'), phaseId, index: z.number().int().min(0).max(MAX_PHASES) }),
  /** Opens a phase (also one done or skipped before: reopen), or ends the agenda (null). */
  z.object({ type: z.literal('phase:open'), phaseId: phaseId.nullable() }),
  /** Marks the current phase done and opens the next one (the first when none is open). */
  z.object({ type: z.literal('phase:next') }),
  z.object({ type: z.literal('phase:previous') }),
  /** Leaves the current phase as skipped and opens the next one. */
  z.object({ type: z.literal('phase:skip') }),
  /** Starts the timer with `seconds`, by default the current phase's length. */
  z.object({ type: z.literal('timer:start'), seconds: z.number().int().min(1).max(MAX_TIMER_SECONDS).optional() }),
  z.object({ type: z.literal('timer:pause') }),
  z.object({ type: z.literal('timer:resume') }),
  /** Adds time (a minute: 60); on an ended timer it runs again for that long. */
  z.object({ type: z.literal('timer:add'), seconds: z.number().int().min(1).max(MAX_TIMER_SECONDS) }),
  z.object({ type: z.literal('timer:stop') }),
  z.object({ type: z.literal('lock:canvas'), canvasId, locked: z.boolean() }),
  z.object({ type: z.literal('lock:board'), locked: z.boolean() }),
  /** Shows (or hides again) a phase's dot-vote results to everyone. */
  z.object({ type: z.literal('votes:reveal'), phaseId, revealed: z.boolean() }),
  /** Throws away a phase's dots (a new round). */
  z.object({ type: z.literal('votes:clear'), phaseId }),
  /**
   * "Everyone to me": not state, relayed to every other socket of the board as `session:summon`.
   * `clientId`: the facilitator's awareness client id on the board document, whose published view
   * the others then follow (through canvases) until they move the view themselves or stop.
   */
  z.object({ type: z.literal('summon'), canvasId, clientId: z.number().int().nonnegative().max(2 ** 32).nullable() }),
  /**
   * Lowers one participant's raised hand, or (null) everyone's. A hand is a field of each client's
   * own awareness state, which nobody else can write: not state either, the server relays it as
   * `hand:lowered` to that participant's sockets (or every other socket of the board) and each
   * client lowers its own hand.
   */
  z.object({ type: z.literal('hand:lower'), participantId: z.string().regex(PARTICIPANT_ID_PATTERN).nullable() }),
]);
export type SessionCommand = z.infer<typeof SessionCommand>;

/** A canvas the server turns private because of a command (see `turnsPrivate`). */
export interface TurnPrivate {
  canvasId: string;
  attributed: boolean;
}

export type CommandResult =
  | { ok: true; state: SessionState; phaseChanged: boolean; turnPrivate?: TurnPrivate }
  | { ok: false; reason: string };

/**
 * Applies a facilitator's command at `now` (the server's clock). Returns the new state (a new object,
 * `revision` one up) or why it cannot apply. `summon` and `hand:lower` change no state: the server relays them.
 */
export function applySessionCommand(state: SessionState, cmd: SessionCommand, now: number): CommandResult {
  const result = reduce(state, cmd, now);
  if (typeof result === 'string') return { ok: false, reason: result };
  const phaseChanged = result.currentPhaseId !== state.currentPhaseId;
  const turnPrivate = turnsPrivate(state, result);
  return { ok: true, state: { ...result, revision: state.revision + 1 }, phaseChanged, ...(turnPrivate && { turnPrivate }) };
}

/**
 * The canvas to turn private after a change: a private phase was opened, or the open phase became
 * private (or changed canvas, or attributed/anonymous). Nothing else touches the canvas's mode: a
 * phase left, or made `off`, keeps its hidden notes hidden until the facilitator reveals them (the
 * reveal turns the canvas public); a reveal during the phase is not undone by a later command.
 */
function turnsPrivate(before: SessionState, after: SessionState): TurnPrivate | undefined {
  const now = currentPhase(after);
  if (!now || now.privacy === 'off') return undefined;
  const was = currentPhase(before);
  if (was?.id === now.id && was.privacy === now.privacy && was.canvasId === now.canvasId) return undefined;
  return { canvasId: now.canvasId, attributed: now.privacy === 'attributed' };
}

function reduce(state: SessionState, cmd: SessionCommand, now: number): SessionState | string {
  const index = (id: string) => state.agenda.findIndex((p) => p.id === id);
  switch (cmd.type) {
    case 'agenda:add': {
      if (state.agenda.length >= MAX_PHASES) return `an agenda has at most ${MAX_PHASES} phases`;
      if (index(cmd.phase.id) >= 0) return 'a phase with this id exists';
      const agenda = [...state.agenda];
      agenda.splice(Math.min(cmd.index ?? agenda.length, agenda.length), 0, cmd.phase);
      return { ...state, agenda };
    }
    case 'agenda:update': {
      const i = index(cmd.phaseId);
      if (i < 0) return 'no such phase';
      const agenda = [...state.agenda];
      agenda[i] = { ...agenda[i], ...definedOnly(cmd.changes) };
      return { ...state, agenda };
    }
    case 'agenda:remove': {
      if (index(cmd.phaseId) < 0) return 'no such phase';
      const { [cmd.phaseId]: _gone, ...phaseStatus } = state.phaseStatus;
      const open = state.currentPhaseId === cmd.phaseId;
      return {
        ...state,
        agenda: state.agenda.filter((p) => p.id !== cmd.phaseId),
        phaseStatus,
        currentPhaseId: open ? null : state.currentPhaseId,
        timer: open ? { state: 'idle' } : state.timer,
      };
    }
    case 'agenda:move': {
      const i = index(cmd.phaseId);
      if (i < 0) return 'no such phase';
      const agenda = [...state.agenda];
      const [phase] = agenda.splice(i, 1);
      agenda.splice(Math.min(cmd.index, agenda.length), 0, phase);
      return { ...state, agenda };
    }
    case 'phase:open':
      if (cmd.phaseId !== null && index(cmd.phaseId) < 0) return 'no such phase';
      return openPhase(state, cmd.phaseId, undefined);
    case 'phase:next':
    case 'phase:skip': {
      const at = state.currentPhaseId === null ? -1 : index(state.currentPhaseId);
      const next = state.agenda[at + 1];
      // Past the last phase the agenda ends: no phase rules any more.
      return openPhase(state, next?.id ?? null, cmd.type === 'phase:next' ? 'done' : 'skipped');
    }
    case 'phase:previous': {
      if (state.currentPhaseId === null) return 'no phase is open';
      const at = index(state.currentPhaseId);
      if (at <= 0) return 'this is the first phase';
      return openPhase(state, state.agenda[at - 1].id, undefined);
    }
    case 'timer:start': {
      const seconds = cmd.seconds ?? currentPhase(state)?.timerSeconds ?? 0;
      if (seconds <= 0) return 'the phase has no timer length';
      return { ...state, timer: running(seconds * 1000, seconds * 1000, now) };
    }
    case 'timer:pause': {
      if (state.timer.state !== 'running') return 'the timer is not running';
      if (timeIsUp(state.timer, now)) return 'the time is up';
      return { ...state, timer: { state: 'paused', remainingMs: timerRemaining(state.timer, now) ?? 0, totalMs: state.timer.totalMs } };
    }
    case 'timer:resume':
      if (state.timer.state !== 'paused') return 'the timer is not paused';
      return { ...state, timer: running(state.timer.remainingMs, state.timer.totalMs, now) };
    case 'timer:add': {
      const ms = cmd.seconds * 1000;
      const t = state.timer;
      switch (t.state) {
        case 'idle':
          return 'the timer is not set';
        case 'paused':
          return { ...state, timer: { ...t, remainingMs: Math.min(t.remainingMs + ms, MAX_TIMER_SECONDS * 1000), totalMs: t.totalMs + ms } };
        case 'running':
        case 'ended': {
          // An ended timer (also one whose end the server has not handled yet) runs again.
          const left = timerRemaining(t, now) ?? 0;
          return { ...state, timer: running(Math.min(left + ms, MAX_TIMER_SECONDS * 1000), t.totalMs + ms, now) };
        }
      }
      return state;
    }
    case 'timer:stop':
      return { ...state, timer: { state: 'idle' } };
    case 'lock:canvas': {
      const canvases = state.locks.canvases.filter((id) => id !== cmd.canvasId);
      if (cmd.locked) canvases.push(cmd.canvasId);
      if (canvases.length > 200) return 'too many locked canvases';
      return { ...state, locks: { ...state.locks, canvases } };
    }
    case 'lock:board':
      return { ...state, locks: { ...state.locks, board: cmd.locked } };
    case 'votes:reveal':
    case 'votes:clear':
      // The ballots are the server's (BoardSessions): it puts the results in.
      if (index(cmd.phaseId) < 0) return 'no such phase';
      return state;
    case 'summon':
    case 'hand:lower':
      return state;
  }
}

/**
 * Opens `phaseId` (null: ends the agenda), marking the phase left as `leaving` (done, skipped) if
 * given. The timer belongs to the phase: it goes back to idle. Nothing on the board changes, so a
 * phase opened again finds everything as it was.
 */
function openPhase(state: SessionState, phaseId: string | null, leaving: 'done' | 'skipped' | undefined): SessionState {
  const phaseStatus = { ...state.phaseStatus };
  if (leaving && state.currentPhaseId !== null) phaseStatus[state.currentPhaseId] = leaving;
  if (phaseId !== null) delete phaseStatus[phaseId];
  return { ...state, currentPhaseId: phaseId, phaseStatus, timer: { state: 'idle' } };
}

function running(remainingMs: number, totalMs: number, now: number): Timer {
  return { state: 'running', endsAt: now + remainingMs, totalMs };
}

/**
 * The server's timer ran out: a running timer whose end passed becomes `ended`. Returns undefined
 * when nothing changes (run on load too, so a restart during a phase ends it just the same).
 */
export function settleTimer(state: SessionState, now: number): SessionState | undefined {
  if (state.timer.state !== 'running' || now < state.timer.endsAt) return undefined;
  return { ...state, timer: { state: 'ended', endedAt: state.timer.endsAt, totalMs: state.timer.totalMs }, revision: state.revision + 1 };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
