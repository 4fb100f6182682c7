// Per-person entries (a participant's matrix scores; later quickscan scores, 7S ratings, votes).
// They live in one flat root map, one key per value: `<canvasId>/<participantId>/<entry>`.
// Flat on purpose (docs/data-model.md, "Why per-person data is flat"): no client ever creates a
// container map that others write into, so there is no concurrent-creation race that drops a
// subtree, and a participant allowed to write `<canvasId>/<own id>/...` keys cannot replace anyone
// else's data. The server can tell whose entry a write touches from the key alone.
import type * as Y from 'yjs';
import { CANVAS_ID_PATTERN, PARTICIPANT_ID_PATTERN, personalMap } from './schema.ts';

export interface PersonalKey {
  canvasId: string;
  participantId: string;
  /** Kind-specific, e.g. `0..2:<rowNoteId>:<colNoteId>` for a matrix score. Never empty. */
  entry: string;
}

export interface PersonalEntry extends PersonalKey {
  /** As stored; the kind validates it (a foreign program may have written anything). */
  value: unknown;
}

export function personalKey(canvasId: string, participantId: string, entry: string): string {
  if (!CANVAS_ID_PATTERN.test(canvasId)) throw new Error(`invalid canvas id: ${canvasId}`);
  if (!PARTICIPANT_ID_PATTERN.test(participantId)) throw new Error(`invalid participant id: ${participantId}`);
  if (entry === '') throw new Error('empty personal entry');
  return `${canvasId}/${participantId}/${entry}`;
}

/** The parts of a key of `personal`, or undefined when it is not one we could have written. */
export function parsePersonalKey(key: string): PersonalKey | undefined {
  const a = key.indexOf('/');
  const b = a < 0 ? -1 : key.indexOf('/', a + 1);
  if (b < 0 || b === key.length - 1) return undefined;
  const canvasId = key.slice(0, a);
  const participantId = key.slice(a + 1, b);
  if (!CANVAS_ID_PATTERN.test(canvasId) || !PARTICIPANT_ID_PATTERN.test(participantId)) return undefined;
  return { canvasId, participantId, entry: key.slice(b + 1) };
}

/** Every per-person entry of one canvas (all participants). */
export function readPersonalEntries(doc: Y.Doc, canvasId: string): PersonalEntry[] {
  const out: PersonalEntry[] = [];
  const prefix = `${canvasId}/`;
  personalMap(doc).forEach((value, key) => {
    if (!key.startsWith(prefix)) return;
    const parsed = parsePersonalKey(key);
    // A literal, not a spread: this runs for every score on every change of the matrix.
    if (parsed) out.push({ canvasId: parsed.canvasId, participantId: parsed.participantId, entry: parsed.entry, value });
  });
  return out;
}

export function setPersonalEntry(doc: Y.Doc, key: PersonalKey, value: number | string | boolean, origin?: unknown): void {
  const k = personalKey(key.canvasId, key.participantId, key.entry);
  const map = personalMap(doc);
  // An unchanged value is not written again: every overwrite leaves metadata behind.
  if (map.get(k) === value) return;
  doc.transact(() => map.set(k, value), origin);
}

export function deletePersonalEntry(doc: Y.Doc, key: PersonalKey, origin?: unknown): void {
  const k = personalKey(key.canvasId, key.participantId, key.entry);
  const map = personalMap(doc);
  if (!map.has(k)) return;
  doc.transact(() => map.delete(k), origin);
}
