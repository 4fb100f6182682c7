// Dot voting (issue 10): each participant's dots per phase, kept by the server and never sent to
// anyone else before the facilitator reveals them. Pure: the server applies `castVote` and, once a
// phase is revealed, publishes `voteResults` in the session state.
import { z } from 'zod';
import { NOTE_ID_PATTERN, PARTICIPANT_ID_PATTERN } from '../board/schema.ts';
import { MAX_VOTE_BUDGET, PHASE_ID_PATTERN, type Phase, type VoteResults } from './sessionState.ts';

/** Phase id to participant id to note id to dots. */
export const Ballots = z.record(
  z.string().regex(PHASE_ID_PATTERN),
  z.record(z.string().regex(PARTICIPANT_ID_PATTERN), z.record(z.string().regex(NOTE_ID_PATTERN), z.number().int().min(1).max(MAX_VOTE_BUDGET))),
);
export type Ballots = z.infer<typeof Ballots>;

/** `vote:cast`: one dot more (+1) or less (-1) on a note, in the current phase. */
export const VoteCast = z.object({
  noteId: z.string().regex(NOTE_ID_PATTERN),
  delta: z.union([z.literal(1), z.literal(-1)]),
});
export type VoteCast = z.infer<typeof VoteCast>;

/** A voter's own dots in a phase (`vote:mine`). */
export interface MyVotes {
  phaseId: string;
  votes: Record<string, number>;
  used: number;
  budget: number;
}

export type VoteRefusal =
  /** Every dot of the budget is given. */
  | 'over_budget'
  /** The note has as many of this voter's dots as one note may get. */
  | 'per_item'
  /** A dot taken off a note that has none of this voter's. */
  | 'none_to_take';

export function myVotes(ballots: Ballots, phase: Phase, participantId: string): MyVotes {
  const votes = { ...(ballots[phase.id]?.[participantId] ?? {}) };
  return { phaseId: phase.id, votes, used: sum(votes), budget: phase.voteBudget };
}

/** The ballots after one dot, or why not. */
export function castVote(ballots: Ballots, phase: Phase, participantId: string, cast: VoteCast): Ballots | VoteRefusal {
  const mine = { ...(ballots[phase.id]?.[participantId] ?? {}) };
  const now = mine[cast.noteId] ?? 0;
  if (cast.delta === 1) {
    if (sum(mine) >= phase.voteBudget) return 'over_budget';
    if (now >= phase.votesPerItem) return 'per_item';
    mine[cast.noteId] = now + 1;
  } else {
    if (now === 0) return 'none_to_take';
    if (now === 1) delete mine[cast.noteId];
    else mine[cast.noteId] = now - 1;
  }
  return { ...ballots, [phase.id]: { ...(ballots[phase.id] ?? {}), [participantId]: mine } };
}

/** What a reveal shows: dots per note, and who gave them when the phase is attributed. */
export function voteResults(ballots: Ballots, phase: Phase): VoteResults {
  const totals: Record<string, number> = {};
  const byParticipant: Record<string, Record<string, number>> = {};
  let voters = 0;
  for (const [participantId, votes] of Object.entries(ballots[phase.id] ?? {})) {
    if (sum(votes) > 0) voters++;
    for (const [noteId, n] of Object.entries(votes)) {
      totals[noteId] = (totals[noteId] ?? 0) + n;
      (byParticipant[noteId] ??= {})[participantId] = n;
    }
  }
  return phase.votesAttributed ? { totals, byParticipant, voters } : { totals, voters };
}

function sum(votes: Record<string, number>): number {
  return Object.values(votes).reduce((a, b) => a + b, 0);
}

/** A quadrant's notes by votes, most first; ties keep their order (the results sort each quadrant). */
export function rankByVotes<T extends { id: string }>(notes: readonly T[], totals: Readonly<Record<string, number>>): T[] {
  return notes
    .map((note, i) => ({ note, i, votes: totals[note.id] ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.i - b.i)
    .map((x) => x.note);
}
