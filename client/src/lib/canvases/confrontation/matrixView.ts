// The matrix as the views show it: the shared analysis plus this user's own scores, with the codes,
// labels, formatted numbers and heat colours the grid, the results and the outline need. Pure.
//
// Two languages meet here. What belongs to the workshop's content (row and column codes, the SWOT
// quadrant names, the strategy types of the quadrants, the key issues) is in the board's language,
// as the issue asks for the quadrants' labels; what belongs to the screen (aria phrases, "your
// score") is in the user's.
import { translate, type MessageKey } from '$shared/i18n/index.ts';
import {
  STRATEGY_TYPES,
  STRATEGY_TYPE_KEYS,
  type ConfrontationAnalysis,
  type MatrixQuadrant,
  type StrategyType,
} from '$shared/canvases/confrontation/confrontationAnalysis.ts';
import { cellKey } from '$shared/canvases/confrontation/confrontationSettings.ts';
import type { SwotQuadrant } from '$shared/canvases/swot/swotQuadrants.ts';
import { heatColor, type HeatColor } from './heatColor.ts';
import { agreementOf, formatScore, noteLine, plural, scoreLabel, scoreName, type Agreement } from './matrixText.ts';

const QUADRANT_NAME_KEYS: Record<SwotQuadrant, MessageKey> = {
  S: 'swot.strengths',
  W: 'swot.weaknesses',
  O: 'swot.opportunities',
  T: 'swot.threats',
};

export interface MatrixViewInput {
  analysis: ConfrontationAnalysis;
  /** This user's scores on the current scale, keyed `<row>:<column>`. */
  mine: ReadonlyMap<string, number>;
  /** False while the facilitator hides the group's results: every result field is then empty. */
  showResults: boolean;
  /** The user's language (screen phrases). */
  locale: string;
  /** The board's language (workshop content). */
  boardLocale: string;
}

export interface AxisEntry {
  noteId: string;
  quadrant: SwotQuadrant;
  /** "S1", "W2", "O1" (board language: "Z2", "K1" in Dutch). */
  code: string;
  /** The note's text on one line. */
  text: string;
  sumText: string;
}

export interface AxisGroup {
  quadrant: SwotQuadrant;
  /** "Strengths", in the board's language. */
  label: string;
  /** Index of its first row (or column) and how many it has. */
  start: number;
  span: number;
}

export interface QuadrantEntry {
  id: MatrixQuadrant;
  /** "SO" ("SK" in Dutch). */
  code: string;
  type: StrategyType;
  /** "Offensive (seize)", in the board's language. */
  label: string;
  sumText: string;
}

export interface CellEntry {
  row: string;
  column: string;
  key: string;
  quadrant: MatrixQuadrant;
  /** "Strong brand × Growing B2B market": the cell's name everywhere. */
  pair: string;
  mine: number | null;
  /** "++", or '' while not scored. */
  mineLabel: string;
  /** The cell's accessible name in the scoring grid: the pair and one's own score. */
  scoreLabel: string;
  count: number;
  mean: number | null;
  meanText: string;
  stdevText: string;
  disagreement: boolean;
  agreement: Agreement;
  chosen: boolean;
  heat: HeatColor | null;
  /** The cell's result in words ("mean 1.5, 2 scores, spread 0.5, opinions differ"). */
  resultText: string;
}

export interface MatrixView {
  rows: AxisEntry[];
  columns: AxisEntry[];
  rowGroups: AxisGroup[];
  columnGroups: AxisGroup[];
  /** cells[r][c]. */
  cells: CellEntry[][];
  quadrants: Record<MatrixQuadrant, QuadrantEntry>;
  totalText: string;
  /** Cells this user scored, of all cells. */
  myScored: number;
  cellCount: number;
  showResults: boolean;
}

