// The font fitter the renderer uses: widths measured by Konva itself (same font string and
// canvas as the drawn Konva.Text), shared by NoteLayer and NoteEditor so both pick the same size
// and one cache serves every note.
import Konva from 'konva';
import { createFontFitter, estimateTextWidth, type FontFit, type MeasureText } from './textFit.ts';
import { NOTE_FONT_FAMILY, NOTE_TEXT_BOX } from './noteView.ts';

let shared: FontFit | null = null;

function konvaMeasure(fontFamily: string): MeasureText {
  const probe = new Konva.Text({ fontFamily, fontSize: 100 });
  return (text, fontSize) => {
    if (probe.fontSize() !== fontSize) probe.fontSize(fontSize);
    const w = probe.measureSize(text).width;
    // A canvas without text metrics (some headless setups) reports 0: fall back to an estimate.
    return w > 0 || text === '' ? w : estimateTextWidth(text, fontSize);
  };
}

export function noteFontFit(): FontFit {
  if (!shared) {
    const measure = typeof document === 'undefined' ? estimateTextWidth : konvaMeasure(NOTE_FONT_FAMILY);
    shared = createFontFitter(measure, NOTE_TEXT_BOX);
  }
  return shared;
}
