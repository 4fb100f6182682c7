// The SWOT canvas kind's view: the Konva board (BoardRenderer) and the quadrant sections of the outline.
import type { CanvasKindView } from '../registry.ts';
import SwotCanvas from './SwotCanvas.svelte';
import SwotOutline from './SwotOutline.svelte';

export const swotView: CanvasKindView = {
  kind: 'swot',
  Canvas: SwotCanvas,
  Outline: SwotOutline,
  count: (board, canvas) => board.notesOf(canvas.id).length,
  countKey: 'navigator.count.notes',
};
