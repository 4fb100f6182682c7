// The facilitation state of one board (issue 10): agenda, current phase, timer, locks. Held by the
// server per board and stored beside the board (not in the Y.Doc: the server alone writes it, and
// votes kept hidden until a reveal could not sit in a document every browser syncs). Sent whole to
// every socket of the board on join and after every change (docs/api.md, "Facilitation").
import { z } from 'zod';
import { CANVAS_ID_PATTERN } from '../board/schema.ts';

/** Phase ids: chosen by the client that adds the phase (random), unique in the agenda. */
export const PHASE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_PHASES = 50;
/** Longest timer a phase can have or be given: a workshop day. */
export const MAX_TIMER_SECONDS = 8 * 60 * 60;
export const MAX_VOTE_BUDGET = 50;

/** Who may do something on the phase's canvas while the phase is current. */
export const PhaseWho = z.enum(['everyone', 'facilitator']);
export type PhaseWho = z.infer<typeof PhaseWho>;

/**
 * What participants may do on the phase's canvas. `add`: new notes, and per-person entries such as
 * matrix scores; `move`: change existing notes (move, edit, recolour, delete). A private brainstorm
 * is the phase's `privacy`.
 */
export const PhasePermissions = z.object({
  add: PhaseWho,
  move: PhaseWho,
});
export type PhasePermissions = z.infer<typeof PhasePermissions>;

/**
 * A private brainstorm phase (issue 10): while it is open, participants' new notes on its canvas go
 * to their private documents until the facilitator reveals them, with their names (`attributed`) or
 * without (`anonymous`). Opening the phase turns the canvas private; leaving it reveals nothing.
 */
export const PhasePrivacy = z.enum(['off', 'attributed', 'anonymous']);
export type PhasePrivacy = z.infer<typeof PhasePrivacy>;

export const Phase = z.object({
  id: z.string().regex(PHASE_ID_PATTERN),
  title: z.string().trim().min(1).max(120),
  /** The canvas the phase works on: the room is brought there when the phase opens. */
  canvasId: z.string().regex(CANVAS_ID_PATTERN),
  permissions: PhasePermissions,
  /** Length of the phase's timer; 0 for none. */
  timerSeconds: z.number().int().min(0).max(MAX_TIMER_SECONDS),
  /** Dots each participant may give in this phase; 0 for a phase without voting. */
  voteBudget: z.number().int().min(0).max(MAX_VOTE_BUDGET),
  /** How many of their dots one participant may put on one note. */
  votesPerItem: z.number().int().min(1).max(MAX_VOTE_BUDGET),
  /** Revealed results name who voted for what (else only the counts). */
  votesAttributed: z.boolean(),
  /** When its timer runs out, the phase's canvas turns read-only for participants. */
  closeWhenTimeIsUp: z.boolean(),
  /** Stored before phases had it (and sent by older clients) it is absent: `off`. */
  privacy: PhasePrivacy.default('off'),
});
export type Phase = z.infer<typeof Phase>;

/**
 * One shared end time: every client counts down by itself, so no tick is ever sent. `ended` is
 * written by the server's own timer (and when a board loads after its end time passed).
 */
export const Timer = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  /** `endsAt` epoch ms (server clock); `totalMs` what it was set to, for a progress ring. */
  z.object({ state: z.literal('running'), endsAt: z.number().int().nonnegative(), totalMs: z.number().int().nonnegative() }),
  z.object({ state: z.literal('paused'), remainingMs: z.number().int().nonnegative(), totalMs: z.number().int().nonnegative() }),
  z.object({ state: z.literal('ended'), endedAt: z.number().int().nonnegative(), totalMs: z.number().int().nonnegative() }),
]);
export type Timer = z.infer<typeof Timer>;

export const Locks = z.object({
  /** The whole board is read-only for participants. */
  board: z.boolean(),
  /** Canvases that are read-only for participants. */
  canvases: z.array(z.string().regex(CANVAS_ID_PATTERN)).max(200),
});
export type Locks = z.infer<typeof Locks>;

export const PhaseStatus = z.enum(['done', 'skipped']);
export type PhaseStatus = z.infer<typeof PhaseStatus>;

export const SessionState = z.object({
  agenda: z.array(Phase).max(MAX_PHASES),
  /** The phase the room is in; null before the agenda starts and after it ends: no phase rules then. */
  currentPhaseId: z.string().regex(PHASE_ID_PATTERN).nullable(),
  /** How phases were left (next: done, skip: skipped). A phase opened again keeps everything. */
  phaseStatus: z.record(z.string(), PhaseStatus),
  /** The timer of the current phase. */
  timer: Timer,
  locks: Locks,
  /**
   * Dot-vote results of the phases the facilitator revealed (phase id to results). Until a reveal
   * nobody's votes leave the server, except each voter's own (`vote:mine`).
   */
  voteResults: z.record(z.string(), z.lazy(() => VoteResults)),
  /** Goes up by one with every change: a client keeps the highest it has seen. */
  revision: z.number().int().nonnegative(),
});
export type SessionState = z.infer<typeof SessionState>;

/** A revealed vote: dots per note, and (attributed) per note who gave how many. */
export const VoteResults = z.object({
  totals: z.record(z.string(), z.number().int().nonnegative()),
  /** Attributed votes: note id to participant id to dots. Absent when anonymous. */
  byParticipant: z.record(z.string(), z.record(z.string(), z.number().int().positive())).optional(),
  /** How many people voted. */
  voters: z.number().int().nonnegative(),
});
export type VoteResults = z.infer<typeof VoteResults>;

export function emptySessionState(agenda: Phase[] = []): SessionState {
  return { agenda, currentPhaseId: null, phaseStatus: {}, timer: { state: 'idle' }, locks: { board: false, canvases: [] }, voteResults: {}, revision: 0 };
}

export function currentPhase(state: SessionState): Phase | undefined {
  return state.currentPhaseId === null ? undefined : state.agenda.find((p) => p.id === state.currentPhaseId);
}

/** Milliseconds left on the timer at `now` (0 once it ended; undefined without a timer). */
export function timerRemaining(timer: Timer, now: number): number | undefined {
  switch (timer.state) {
    case 'idle':
      return undefined;
    case 'running':
      return Math.max(0, timer.endsAt - now);
    case 'paused':
      return timer.remainingMs;
    case 'ended':
      return 0;
  }
}

/** True once a running timer's end time has passed (the server's timer turns it `ended`). */
export function timeIsUp(timer: Timer, now: number): boolean {
  return timer.state === 'ended' || (timer.state === 'running' && now >= timer.endsAt);
}
