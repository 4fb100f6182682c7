// Typed operations on a 7S canvas: a participant's own scores of the elements' current and desired
// state, and their fit ratings of the links. The server lets a participant write only `personal`
// keys with their own id (server/src/auth/permissions.ts); viewers write nothing.
import type * as Y from 'yjs';
import { getCanvas } from '../../board/canvases.ts';
import { deletePersonalEntry, setPersonalEntry, type PersonalEntry } from '../../board/personal.ts';
import { sevensKind } from './sevensKind.ts';
import { fitEntry, isSevensScore, parseSevensEntry, scoreEntry, sevensPair, type SevensElement, type SevensState } from './sevensModel.ts';

export interface Scorer {
  canvasId: string;
  participantId: string;
}

function check(doc: Y.Doc, canvasId: string, value: number | null): void {
  const canvas = getCanvas(doc, canvasId);
  if (!canvas || canvas.kind !== sevensKind.id) throw new Error(`no 7S canvas ${canvasId}`);
  if (value !== null && !isSevensScore(value)) throw new RangeError(`a 7S score is a whole number from 1 to 5, not ${value}`);
}

/** Sets (or with null clears) one's own score of an element's current or desired state. */
export function setElementScore(doc: Y.Doc, who: Scorer, element: SevensElement, state: SevensState, value: number | null, origin?: unknown): void {
  check(doc, who.canvasId, value);
  const key = { ...who, entry: scoreEntry(element, state) };
  if (value === null) deletePersonalEntry(doc, key, origin);
  else setPersonalEntry(doc, key, value, origin);
}

/** Sets (or with null clears) one's own rating of how well two elements fit (either order). */
export function setFitScore(doc: Y.Doc, who: Scorer, x: SevensElement, y: SevensElement, value: number | null, origin?: unknown): void {
  const pair = sevensPair(x, y);
  if (!pair) throw new RangeError(`a link needs two different elements, not ${x} twice`);
  check(doc, who.canvasId, value);
  const key = { ...who, entry: fitEntry(pair) };
  if (value === null) deletePersonalEntry(doc, key, origin);
  else setPersonalEntry(doc, key, value, origin);
}

/** One participant's valid scores and ratings, keyed by their entry (`score:<element>:<state>`, `fit:<a>:<b>`). */
export function ownSevensScores(entries: readonly PersonalEntry[], participantId: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    if (e.participantId === participantId && isSevensScore(e.value) && parseSevensEntry(e.entry)) out.set(e.entry, e.value);
  }
  return out;
}
