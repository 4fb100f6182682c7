// The font fitter the renderer uses: widths measured by Konva itself (same font string and
// canvas as the drawn Konva.Text), syllables from the hyphenation patterns of the board's language
// (TeX's, through the `hyphen` package), shared by NoteLayer and NoteEditor so both pick the same
// size and one cache per language serves every note.
import Konva from 'konva';
import { hyphenateSync as hyphenateNl } from 'hyphen/nl';
import { hyphenateSync as hyphenateEn } from 'hyphen/en-us';
import { createFontFitter, estimateTextWidth, type FontFit, type MeasureText, type Syllables } from './textFit.ts';
import { NOTE_FONT_FAMILY, NOTE_TEXT_BOX } from './noteView.ts';

const fitters = new Map<string, FontFit>();

function konvaMeasure(fontFamily: string): MeasureText {
  const probe = new Konva.Text({ fontFamily, fontSize: 100 });
  return (text, fontSize) => {
    if (probe.fontSize() !== fontSize) probe.fontSize(fontSize);
    const w = probe.measureSize(text).width;
    // A canvas without text metrics (some headless setups) reports 0: fall back to an estimate.
    return w > 0 || text === '' ? w : estimateTextWidth(text, fontSize);
  };
}

/** Soft hyphens mark the syllables; a word of fewer than 5 letters stays one. */
function syllablesOf(hyphenate: typeof hyphenateNl): Syllables {
  return (word) => hyphenate(word, { hyphenChar: '\u00ad' }).split('\u00ad');
}

/** The fitter for notes written in `language` (the board's: Dutch, else English patterns). */
export function noteFontFit(language: string): FontFit {
  const lang = language === 'nl' ? 'nl' : 'en';
  let fit = fitters.get(lang);
  if (!fit) {
    const measure = typeof document === 'undefined' ? estimateTextWidth : konvaMeasure(NOTE_FONT_FAMILY);
    fit = createFontFitter(measure, NOTE_TEXT_BOX, syllablesOf(lang === 'nl' ? hyphenateNl : hyphenateEn));
    fitters.set(lang, fit);
  }
  return fit;
}
