// The view of every canvas kind whose layout has note regions (SWOT, the strategy models): the
// Konva board (BoardRenderer) with a jump bar over it, and one outline section per region. The kind's
// regions come from its shared definition (`canvasKind(id).layout`), so a new region kind needs no
// client code of its own: one `regionView('<id>')` line in the registry.
import { canvasKind } from '$shared/canvases/registry.ts';
import type { CanvasKindView } from '../registry.ts';
import RegionCanvas from './RegionCanvas.svelte';
import RegionOutline from './RegionOutline.svelte';

export function regionView(kindId: string): CanvasKindView {
  const kind = canvasKind(kindId);
  if (!kind || kind.layout.frames.length === 0) throw new Error(`canvas kind ${kindId} has no note regions`);
  return {
    kind: kind.id,
    Canvas: RegionCanvas,
    Outline: RegionOutline,
    count: (board, canvas) => board.notesOf(canvas.id).length,
    countKey: 'navigator.count.notes',
  };
}
