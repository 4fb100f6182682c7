// How much the scorers agree on a cell, shared by the matrix views and the action plan (issue 11).
import type { MatrixCell } from './confrontationAnalysis.ts';

export type Agreement = 'none' | 'single' | 'high' | 'medium' | 'low';

/**
 * `low` when the analysis flags disagreement, `high` when the spread is below half a step, `medium`
 * between; one score or none says nothing about agreement.
 */
export function agreementOf(cell: Pick<MatrixCell, 'count' | 'stdev' | 'disagreement'>): Agreement {
  if (cell.count === 0) return 'none';
  if (cell.count === 1) return 'single';
  if (cell.disagreement) return 'low';
  return (cell.stdev ?? 0) < 0.5 ? 'high' : 'medium';
}
