// "Take the top-voted items" (issue 10): the revealed dot votes of a SWOT canvas become the
// confrontation matrix's rows and columns. Pure: the matrix set-up calls it and writes the result as
// the facilitator's pick (settings `rows` / `columns`).
import { NOTE_ID_PATTERN, type Note } from '../board/schema.ts';
import { compareReadingOrder, swotQuadrantOf, type SwotQuadrant } from '../canvases/swot/swotQuadrants.ts';
import { rankByVotes } from './dotVotes.ts';
import type { SessionState, VoteResults } from './sessionState.ts';

/**
 * The revealed results of the last vote on `canvasId` in agenda order (the latest round wins), or
 * undefined while no vote on that canvas is revealed.
 */
export function revealedVotesOn(state: Pick<SessionState, 'agenda' | 'voteResults'> | null | undefined, canvasId: string): VoteResults | undefined {
  if (!state) return undefined;
  let found: VoteResults | undefined;
  for (const phase of state.agenda) {
    const results = state.voteResults[phase.id];
    if (phase.canvasId === canvasId && results) found = results;
  }
  return found;
}

export type TopVoted = Record<SwotQuadrant, string[]>;

/**
 * Per quadrant the ids of the `perQuadrant` notes with the most dots, most first; equal dots keep
 * the quadrant's reading order (what the matrix shows without votes). Notes without a dot are left
 * out: they were not voted to the top.
 */
export function topVoted(notes: readonly Note[], totals: Readonly<Record<string, number>>, perQuadrant: number): TopVoted {
  const out: TopVoted = { S: [], W: [], O: [], T: [] };
  const ordered = notes.filter((n) => NOTE_ID_PATTERN.test(n.id) && (totals[n.id] ?? 0) > 0).sort(compareReadingOrder);
  for (const q of Object.keys(out) as SwotQuadrant[]) {
    const inQuadrant = ordered.filter((n) => swotQuadrantOf(n.frame) === q);
    out[q] = rankByVotes(inQuadrant, totals).slice(0, perQuadrant).map((n) => n.id);
  }
  return out;
}

/** The same as the matrix's pick: rows (strengths, weaknesses) and columns (opportunities, threats). */
export function topVotedAxes(notes: readonly Note[], totals: Readonly<Record<string, number>>, perQuadrant: number): { rows: string[]; columns: string[] } {
  const top = topVoted(notes, totals, perQuadrant);
  return { rows: [...top.S, ...top.W], columns: [...top.O, ...top.T] };
}
