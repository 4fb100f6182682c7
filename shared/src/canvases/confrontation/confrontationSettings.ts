// The confrontation matrix's settings and scales (domain.md, "Confrontation matrix"; issue 7).
import { z } from 'zod';
import { CANVAS_ID_PATTERN, NOTE_ID_PATTERN } from '../../board/schema.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** At most 10 strengths, weaknesses, opportunities and threats each: at most 20 x 20 cells. */
export const MAX_PER_QUADRANT = 10;
export const DEFAULT_PER_QUADRANT = 5;

export const SCALE_IDS = ['0..2', '-2..2'] as const;
export type ScaleId = (typeof SCALE_IDS)[number];

export interface Scale {
  id: ScaleId;
  min: number;
  max: number;
  /** Every allowed score, lowest first. */
  values: number[];
  /** What the UI shows for each of `values`, same order. */
  labels: string[];
}

export const SCALES: Record<ScaleId, Scale> = {
  '0..2': { id: '0..2', min: 0, max: 2, values: [0, 1, 2], labels: ['0', '+', '++'] },
  '-2..2': { id: '-2..2', min: -2, max: 2, values: [-2, -1, 0, 1, 2], labels: ['--', '-', '0', '+', '++'] },
};

export function isScore(scale: Scale, value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= scale.min && value <= scale.max;
}

const noteIds = z.array(z.string().regex(NOTE_ID_PATTERN)).max(4 * MAX_PER_QUADRANT);

export const confrontationSettings = z.object({
  /** The SWOT canvas whose notes become rows and columns; absent: the board's first SWOT canvas. */
  source: z.string().regex(CANVAS_ID_PATTERN).optional(),
  /** N: how many notes of each quadrant the matrix takes when the facilitator has not picked them. */
  perQuadrant: z.number().int().min(1).max(MAX_PER_QUADRANT).default(DEFAULT_PER_QUADRANT),
  scale: z.enum(SCALE_IDS).default('0..2'),
  /** The facilitator's pick of rows (strengths and weaknesses) in order; null: the top N of each. */
  rows: noteIds.nullable().default(null),
  /** The facilitator's pick of columns (opportunities and threats) in order; null: the top N of each. */
  columns: noteIds.nullable().default(null),
  /** Cells (`<rowNoteId>:<colNoteId>`) the facilitator chose as strategic options. */
  chosen: z.array(z.string()).max(1000).default([]),
  /** Hide others' scores in the UI until `revealed` (against anchoring; not a privacy feature). */
  hideScores: z.boolean().default(false),
  revealed: z.boolean().default(false),
});
export type ConfrontationSettings = z.infer<typeof confrontationSettings>;

export function cellKey(row: string, column: string): string {
  return `${row}:${column}`;
}

/** The `personal` entry of one score: the scale is part of it, so scores given on another scale stay aside. */
export function scoreEntry(scale: ScaleId, row: string, column: string): string {
  return `${scale}:${cellKey(row, column)}`;
}

/** The scale of a score entry, or undefined when the entry is not a score. */
export function scaleOfEntry(entry: string): ScaleId | undefined {
  for (const id of SCALE_IDS) if (entry.startsWith(id) && entry[id.length] === ':') return id;
  return undefined;
}

/** i18n key of each scale's name, for the facilitator's choice. */
export const SCALE_NAME_KEYS: Record<ScaleId, MessageKey> = {
  '0..2': 'confrontation.scale.0..2',
  '-2..2': 'confrontation.scale.-2..2',
};