export function buildMatrixView(input: MatrixViewInput): MatrixView {
  const { analysis: a, mine, showResults, locale, boardLocale } = input;
  const sum = (v: number | undefined) => (showResults ? formatScore(locale, v ?? 0) : '');
  const axis = (items: ConfrontationAnalysis['rows'], sums: Record<string, number>): AxisEntry[] => {
    const seen: Partial<Record<SwotQuadrant, number>> = {};
    return items.map((item) => {
      const n = (seen[item.quadrant] = (seen[item.quadrant] ?? 0) + 1);
      return {
        noteId: item.noteId,
        quadrant: item.quadrant,
        code: `${translate(boardLocale, `matrix.code.${item.quadrant}`)}${n}`,
        text: noteLine(boardLocale, item.text),
        sumText: sum(sums[item.noteId]),
      };
    });
  };
  const rows = axis(a.rows, a.rowSums);
  const columns = axis(a.columns, a.columnSums);

  let myScored = 0;
  const cells: CellEntry[][] = rows.map((row, r) =>
    columns.map((column, c) => {
      const cell = a.cells[r * columns.length + c];
      const key = cellKey(row.noteId, column.noteId);
      const own = mine.get(key) ?? null;
      if (own !== null) myScored++;
      const pair = translate(locale, 'matrix.cell.pair', { row: row.text, column: column.text });
      const ownText = own === null ? translate(locale, 'matrix.cell.notScored') : translate(locale, 'matrix.cell.yours', { score: scoreName(locale, own) });
      const mean = showResults ? cell.mean : null;
      return {
        row: row.noteId,
        column: column.noteId,
        key,
        quadrant: cell.quadrant,
        pair,
        mine: own,
        mineLabel: own === null ? '' : scoreLabel(a.scale, own),
        scoreLabel: `${pair}, ${ownText}`,
        count: showResults ? cell.count : 0,
        mean,
        meanText: mean === null ? '' : formatScore(locale, mean),
        stdevText: showResults && cell.stdev !== null ? formatScore(locale, cell.stdev) : '',
        disagreement: showResults && cell.disagreement,
        agreement: showResults ? agreementOf(cell) : 'none',
        chosen: cell.chosen,
        heat: mean === null ? null : heatColor(mean),
        resultText: showResults ? resultText(locale, cell) : '',
      };
    }),
  );

  const quadrants = {} as Record<MatrixQuadrant, QuadrantEntry>;
  for (const id of ['SO', 'ST', 'WO', 'WT'] as const) {
    const type = STRATEGY_TYPES[id];
    quadrants[id] = {
      id,
      code: translate(boardLocale, `matrix.code.${id[0] as 'S' | 'W'}`) + translate(boardLocale, `matrix.code.${id[1] as 'O' | 'T'}`),
      type,
      label: translate(boardLocale, STRATEGY_TYPE_KEYS[type]),
      sumText: sum(a.quadrantSums[id]),
    };
  }
  const total = Object.values(a.quadrantSums).reduce((x, y) => x + y, 0);

  return {
    rows,
    columns,
    rowGroups: groups(rows, boardLocale),
    columnGroups: groups(columns, boardLocale),
    cells,
    quadrants,
    totalText: sum(total),
    myScored,
    cellCount: a.progress.cells,
    showResults,
  };
}

function groups(items: AxisEntry[], boardLocale: string): AxisGroup[] {
  const out: AxisGroup[] = [];
  items.forEach((item, i) => {
    const last = out[out.length - 1];
    if (last?.quadrant === item.quadrant) last.span++;
    else out.push({ quadrant: item.quadrant, label: translate(boardLocale, QUADRANT_NAME_KEYS[item.quadrant]), start: i, span: 1 });
  });
  return out;
}

/** "mean 1.5, 2 scores, spread 0.5, opinions differ, chosen option", or "no scores yet". */
function resultText(locale: string, cell: ConfrontationAnalysis['cells'][number]): string {
  const parts: string[] = [];
  if (cell.mean === null) parts.push(translate(locale, 'matrix.cell.noScores'));
  else {
    parts.push(translate(locale, 'matrix.cell.mean', { mean: formatScore(locale, cell.mean) }));
    parts.push(plural(locale, 'matrix.cell.count', cell.count));
    parts.push(translate(locale, 'matrix.cell.spread', { stdev: formatScore(locale, cell.stdev ?? 0) }));
    if (cell.disagreement) parts.push(translate(locale, 'matrix.cell.disagreement'));
  }
  if (cell.chosen) parts.push(translate(locale, 'matrix.cell.chosen'));
  return parts.join(', ');
}
