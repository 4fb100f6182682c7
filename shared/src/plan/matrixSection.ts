// The confrontation matrices' part of the action plan: per matrix its axes with codes (S1, O2; Z1,
// K2 on a Dutch board), the heat map's cell means, and the ranked strategic options, chosen ones
// first. Read from the kind's own analysis, so the plan ranks exactly as the matrix does.
import type { BoardSnapshot } from '../board/readBoard.ts';
import type { CanvasRecord } from '../board/schema.ts';
import { translate } from '../i18n/index.ts';
import { confrontationKind } from '../canvases/confrontation/confrontationKind.ts';
import type { MatrixQuadrant, StrategyType } from '../canvases/confrontation/confrontationAnalysis.ts';
import { agreementOf, type Agreement } from '../canvases/confrontation/agreement.ts';
import type { SwotQuadrant } from '../canvases/swot/swotQuadrants.ts';
import type { ScaleId } from '../canvases/confrontation/confrontationSettings.ts';

export interface PlanAxisItem {
  noteId: string;
  /** S1, W2, O1, T3 in the board's language. */
  code: string;
  text: string;
  quadrant: SwotQuadrant;
}

export interface PlanCell {
  row: string;
  column: string;
  mean: number | null;
  count: number;
}

export interface PlanOption {
  /** Place in the matrix's ranking (1 = highest mean). */
  rank: number;
  quadrant: MatrixQuadrant;
  type: StrategyType;
  /** The key-issue question, in the board's language. */
  question: string;
  mean: number | null;
  stdev: number | null;
  agreement: Agreement;
  chosen: boolean;
  /** Where it came from: the matrix cell, its two notes and how many people scored it. */
  source: {
    canvasId: string;
    cell: string;
    row: PlanAxisItem;
    column: PlanAxisItem;
    scores: number;
  };
}

export interface PlanMatrix {
  canvasId: string;
  title: string;
  /** The SWOT canvas whose notes are the rows and columns. */
  swotCanvasId: string | null;
  scale: { id: ScaleId; min: number; max: number };
  rows: PlanAxisItem[];
  columns: PlanAxisItem[];
  /** Row by row, each in column order: the heat map. */
  cells: PlanCell[];
  /** The options the facilitator chose, in rank order. */
  chosen: PlanOption[];
  /** Every other scored cell, in rank order. */
  others: PlanOption[];
}

export function matrixSections(board: BoardSnapshot, canvases: readonly CanvasRecord[]): PlanMatrix[] {
  return canvases.filter((c) => c.kind === confrontationKind.id).map((canvas) => matrixSection(board, canvas));
}

function matrixSection(board: BoardSnapshot, canvas: CanvasRecord): PlanMatrix {
  const a = confrontationKind.analyze!(board, canvas);
  const axis = (items: typeof a.rows): PlanAxisItem[] => {
    const seen: Partial<Record<SwotQuadrant, number>> = {};
    return items.map((item) => {
      const n = (seen[item.quadrant] = (seen[item.quadrant] ?? 0) + 1);
      return { noteId: item.noteId, code: `${translate(board.locale, `matrix.code.${item.quadrant}`)}${n}`, text: item.text, quadrant: item.quadrant };
    });
  };
  const rows = axis(a.rows);
  const columns = axis(a.columns);
  const byId = new Map([...rows, ...columns].map((x) => [x.noteId, x]));
  const cells = new Map(a.cells.map((c) => [`${c.row}:${c.column}`, c]));
  const options: PlanOption[] = a.options.flatMap((o, i) => {
    const row = byId.get(o.row);
    const column = byId.get(o.column);
    const cell = cells.get(`${o.row}:${o.column}`);
    if (!row || !column || !cell) return [];
    return [{
      rank: i + 1,
      quadrant: o.quadrant,
      type: o.type,
      question: o.question,
      mean: o.mean,
      stdev: o.stdev,
      agreement: agreementOf(cell),
      chosen: o.chosen,
      source: { canvasId: canvas.id, cell: `${o.row}:${o.column}`, row, column, scores: o.count },
    }];
  });
  return {
    canvasId: canvas.id,
    title: canvas.title || translate(board.locale, 'kind.confrontation.title'),
    swotCanvasId: a.source,
    scale: { id: a.scale.id, min: a.scale.min, max: a.scale.max },
    rows,
    columns,
    cells: a.cells.map((c) => ({ row: c.row, column: c.column, mean: c.mean, count: c.count })),
    chosen: options.filter((o) => o.chosen),
    others: options.filter((o) => !o.chosen),
  };
}
