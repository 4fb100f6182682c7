// The facilitator's pick of rows or columns (settings `rows` / `columns`: note ids in order). Pure.
// Edits start from the stored pick when there is one, so ids of notes that are deleted right now stay
// in it: undoing the delete brings the row back with its scores (docs/data-model.md). Without a
// stored pick they start from what the matrix shows (the first N of each quadrant: the top-voted
// ones once a dot vote on the SWOT is revealed, issue 10).
import type { Note } from '$shared/board/schema.ts';
import { compareReadingOrder, swotQuadrantOf, type SwotQuadrant } from '$shared/canvases/swot/swotQuadrants.ts';

export interface PickerEntry {
  noteId: string;
  text: string;
  included: boolean;
}

/** One quadrant's notes as the picker lists them: those in the matrix in matrix order, then the others in SWOT order. */
export function pickerEntries(notes: readonly Note[], quadrant: SwotQuadrant, shown: readonly string[]): PickerEntry[] {
  const inQuadrant = notes.filter((n) => swotQuadrantOf(n.frame) === quadrant);
  const byId = new Map(inQuadrant.map((n) => [n.id, n]));
  const included = shown.flatMap((id) => byId.get(id) ?? []);
  const inMatrix = new Set(included.map((n) => n.id));
  const others = inQuadrant.filter((n) => !inMatrix.has(n.id)).sort(compareReadingOrder);
  return [
    ...included.map((n) => ({ noteId: n.id, text: n.text, included: true })),
    ...others.map((n) => ({ noteId: n.id, text: n.text, included: false })),
  ];
}

/** The pick with a note added (at the end of its quadrant) or taken out. */
export function withIncluded(pick: readonly string[], noteId: string, include: boolean): string[] {
  if (!include) return pick.filter((id) => id !== noteId);
  return pick.includes(noteId) ? [...pick] : [...pick, noteId];
}

/**
 * The pick with a note moved one place up (-1) or down (+1) among the notes of its quadrant that
 * exist (`quadrantOf` knows them); unchanged at the ends.
 */
export function withMoved(pick: readonly string[], noteId: string, delta: -1 | 1, quadrantOf: (id: string) => SwotQuadrant | undefined): string[] {
  const out = [...pick];
  const i = out.indexOf(noteId);
  const q = quadrantOf(noteId);
  if (i < 0 || q === undefined) return out;
  for (let j = i + delta; j >= 0 && j < out.length; j += delta) {
    if (quadrantOf(out[j]) === q) {
      [out[i], out[j]] = [out[j], out[i]];
      break;
    }
  }
  return out;
}
