// What pdfkit (0.20) does not do for text, added to one PDFDocument (issue 11: note text holds
// right-to-left text and emoji):
// - Display order. pdfkit lays a line out word by word in the order the text is stored; fontkit
//   shapes each word (Arabic joining forms, with DejaVu Sans's GSUB) and mirrors the glyphs of a
//   word in a right-to-left script, but puts "שלום עולם" word by word left to right, so it reads
//   backwards. Each wrapped line is reordered here with the Unicode bidi algorithm (bidi-js), the
//   paragraph's direction taken from its first strong letter, before pdfkit draws it.
// - Alignment. A right-to-left paragraph starts at the right: its lines are aligned right where
//   pdfkit would align them left, its default (startAlign). pdfkit sizes a table cell's text box to
//   its text, so a cell is aligned by the table (renderPdf.ts, baseDirection).
// - Font fallback. A character the current font has no glyph for (emoji) is drawn with a fallback
//   font (Noto Emoji), run by run on the line; one neither font has prints as U+FFFD, visibly.
// The hooks are pdfkit's own text pipeline: text() wraps into lines and draws each with
// _fragment(line); every width it measures goes through widthOfString. Tables draw cells with
// text(), so they get both too.
import bidiFactory from 'bidi-js';
import type { BidiCharTypeName } from 'bidi-js';

const bidi = bidiFactory();

/** Characters that make the bidi algorithm worth running: right-to-left letters and marks. */
const RTL = /[\u0590-\u08FF\u200F\u2067\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
/** Text every font we embed draws as it is (ASCII, Latin-1, Latin Extended-A): no run to split. */
const PLAIN = /^[\x20-\x7E\u00A0-\u017F]*$/;
/** Scripts fontkit lays out right to left (its own list, narrowed to those DejaVu Sans has letters for). */
const FONTKIT_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}]/u;
/** The first letter fontkit picks a word's script by (it skips Common, Inherited and Unknown). */
const SCRIPTED = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
/** Joiners and variation selectors: part of the character before them, never a placeholder of their own. */
const JOINER = /^[\u200D\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export type Direction = 'ltr' | 'rtl';

/** The paragraphs of `text` (split at line breaks) and the direction the bidi algorithm gives each (rules P2-P3: its first strong letter). */
export function paragraphDirections(text: string): Array<{ start: number; end: number; direction: Direction }> {
  if (!RTL.test(text)) return [{ start: 0, end: text.length - 1, direction: 'ltr' }];
  return bidi.getEmbeddingLevels(bmpStandIns(text)).paragraphs.map((p) => ({ start: p.start, end: p.end, direction: p.level % 2 === 1 ? 'rtl' : 'ltr' }));
}

/** The direction of the first paragraph of `text`: how a one-line table cell is aligned. */
export function baseDirection(text: string): Direction {
  return paragraphDirections(text)[0].direction;
}

/**
 * The alignment a line of a paragraph in `direction` is drawn with: left (pdfkit's default, given
 * or not) means the paragraph's start, which is the right edge for right-to-left text. Centred,
 * right-aligned and justified lines stay as asked.
 */
export function startAlign(direction: Direction, align: string | undefined): string | undefined {
  return direction === 'rtl' && (align === undefined || align === 'left') ? 'right' : align;
}

/**
 * One line in display order, left to right, as a string of grapheme clusters: the runs of the
 * bidi algorithm reversed (rule L2) and brackets in right-to-left runs mirrored (L4). A cluster
 * (a letter with its marks, an emoji with its skin tone or joiners) stays whole and in stored order.
 */
export function visualLine(line: string, direction: Direction = paragraphDirections(line)[0].direction): string {
  if (direction === 'ltr' && !RTL.test(line)) return line;
  const probe = bmpStandIns(line);
  const levels = bidi.getEmbeddingLevels(probe, direction);
  const mirrored = bidi.getMirroredCharactersMap(probe, levels.levels);
  const cluster = new Int32Array(line.length);
  const clusters: string[] = [];
  for (const { index, segment } of graphemes.segment(line)) {
    let text = '';
    for (let i = 0; i < segment.length; i++) {
      cluster[index + i] = clusters.length;
      text += mirrored.get(index + i) ?? segment[i];
    }
    clusters.push(text);
  }
  let out = '';
  let last = -1;
  for (const unit of bidi.getReorderedIndices(probe, levels)) {
    if (cluster[unit] !== last) out += clusters[cluster[unit]];
    last = cluster[unit];
  }
  return out;
}

/**
 * A word of a display-order line as fontkit must be given it: fontkit lays out a word that starts
 * in a right-to-left script as stored text and then reverses its glyphs. So such a word goes back
 * to stored order here; fontkit shapes it (Arabic letters join as written) and its reversal puts it
 * back in display order, instead of twice reversed.
 */
export function forFontkit(word: string): string {
  const first = SCRIPTED.exec(word);
  return first && FONTKIT_RTL.test(first[0]) ? Array.from(graphemes.segment(word), (g) => g.segment).reverse().join('') : word;
}

export interface FontRun {
  /** Index into the fonts given: 0 the current font, then the fallbacks. */
  font: number;
  text: string;
}

/**
 * `text` cut into runs, each drawn with the first font that has glyphs for all of a character's
 * code points (`covers[i]` answers for font i); a character no font has becomes U+FFFD in font 0.
 */
export function fontRuns(text: string, covers: ReadonlyArray<(codePoint: number) => boolean>): FontRun[] {
  if (PLAIN.test(text)) return [{ font: 0, text }];
  const runs: FontRun[] = [];
  const push = (font: number, s: string) => {
    const last = runs[runs.length - 1];
    if (last?.font === font) last.text += s;
    else runs.push({ font, text: s });
  };
  for (const { segment } of graphemes.segment(text)) {
    const points = Array.from(segment, (c) => c.codePointAt(0)!);
    const font = covers.findIndex((has) => points.every((p) => has(p) || JOINER.test(String.fromCodePoint(p))));
    if (font >= 0) push(font, segment);
    else push(0, '\uFFFD');
  }
  return runs;
}

/** A bidi-js stand-in for every astral character: it classes code units, and a lone surrogate is "L". */
function bmpStandIns(text: string): string {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, (pair) => STAND_IN[bidi.getBidiCharTypeName(pair)].repeat(2));
}

