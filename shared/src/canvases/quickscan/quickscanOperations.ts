// Typed operations on a quickscan: a participant's own scores and comments, and the facilitator's
// rounds. The server lets a participant write only `personal` keys with their own id, and only a
// facilitator the settings (server/src/auth/permissions.ts).
import type * as Y from 'yjs';
import { getCanvas, updateCanvasSettings } from '../../board/canvases.ts';
import { deletePersonalEntry, setPersonalEntry, type PersonalEntry } from '../../board/personal.ts';
import { readSettings } from '../kind.ts';
import type { ActivityId } from './quickscanActivities.ts';
import { quickscanKind } from './quickscanKind.ts';
import {
  MAX_COMMENT,
  MAX_ROUNDS,
  currentRound,
  isScore,
  nextRoundId,
  parseQuickscanEntry,
  quickscanEntry,
  type QuickscanRoundSetting,
  type QuickscanSettings,
} from './quickscanSettings.ts';

export function readQuickscanSettings(doc: Y.Doc, canvasId: string): QuickscanSettings {
  const canvas = getCanvas(doc, canvasId);
  if (!canvas || canvas.kind !== quickscanKind.id) throw new Error(`no quickscan ${canvasId}`);
  return readSettings(quickscanKind, canvas.settings);
}

export interface ActivityRef {
  canvasId: string;
  participantId: string;
  round: string;
  activity: ActivityId;
}

function knownRound(doc: Y.Doc, ref: ActivityRef): void {
  if (!readQuickscanSettings(doc, ref.canvasId).rounds.some((r) => r.id === ref.round)) throw new Error(`no round ${ref.round}`);
}

/** Sets one's own score (1-5) of an activity in a round. Throws a RangeError for any other value. */
export function setQuickscanScore(doc: Y.Doc, ref: ActivityRef, value: number, origin?: unknown): void {
  if (!isScore(value)) throw new RangeError(`score ${value} is not 1 to 5`);
  knownRound(doc, ref);
  setPersonalEntry(doc, { ...ref, entry: quickscanEntry(ref.round, ref.activity, 'score') }, value, origin);
}

export function clearQuickscanScore(doc: Y.Doc, ref: ActivityRef, origin?: unknown): void {
  deletePersonalEntry(doc, { ...ref, entry: quickscanEntry(ref.round, ref.activity, 'score') }, origin);
}

/**
 * Sets one's own comment on an activity in a round; an empty (or blank) text deletes it. Throws a
 * RangeError above MAX_COMMENT characters. Called when the field is left or the writer pauses, not
 * per keystroke: every overwrite of a key leaves metadata behind.
 */
export function setQuickscanComment(doc: Y.Doc, ref: ActivityRef, text: string, origin?: unknown): void {
  if (text.length > MAX_COMMENT) throw new RangeError(`comment longer than ${MAX_COMMENT} characters`);
  const key = { ...ref, entry: quickscanEntry(ref.round, ref.activity, 'comment') };
  if (text.trim() === '') deletePersonalEntry(doc, key, origin);
  else {
    knownRound(doc, ref);
    setPersonalEntry(doc, key, text, origin);
  }
}

export interface OwnAnswers {
  scores: Map<ActivityId, number>;
  comments: Map<ActivityId, string>;
}

/** One participant's scores and comments in one round, from the canvas's entries. */
export function ownAnswers(entries: readonly PersonalEntry[], participantId: string, round: string): OwnAnswers {
  const out: OwnAnswers = { scores: new Map(), comments: new Map() };
  for (const e of entries) {
    if (e.participantId !== participantId) continue;
    const parsed = parseQuickscanEntry(e.entry);
    if (!parsed || parsed.round !== round) continue;
    if (parsed.part === 'score' && isScore(e.value)) out.scores.set(parsed.activity, e.value);
    else if (parsed.part === 'comment' && typeof e.value === 'string') out.comments.set(parsed.activity, e.value);
  }
  return out;
}

/**
 * Starts a new round (facilitator): added after the others and made the one being scored. The
 * earlier rounds keep their scores, to compare against. Returns the new round's id.
 */
export function startRound(doc: Y.Doc, canvasId: string, round: { label?: string; date?: string | null } = {}, origin?: unknown): string {
  const settings = readQuickscanSettings(doc, canvasId);
  if (settings.rounds.length >= MAX_ROUNDS) throw new RangeError(`at most ${MAX_ROUNDS} rounds`);
  const id = nextRoundId(settings.rounds);
  const next: QuickscanRoundSetting = { id, label: round.label?.trim() ?? '', date: round.date ?? null };
  updateCanvasSettings(doc, canvasId, { rounds: [...settings.rounds, next], current: id }, origin);
  return id;
}

/** Changes a round's label or date (facilitator). Validated by the schema: throws before writing. */
export function updateRound(doc: Y.Doc, canvasId: string, roundId: string, patch: Partial<Pick<QuickscanRoundSetting, 'label' | 'date'>>, origin?: unknown): void {
  const settings = readQuickscanSettings(doc, canvasId);
  if (!settings.rounds.some((r) => r.id === roundId)) throw new Error(`no round ${roundId}`);
  const rounds = settings.rounds.map((r) => (r.id === roundId ? { ...r, ...patch } : r));
  updateCanvasSettings(doc, canvasId, { rounds }, origin);
}

/** Makes an existing round the one being scored again (facilitator), e.g. to reopen the last but one. */
export function setCurrentRound(doc: Y.Doc, canvasId: string, roundId: string, origin?: unknown): void {
  const settings = readQuickscanSettings(doc, canvasId);
  if (!settings.rounds.some((r) => r.id === roundId)) throw new Error(`no round ${roundId}`);
  if (currentRound(settings).id === roundId) return;
  updateCanvasSettings(doc, canvasId, { current: roundId }, origin);
}
