// Moving the focused cell of the scoring grid with the keyboard (the WAI-ARIA grid pattern:
// https://www.w3.org/WAI/ARIA/apg/patterns/grid/). Pure: positions in, position out.

export interface GridPos {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
}

/**
 * Where a navigation key moves the focus, or null for a key that is not one. Arrows move one cell
 * and stop at the edges; Home / End go to the start / end of the row, with Ctrl (or Cmd) to the
 * first / last cell; PageUp / PageDown to the first / last row of the column.
 */
export function moveInGrid(pos: GridPos, key: string, size: GridSize, ctrl = false): GridPos | null {
  const last = { row: size.rows - 1, col: size.cols - 1 };
  switch (key) {
    case 'ArrowUp':
      return { row: Math.max(0, pos.row - 1), col: pos.col };
    case 'ArrowDown':
      return { row: Math.min(last.row, pos.row + 1), col: pos.col };
    case 'ArrowLeft':
      return { row: pos.row, col: Math.max(0, pos.col - 1) };
    case 'ArrowRight':
      return { row: pos.row, col: Math.min(last.col, pos.col + 1) };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: pos.row, col: 0 };
    case 'End':
      return ctrl ? last : { row: pos.row, col: last.col };
    case 'PageUp':
      return { row: 0, col: pos.col };
    case 'PageDown':
      return { row: last.row, col: pos.col };
    default:
      return null;
  }
}

/** The next cell in reading order (after a digit was typed): along the row, then the next row's first; the last cell stays. */
export function nextCell(pos: GridPos, size: GridSize): GridPos {
  if (pos.col < size.cols - 1) return { row: pos.row, col: pos.col + 1 };
  if (pos.row < size.rows - 1) return { row: pos.row + 1, col: 0 };
  return pos;
}

/** A remembered position kept inside a grid that may have shrunk (a row or column was unpicked). */
export function clampPos(pos: GridPos, size: GridSize): GridPos {
  return { row: Math.max(0, Math.min(size.rows - 1, pos.row)), col: Math.max(0, Math.min(size.cols - 1, pos.col)) };
}
