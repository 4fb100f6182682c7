// The board page's controller for canvas views that drive the board's own chrome: the SWOT view
// hands its Konva renderer to the toolbar (add note, colours, zoom, export) and asks the outline to
// move focus. Views that need none of that use their CanvasViewProps only.
import { getContext, setContext } from 'svelte';
import type { BoardController } from '../board/BoardController.svelte.ts';

const KEY = Symbol('board');

export function setBoardContext(board: BoardController): void {
  setContext(KEY, board);
}

export function getBoardContext(): BoardController {
  const board = getContext<BoardController | undefined>(KEY);
  if (!board) throw new Error('a canvas view is shown outside the board page');
  return board;
}
