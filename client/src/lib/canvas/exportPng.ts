// PNG export of the whole board: a heading (board title, canvas title, date), every frame and note at
// 100% with its full text (NoteLayer.showFullText), the legend, on white, without cursors or
// selection outlines (issue 8: the export had no title, date or legend and cut long notes with "...").
// The caller restores its camera and the notes afterwards.
import Konva from 'konva';
import { NOTE_FONT_FAMILY, type Rect } from './noteView.ts';
import type { Camera } from './camera.ts';

/** Largest PNG side in pixels; browsers refuse bigger canvases. */
const MAX_EXPORT_SIDE = 8000;
const MARGIN = 24;
const HEADING_HEIGHT = 110;

export interface ExportHeading {
  title: string;
  /** Second line, e.g. "SWOT analysis · Exported 1 December 2026". */
  subtitle: string;
}

/** `placeCamera` puts the renderer's camera on its layers (the caller restores its own afterwards). */
export function exportPng(
  stage: Konva.Stage,
  background: Konva.Layer,
  bounds: Rect,
  pixelRatio: number,
  heading: ExportHeading,
  placeCamera: (c: Camera) => void,
): string {
  const r = { x: bounds.x - MARGIN, y: bounds.y - MARGIN - HEADING_HEIGHT, width: bounds.width + 2 * MARGIN, height: bounds.height + 2 * MARGIN + HEADING_HEIGHT };
  const ratio = Math.max(0.1, Math.min(pixelRatio, MAX_EXPORT_SIDE / r.width, MAX_EXPORT_SIDE / r.height));
  const white = new Konva.Rect({ ...r, fill: '#ffffff', listening: false });
  const text = (y: number, value: string, fontSize: number, fontStyle: string, fill: string) =>
    new Konva.Text({ x: bounds.x, y, width: bounds.width, text: value, fontSize, fontStyle, fill, fontFamily: NOTE_FONT_FAMILY, ellipsis: true, wrap: 'none', listening: false });
  const top = bounds.y - HEADING_HEIGHT;
  const title = text(top, heading.title, 48, 'bold', '#263238');
  const subtitle = text(top + 60, heading.subtitle, 28, 'normal', '#455a64');
  background.add(white, title, subtitle);
  white.moveToBottom();
  try {
    placeCamera({ x: -r.x, y: -r.y, scale: 1 });
    return stage.toDataURL({ x: 0, y: 0, width: r.width, height: r.height, pixelRatio: ratio });
  } finally {
    white.destroy();
    title.destroy();
    subtitle.destroy();
  }
}
