// PNG export of the whole board: every frame and note at 100% plus a margin, on white, without
// cursors or selection outlines. The caller restores its camera afterwards.
import Konva from 'konva';
import type { Rect } from './noteView.ts';

/** Largest PNG side in pixels; browsers refuse bigger canvases. */
const MAX_EXPORT_SIDE = 8000;
const MARGIN = 24;

export function exportPng(stage: Konva.Stage, background: Konva.Layer, bounds: Rect, pixelRatio: number): string {
  const r = { x: bounds.x - MARGIN, y: bounds.y - MARGIN, width: bounds.width + 2 * MARGIN, height: bounds.height + 2 * MARGIN };
  const ratio = Math.max(0.1, Math.min(pixelRatio, MAX_EXPORT_SIDE / r.width, MAX_EXPORT_SIDE / r.height));
  const white = new Konva.Rect({ ...r, fill: '#ffffff', listening: false });
  background.add(white);
  white.moveToBottom();
  try {
    stage.scale({ x: 1, y: 1 });
    stage.position({ x: -r.x, y: -r.y });
    return stage.toDataURL({ x: 0, y: 0, width: r.width, height: r.height, pixelRatio: ratio });
  } finally {
    white.destroy();
  }
}
