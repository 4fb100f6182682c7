// The confrontation matrix's entry in the client's registry of canvas-kind views.
import { confrontationKind } from '$shared/canvases/confrontation/confrontationKind.ts';
import type { CanvasKindView } from '../registry.ts';
import ConfrontationCanvas from './ConfrontationCanvas.svelte';
import ConfrontationOutline from './ConfrontationOutline.svelte';

export const confrontationView: CanvasKindView = {
  kind: confrontationKind.id,
  Canvas: ConfrontationCanvas,
  Outline: ConfrontationOutline,
  /** Scores given on the current scale to cells in the matrix (what the room has done so far). */
  count(board, canvas) {
    return Object.values(confrontationKind.analyze!(board, canvas).progress.scoredBy).reduce((a, b) => a + b, 0);
  },
};
