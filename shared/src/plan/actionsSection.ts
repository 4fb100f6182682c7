// The actions' part of the action plan: every action of every actions canvas with its SMART gaps,
// its owner's name and where it came from, said in words (the matrix cell and its notes as they are
// now, or the label kept when the action was made if the source is gone).
import type { BoardSnapshot } from '../board/readBoard.ts';
import type { CanvasRecord } from '../board/schema.ts';
import { actionsKind } from '../canvases/actions/actionsKind.ts';
import type { Action, ActionSource, CarriedOver } from '../canvases/actions/actionRecord.ts';
import { smartGaps, type SmartGap } from '../canvases/actions/smartCheck.ts';
import type { PlanParticipant } from './actionPlan.ts';
import type { PlanMatrix } from './matrixSection.ts';

export interface PlanAction extends Omit<Action, 'canvas' | 'author' | 'order' | 'carriedOver' | 'review'> {
  /** The actions canvas it is on. */
  canvasId: string;
  /** The owner's name: the participant's current name, else the name typed in; '' when nobody. */
  ownerName: string;
  gaps: SmartGap[];
  /** Where it came from, or null for an action written from scratch. */
  origin: PlanOrigin | null;
  /** Only on an action carried over from the previous workshop: from where, and whether it still awaits review. */
  carriedOver?: CarriedOver & { review: boolean };
}

export interface PlanOrigin {
  source: ActionSource;
  /** The canvas it came from, by its current title ('' when that canvas is gone). */
  canvasTitle: string;
  /** False when the cell, gap or level it came from is no longer on the board. */
  present: boolean;
  /** For a matrix cell still in its matrix: its codes now (`S1 × O2`); null otherwise. */
  cell: string | null;
}

/**
 * `matrices` are the plan's matrix sections: an action from a matrix cell still has its source
 * while that cell is in a matrix on the board.
 */
export function actionItems(board: BoardSnapshot, canvases: readonly CanvasRecord[], people: readonly PlanParticipant[], matrices: readonly PlanMatrix[]): PlanAction[] {
  const names = new Map(people.map((p) => [p.id, p.name]));
  const titles = new Map(board.canvases.map((c) => [c.id, c.title]));
  const visible = new Set(canvases.map((c) => c.id));
  const codes = new Map<string, string>();
  for (const m of matrices) {
    const code = new Map([...m.rows, ...m.columns].map((a) => [a.noteId, a.code]));
    for (const c of m.cells) codes.set(`${m.canvasId}:${c.row}:${c.column}`, `${code.get(c.row)} × ${code.get(c.column)}`);
  }
  const cellOf = (s: ActionSource) => (s.kind === 'matrixOption' ? (codes.get(`${s.canvasId}:${s.row}:${s.column}`) ?? null) : null);
  const present = (s: ActionSource) => visible.has(s.canvasId) && (s.kind !== 'matrixOption' || cellOf(s) !== null);
  return canvases
    .filter((c) => c.kind === actionsKind.id)
    .flatMap((c) => board.actionsOf(c.id))
    .map(({ canvas, author: _author, order: _order, carriedOver, review, ...a }) => ({
      ...a,
      ...(carriedOver ? { carriedOver: { ...carriedOver, review } } : {}),
      canvasId: canvas,
      ownerName: (a.ownerId !== null ? names.get(a.ownerId) : undefined) ?? a.owner,
      gaps: smartGaps(a),
      origin: a.source
        ? { source: a.source, canvasTitle: titles.get(a.source.canvasId) ?? '', present: present(a.source), cell: cellOf(a.source) }
        : null,
    }));
}

