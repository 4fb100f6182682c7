// The quickscan's entry in the client's registry of canvas-kind views.
import { quickscanKind } from '$shared/canvases/quickscan/quickscanKind.ts';
import type { CanvasKindView } from '../registry.ts';
import QuickscanCanvas from './QuickscanCanvas.svelte';
import QuickscanOutline from './QuickscanOutline.svelte';

export const quickscanView: CanvasKindView = {
  kind: quickscanKind.id,
  Canvas: QuickscanCanvas,
  Outline: QuickscanOutline,
  /** Scores given in the round being scored (what the room has done so far). */
  count(board, canvas) {
    const a = quickscanKind.analyze!(board, canvas);
    const round = a.rounds.find((r) => r.id === a.current);
    return round ? Object.values(round.scoredBy).reduce((x, y) => x + y, 0) : 0;
  },
};
