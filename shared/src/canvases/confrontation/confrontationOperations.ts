// Typed operations on a confrontation matrix: a participant's own scores, and the facilitator's
// settings (rows, columns, size, scale, chosen options, hiding scores). The server lets a
// participant write only `personal` keys with their own id, and only a facilitator the settings.
import type * as Y from 'yjs';
import { getCanvas, updateCanvasSettings } from '../../board/canvases.ts';
import { deletePersonalEntry, readPersonalEntries, setPersonalEntry, type PersonalEntry } from '../../board/personal.ts';
import type { CanvasRecord } from '../../board/schema.ts';
import { readSettings } from '../kind.ts';
import { confrontationKind } from './confrontationKind.ts';
import {
  SCALES,
  cellKey,
  isScore,
  scoreEntry,
  type ConfrontationSettings,
  type Scale,
  type ScaleId,
} from './confrontationSettings.ts';

function matrix(doc: Y.Doc, canvasId: string): { canvas: CanvasRecord; settings: ConfrontationSettings } {
  const canvas = getCanvas(doc, canvasId);
  if (!canvas || canvas.kind !== confrontationKind.id) throw new Error(`no confrontation matrix ${canvasId}`);
  return { canvas, settings: readSettings(confrontationKind, canvas.settings) };
}

export interface CellRef {
  canvasId: string;
  participantId: string;
  /** Note id of the row (a strength or weakness). */
  row: string;
  /** Note id of the column (an opportunity or threat). */
  column: string;
}

/** Sets one's own score for a cell on the matrix's current scale. Throws a RangeError for a value off the scale. */
export function setScore(doc: Y.Doc, cell: CellRef, value: number, origin?: unknown): void {
  const { settings } = matrix(doc, cell.canvasId);
  const scale = SCALES[settings.scale];
  if (!isScore(scale, value)) throw new RangeError(`score ${value} is not on the scale ${scale.id}`);
  setPersonalEntry(doc, { ...cell, entry: scoreEntry(scale.id, cell.row, cell.column) }, value, origin);
}

/** Removes one's own score for a cell (on the current scale; scores on other scales stay aside). */
export function clearScore(doc: Y.Doc, cell: CellRef, origin?: unknown): void {
  const { settings } = matrix(doc, cell.canvasId);
  deletePersonalEntry(doc, { ...cell, entry: scoreEntry(settings.scale, cell.row, cell.column) }, origin);
}

/** One participant's scores on the current scale, keyed `<row>:<column>` (cellKey). */
export function readMyScores(doc: Y.Doc, canvasId: string, participantId: string): Map<string, number> {
  const { settings } = matrix(doc, canvasId);
  return ownScores(readPersonalEntries(doc, canvasId), SCALES[settings.scale], participantId);
}

/** The same from entries already read (a view that also analyses the matrix reads them once). */
export function ownScores(entries: readonly PersonalEntry[], scale: Scale, participantId: string): Map<string, number> {
  const prefix = `${scale.id}:`;
  const out = new Map<string, number>();
  for (const e of entries) {
    if (e.participantId === participantId && e.entry.startsWith(prefix) && isScore(scale, e.value)) {
      out.set(e.entry.slice(prefix.length), e.value);
    }
  }
  return out;
}

/** Changes matrix settings (facilitator). Validated by the schema: throws before writing anything. */
export function updateMatrixSettings(doc: Y.Doc, canvasId: string, patch: Partial<ConfrontationSettings>, origin?: unknown): void {
  matrix(doc, canvasId);
  updateCanvasSettings(doc, canvasId, patch, origin);
}

/**
 * Switches the scale. Scores given on the old scale are not changed or deleted: they stay aside
 * (the analysis counts them in `aside.otherScales`) and count again if the scale is switched back.
 * The UI asks before switching a matrix that has scores.
 */
export function setMatrixScale(doc: Y.Doc, canvasId: string, scale: ScaleId, origin?: unknown): void {
  updateMatrixSettings(doc, canvasId, { scale }, origin);
}

/** The facilitator's rows in order (strengths and weaknesses), or null to go back to the top N of each. */
export function pickMatrixRows(doc: Y.Doc, canvasId: string, noteIds: string[] | null, origin?: unknown): void {
  updateMatrixSettings(doc, canvasId, { rows: noteIds }, origin);
}

/** The facilitator's columns in order (opportunities and threats), or null to go back to the top N of each. */
export function pickMatrixColumns(doc: Y.Doc, canvasId: string, noteIds: string[] | null, origin?: unknown): void {
  updateMatrixSettings(doc, canvasId, { columns: noteIds }, origin);
}

/** Marks a cell as a chosen strategic option, or unmarks it. The action plan starts from the chosen ones. */
export function setOptionChosen(doc: Y.Doc, canvasId: string, row: string, column: string, chosen: boolean, origin?: unknown): void {
  const { settings } = matrix(doc, canvasId);
  const key = cellKey(row, column);
  if (settings.chosen.includes(key) === chosen) return;
  const next = chosen ? [...settings.chosen, key] : settings.chosen.filter((k) => k !== key);
  updateMatrixSettings(doc, canvasId, { chosen: next }, origin);
}
