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

