// The actions canvas's entry in the client's registry of canvas-kind views (issue 11).
import { actionsKind } from '$shared/canvases/actions/actionsKind.ts';
import type { CanvasKindView } from '../registry.ts';
import ActionsCanvas from './ActionsCanvas.svelte';
import ActionsOutline from './ActionsOutline.svelte';

export const actionsView: CanvasKindView = {
  kind: actionsKind.id,
  Canvas: ActionsCanvas,
  Outline: ActionsOutline,
  count: (board, canvas) => board.actionsOf(canvas.id).length,
  countKey: 'actions.count',
};