const STAND_IN: Record<BidiCharTypeName, string> = {
  L: 'a', R: '\u05D0', AL: '\u0627', EN: '0', ES: '+', ET: '$', AN: '\u0660', CS: ',', NSM: '\u0300', BN: '\u00AD', B: '\u2029', S: '\t', WS: ' ', ON: '!',
  LRE: '\u202A', RLE: '\u202B', LRO: '\u202D', RLO: '\u202E', PDF: '\u202C', LRI: '\u2066', RLI: '\u2067', FSI: '\u2068', PDI: '\u2069',
};

/** The parts of pdfkit's document these hooks use (not in its type definitions). */
interface PdfkitFont {
  font: { hasGlyphForCodePoint(codePoint: number): boolean };
  ascender: number;
}
interface PdfkitText {
  _font: PdfkitFont;
  _fontSize: number;
  _fragment(text: string, x: number, y: number, options: FragmentOptions): void;
  widthOfString(text: string, options?: object): number;
  text(...args: unknown[]): unknown;
  font(name: string): unknown;
}
interface FragmentOptions {
  align?: string;
  width?: number;
  lineWidth?: number;
  baseline?: unknown;
  textWidth?: number;
  wordCount?: number;
}

/** Bidi display order and font fallback (`fallback`: a font file) for everything `doc` writes. */
export function addTextLayer(doc: PDFKit.PDFDocument, fallback: string): void {
  const raw = doc as unknown as PdfkitText;
  const main = raw._font;
  raw.font(fallback);
  const extra = raw._font;
  raw._font = main;
  const fontsNow = () => (raw._font === extra ? [extra] : [raw._font, extra]);
  const covers = (fonts: PdfkitFont[]) => fonts.map((f) => (p: number) => f.font.hasGlyphForCodePoint(p));
  const withFont = <T>(font: PdfkitFont, fn: () => T): T => {
    const current = raw._font;
    raw._font = font;
    try {
      return fn();
    } finally {
      raw._font = current;
    }
  };

  // The text being written, so each line drawn gets the direction of its paragraph: pdfkit's
  // wrapper hands over lines in order, each a piece of the text (less the spaces at a break).
  let written = '';
  let paragraphs = paragraphDirections('');
  let cursor = 0;
  const writeText = raw.text.bind(raw);
  raw.text = (...args: unknown[]) => {
    written = String(args[0] ?? '');
    paragraphs = paragraphDirections(written);
    cursor = 0;
    return writeText(...args);
  };
  const directionOf = (line: string): Direction => {
    if (paragraphs.length === 1) return paragraphs[0].direction;
    const at = Math.max(cursor, written.indexOf(line.trim(), cursor));
    cursor = at + line.trim().length;
    return paragraphs.filter((p) => p.start <= at).pop()!.direction;
  };

  const width = raw.widthOfString.bind(raw);
  raw.widthOfString = (s: string, options?: object) => {
    const fonts = fontsNow();
    const runs = fontRuns(s, covers(fonts));
    if (runs.length === 1 && runs[0].font === 0) return width(runs[0].text, options);
    return runs.reduce((sum, r) => sum + withFont(fonts[r.font], () => width(r.text, options)), 0);
  };

  const fragment = raw._fragment.bind(raw);
  raw._fragment = (line: string, x: number, y: number, options: FragmentOptions) => {
    const fonts = fontsNow();
    const plain = String(line).replace(/\n/g, '');
    const direction = directionOf(plain);
    const align = startAlign(direction, options.align);
    const runs = fontRuns(visualLine(plain, direction), covers(fonts));
    if (runs.length === 1 && runs[0].font === 0 && !RTL.test(runs[0].text)) return fragment(runs[0].text, x, y, align === options.align ? options : { ...options, align });
    // Word by word: pdfkit draws one font per fragment, and it hands fontkit a fragment cut at its
    // spaces with each piece ending in one, so a right-to-left word would get its space on the
    // wrong side. The words go side by side on the line's baseline, placed as pdfkit would place
    // the whole line.
    const pieces = runs.flatMap((r) => r.text.split(/([ \t]+)/).filter(Boolean).map((text) => ({ font: fonts[r.font], text: forFontkit(text), space: /^[ \t]/.test(text) })));
    const widths = pieces.map((p) => withFont(p.font, () => width(p.text, options)));
    const trailing = pieces.length > 0 && pieces[pieces.length - 1].space ? widths[widths.length - 1] : 0;
    const total = widths.reduce((a, b) => a + b, 0) - trailing;
    if (options.width && options.lineWidth !== undefined) {
      if (align === 'right') x += options.lineWidth - total;
      else if (align === 'center') x += (options.lineWidth - total) / 2;
    }
    const baseline = options.baseline ?? -((fonts[0].ascender / 1000) * raw._fontSize);
    pieces.forEach((p, i) => {
      if (!p.space) withFont(p.font, () => fragment(p.text, x, y, { ...options, align: 'left', baseline, textWidth: undefined, wordCount: undefined }));
      x += widths[i];
    });
  };
}
