// The 7S canvas kind's entry in the client's registry of canvas-kind views.
import { sevensKind } from '$shared/canvases/sevens/sevensKind.ts';
import type { CanvasKindView } from '../registry.ts';
import SevensCanvas from './SevensCanvas.svelte';
import SevensOutline from './SevensOutline.svelte';

export const sevensView: CanvasKindView = {
  kind: sevensKind.id,
  Canvas: SevensCanvas,
  Outline: SevensOutline,
  /** Notes on the canvas, as for every kind with note regions. */
  count: (board, canvas) => board.notesOf(canvas.id).length,
  countKey: 'navigator.count.notes',
};
