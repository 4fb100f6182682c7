// The confrontation matrix, computed from plain data (domain.md, "Confrontation matrix"; issue 7).
// Pure: the same input gives the same output in the browser, on the server and in the export.
// The rules below are documented for users in docs/data-model.md ("Confrontation matrix analysis").
import { NOTE_ID_PATTERN, type Note } from '../../board/schema.ts';
import type { PersonalEntry } from '../../board/personal.ts';
import { translate, type MessageKey } from '../../i18n/index.ts';
import { compareReadingOrder, swotQuadrantOf, type SwotQuadrant } from '../swot/swotQuadrants.ts';
import {
  MAX_PER_QUADRANT,
  SCALES,
  cellKey,
  isScore,
  scaleOfEntry,
  scoreEntry,
  type ConfrontationSettings,
  type Scale,
  type ScaleId,
} from './confrontationSettings.ts';

export type MatrixQuadrant = 'SO' | 'ST' | 'WO' | 'WT';
export type StrategyType = 'offensive' | 'defensive' | 'improve' | 'crisis';

export const STRATEGY_TYPES: Record<MatrixQuadrant, StrategyType> = {
  SO: 'offensive',
  ST: 'defensive',
  WO: 'improve',
  WT: 'crisis',
};

/** i18n key of each strategy type's name. */
export const STRATEGY_TYPE_KEYS: Record<StrategyType, MessageKey> = {
  offensive: 'confrontation.type.offensive',
  defensive: 'confrontation.type.defensive',
  improve: 'confrontation.type.improve',
  crisis: 'confrontation.type.crisis',
};

const QUESTION_KEYS: Record<MatrixQuadrant, MessageKey> = {
  SO: 'confrontation.question.SO',
  ST: 'confrontation.question.ST',
  WO: 'confrontation.question.WO',
  WT: 'confrontation.question.WT',
};

export interface ConfrontationInput {
  settings: ConfrontationSettings;
  /** Id of the SWOT canvas the rows and columns come from, or null when the board has none. */
  source: string | null;
  /** The notes of that canvas (any order). */
  notes: readonly Note[];
  /** Every per-person entry of the matrix canvas (all participants, all scales). */
  scores: readonly PersonalEntry[];
  /**
   * Dots per note id of the revealed dot vote on the source SWOT (issue 10): without a pick the
   * top-voted notes make the matrix. Without it the facilitator's (reading) order ranks notes.
   */
  votes?: ReadonlyMap<string, number>;
  /** The board's language: the language of the key-issue questions. */
  locale: string;
}

export interface MatrixAxisItem {
  noteId: string;
  text: string;
  quadrant: SwotQuadrant;
}

export interface MatrixCell {
  row: string;
  column: string;
  quadrant: MatrixQuadrant;
  /** How many participants scored the cell on the current scale. */
  count: number;
  /** Null while nobody scored it. */
  mean: number | null;
  /** Population standard deviation (the spread of this group's scores); null while nobody scored it. */
  stdev: number | null;
  /** At least two scores, at least two steps apart, and a standard deviation of at least half a step. */
  disagreement: boolean;
  chosen: boolean;
}

export interface StrategicOption {
  row: string;
  column: string;
  quadrant: MatrixQuadrant;
  type: StrategyType;
  count: number;
  mean: number | null;
  stdev: number | null;
  /** The key issue, in the board's language. */
  question: string;
  chosen: boolean;
}

export interface ConfrontationAnalysis {
  source: string | null;
  scale: Scale;
  perQuadrant: number;
  /** Strengths, then weaknesses. */
  rows: MatrixAxisItem[];
  /** Opportunities, then threats. */
  columns: MatrixAxisItem[];
  /** Row by row, each in column order. */
  cells: MatrixCell[];
  /** Sum of the cell means of each row (cells nobody scored add nothing), by note id. */
  rowSums: Record<string, number>;
  columnSums: Record<string, number>;
  quadrantSums: Record<MatrixQuadrant, number>;
  /** Scored (or chosen) cells, best first. */
  options: StrategicOption[];
  progress: {
    /** Cells in the matrix: what "12 of 25" counts against. */
    cells: number;
    /** Cells each participant scored on the current scale, by participant id. */
    scoredBy: Record<string, number>;
  };
  /** Scores kept but not counted: they come back when their notes or their scale do. */
  aside: {
    /** Scores on the current scale for cells not in the matrix (a note deleted, unpicked, or moved to another quadrant). */
    notInMatrix: number;
    /** Scores given on another scale, by scale id. */
    otherScales: Partial<Record<ScaleId, number>>;
  };
}

interface Tally {
  count: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
}

