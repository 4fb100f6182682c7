// One click turns a strategic option into a draft action that keeps its source (issue 11).
import type { StrategicOption } from '../confrontation/confrontationAnalysis.ts';
import type { NewAction } from './actionOperations.ts';

/** The draft for `option` of the matrix `matrixCanvasId`: the key issue as title, the cell as source. */
export function draftFromOption(option: StrategicOption, matrixCanvasId: string, actionsCanvasId: string, author: string): NewAction {
  return {
    canvas: actionsCanvasId,
    title: option.question,
    priority: option.chosen ? 'high' : 'medium',
    source: { kind: 'matrixOption', canvasId: matrixCanvasId, row: option.row, column: option.column, label: option.question.slice(0, 500) },
    author,
  };
}

/** Whether an action already came from this cell (the button then says so instead of making another). */
export function isFromOption(source: NewAction['source'], matrixCanvasId: string, row: string, column: string): boolean {
  return source?.kind === 'matrixOption' && source.canvasId === matrixCanvasId && source.row === row && source.column === column;
}
