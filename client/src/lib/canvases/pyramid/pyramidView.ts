// The customer pyramid's entry in the client's registry of canvas-kind views.
import { pyramidKind } from '$shared/canvases/pyramid/pyramidKind.ts';
import type { CanvasKindView } from '../registry.ts';
import PyramidCanvas from './PyramidCanvas.svelte';
import PyramidOutline from './PyramidOutline.svelte';

export const pyramidView: CanvasKindView = {
  kind: pyramidKind.id,
  Canvas: PyramidCanvas,
  Outline: PyramidOutline,
  /** Accounts on the pyramid. */
  count: (board, canvas) => board.accountsOf(canvas.id).length,
  countKey: 'navigator.count.accounts',
};