export function analyzeConfrontation(input: ConfrontationInput): ConfrontationAnalysis {
  const { settings } = input;
  const scale = SCALES[settings.scale];
  const rows = selectAxis(input.notes, ['S', 'W'], settings.perQuadrant, settings.rows, input.votes);
  const columns = selectAxis(input.notes, ['O', 'T'], settings.perQuadrant, settings.columns, input.votes);
  const chosen = new Set(settings.chosen);

  const tallies = new Map<string, Tally>();
  for (const r of rows) {
    for (const c of columns) tallies.set(scoreEntry(scale.id, r.noteId, c.noteId), { count: 0, sum: 0, sumSq: 0, min: Infinity, max: -Infinity });
  }
  const scoredBy: Record<string, number> = {};
  const aside: ConfrontationAnalysis['aside'] = { notInMatrix: 0, otherScales: {} };
  for (const e of input.scores) {
    const entryScale = scaleOfEntry(e.entry);
    if (!entryScale || !isScore(SCALES[entryScale], e.value)) continue;
    if (entryScale !== scale.id) {
      aside.otherScales[entryScale] = (aside.otherScales[entryScale] ?? 0) + 1;
      continue;
    }
    const t = tallies.get(e.entry);
    if (!t) {
      aside.notInMatrix++;
      continue;
    }
    const v = e.value;
    t.count++;
    t.sum += v;
    t.sumSq += v * v;
    t.min = Math.min(t.min, v);
    t.max = Math.max(t.max, v);
    scoredBy[e.participantId] = (scoredBy[e.participantId] ?? 0) + 1;
  }

  const cells: MatrixCell[] = [];
  const ranked: { cell: MatrixCell; t: Tally; r: number; c: number }[] = [];
  const rowSums: Record<string, number> = {};
  const columnSums: Record<string, number> = {};
  const quadrantSums: Record<MatrixQuadrant, number> = { SO: 0, ST: 0, WO: 0, WT: 0 };
  for (const c of columns) columnSums[c.noteId] = 0;
  rows.forEach((row, r) => {
    rowSums[row.noteId] = 0;
    columns.forEach((column, c) => {
      const t = tallies.get(scoreEntry(scale.id, row.noteId, column.noteId))!;
      const quadrant = `${row.quadrant}${column.quadrant}` as MatrixQuadrant;
      const mean = t.count > 0 ? t.sum / t.count : null;
      const cell: MatrixCell = {
        row: row.noteId,
        column: column.noteId,
        quadrant,
        count: t.count,
        mean,
        stdev: t.count > 0 ? Math.sqrt(varianceNumerator(t)) / t.count : null,
        disagreement: disagrees(t),
        chosen: chosen.has(cellKey(row.noteId, column.noteId)),
      };
      cells.push(cell);
      if (mean !== null) {
        rowSums[row.noteId] += mean;
        columnSums[column.noteId] += mean;
        quadrantSums[quadrant] += mean;
      }
      if (t.count > 0 || cell.chosen) ranked.push({ cell, t, r, c });
    });
  });

  ranked.sort((a, b) => compareOptions(a.t, b.t) || a.r - b.r || a.c - b.c);
  const text = new Map([...rows, ...columns].map((i) => [i.noteId, i.text]));
  const options = ranked.map(({ cell }): StrategicOption => ({
    row: cell.row,
    column: cell.column,
    quadrant: cell.quadrant,
    type: STRATEGY_TYPES[cell.quadrant],
    count: cell.count,
    mean: cell.mean,
    stdev: cell.stdev,
    question: translate(input.locale, QUESTION_KEYS[cell.quadrant], {
      internal: questionText(input.locale, text.get(cell.row)!),
      external: questionText(input.locale, text.get(cell.column)!),
    }),
    chosen: cell.chosen,
  }));

  return {
    source: input.source,
    scale,
    perQuadrant: settings.perQuadrant,
    rows,
    columns,
    cells,
    rowSums,
    columnSums,
    quadrantSums,
    options,
    progress: { cells: cells.length, scoredBy },
    aside,
  };
}

/**
 * The notes of two quadrants that make the rows (S, W) or the columns (O, T). The facilitator's
 * pick wins: its notes in its order, grouped by quadrant, at most MAX_PER_QUADRANT each, skipping ids
 * that are no longer notes of those quadrants. Without a pick: the first N of each quadrant by votes
 * (more first), then in the facilitator's reading order.
 */
export function selectAxis(
  notes: readonly Note[],
  quadrants: readonly [SwotQuadrant, SwotQuadrant],
  perQuadrant: number,
  picked: readonly string[] | null,
  votes?: ReadonlyMap<string, number>,
): MatrixAxisItem[] {
  const eligible = notes.filter((n) => NOTE_ID_PATTERN.test(n.id));
  const out: MatrixAxisItem[] = [];
  for (const q of quadrants) {
    const inQuadrant = eligible.filter((n) => swotQuadrantOf(n.frame) === q);
    let chosen: Note[];
    if (picked) {
      const byId = new Map(inQuadrant.map((n) => [n.id, n]));
      chosen = [...new Set(picked)].flatMap((id) => byId.get(id) ?? []).slice(0, MAX_PER_QUADRANT);
    } else {
      const byVotes = (a: Note, b: Note) => (votes ? (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) : 0);
      chosen = inQuadrant.sort((a, b) => byVotes(a, b) || compareReadingOrder(a, b)).slice(0, perQuadrant);
    }
    for (const n of chosen) out.push({ noteId: n.id, text: n.text, quadrant: q });
  }
  return out;
}

/** n² times the population variance: an integer for integer scores, so comparisons are exact. */
function varianceNumerator(t: Tally): number {
  return t.count * t.sumSq - t.sum * t.sum;
}

/** The disagreement rule: count >= 2, max - min >= 2 steps, population stdev >= 0.5 (4·n²·var >= n²). */
function disagrees(t: Tally): boolean {
  return t.count >= 2 && t.max - t.min >= 2 && 4 * varianceNumerator(t) >= t.count * t.count;
}

/**
 * Option rank: higher mean first; on equal means more scores first (more people saw the link), then
 * the smaller spread (more agreement); the caller breaks what remains by position in the matrix
 * (row, then column). Unscored (chosen) cells come last. All comparisons are on integers.
 */
function compareOptions(a: Tally, b: Tally): number {
  if (a.count === 0 || b.count === 0) return (b.count > 0 ? 1 : 0) - (a.count > 0 ? 1 : 0);
  return (
    b.sum * a.count - a.sum * b.count ||
    b.count - a.count ||
    varianceNumerator(a) * b.count * b.count - varianceNumerator(b) * a.count * a.count
  );
}

/** A note's text as it reads inside a question: one line, or a placeholder for an empty note. */
function questionText(locale: string, text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line === '' ? translate(locale, 'confrontation.emptyNote') : line;
}
