// Chooses the font size of a note's text. Pure: text widths come from an injected measure
// function (canvas measureText in the browser, a per-character width in tests).
//
// Why not just a size by text length: Dutch (and German) compounds such as "accountmanagers" or
// "servicecontracten" are wider than a note at large sizes, and Konva then breaks them in the
// middle of the word. So the size is the largest one at which every word fits on a line and the
// wrapped text fits the box; only when even the minimum size cannot hold a word is it broken.

/** Width in pixels of `text` drawn at `fontSize` in one fixed font family. */
export type MeasureText = (text: string, fontSize: number) => number;

/** Font size in pixels for a text. */
export type FontFit = (text: string) => number;

export interface TextBox {
  width: number;
  height: number;
  /** Line height as a multiple of the font size (Konva's `lineHeight`). */
  lineHeight: number;
  /** Largest size, for short notes read from across the room. */
  maxSize: number;
  /** Smallest readable size; below it words are broken rather than shrinking further. */
  minSize: number;
}

/**
 * Widths are measured once per piece at this size and scaled linearly: canvas text advances are
 * proportional to the font size (no hinting of advances), so one measurement serves every size.
 */
const REFERENCE_SIZE = 100;
/**
 * Konva measures whole lines, we add up pieces; kerning and rounding differ by a fraction of a
 * pixel. Keeping this much room means Konva never wraps a line that the fit thought would fit.
 */
const SLACK_PX = 1.5;
/** Both caches are dropped when they grow past this (a board has at most a few thousand notes). */
const CACHE_LIMIT = 20_000;

/** A piece of a paragraph Konva never breaks inside (unless it alone is wider than the line). */
interface Piece {
  text: string;
  /** Whether a space separates it from the previous piece (false after a dash). */
  spaceBefore: boolean;
}

/**
 * Splits a paragraph where Konva may wrap it: at spaces, and after a dash ("klant-" +
 * "tevredenheid"), as Konva.Text with `wrap: 'word'` does.
 */
export function piecesOf(paragraph: string): Piece[] {
  const out: Piece[] = [];
  for (const word of paragraph.split(' ')) {
    if (word === '') continue;
    const parts = word.split(/(?<=-)/);
    parts.forEach((p, i) => out.push({ text: p, spaceBefore: i === 0 }));
  }
  return out;
}

export interface Layout {
  /** Number of lines after wrapping. */
  lines: number;
  /** False when some piece is wider than a line and so has to be broken inside. */
  wordsFit: boolean;
}

/**
 * Greedy word wrap like Konva's, on widths at size 1 (`unitWidth`) scaled by `size`.
 */
export function layoutAt(text: string, size: number, maxWidth: number, unitWidth: (s: string) => number): Layout {
  const limit = maxWidth - SLACK_PX;
  const space = unitWidth(' ') * size;
  let lines = 0;
  let wordsFit = true;
  for (const paragraph of text.split('\n')) {
    let lineWidth = 0;
    let empty = true;
    lines++;
    for (const p of piecesOf(paragraph)) {
      const w = unitWidth(p.text) * size;
      if (w > limit) {
        // Only possible at the minimum size: Konva breaks it over as many lines as it needs.
        wordsFit = false;
        const extra = Math.ceil(w / limit) - 1;
        lines += (empty ? 0 : 1) + extra;
        lineWidth = w - extra * limit;
        empty = false;
        continue;
      }
      const next = empty ? w : lineWidth + (p.spaceBefore ? space : 0) + w;
      if (!empty && next > limit) {
        // Konva cuts at the longest prefix that fits; when the next character is the dash itself
        // it breaks before it ("mid" / "-size"): a broken word too, so this size does not do.
        // Slack the other way here: flag it whenever Konva's own measure might let the prefix fit.
        if (p.text.endsWith('-') && next - unitWidth('-') * size <= maxWidth + SLACK_PX) wordsFit = false;
        lines++;
        lineWidth = w;
      } else {
        lineWidth = next;
      }
      empty = false;
    }
  }
  return { lines, wordsFit };
}

/**
 * A font fitter for one font family (the one `measure` draws with) and one text box. Results are
 * cached by text, widths by piece, so a note is measured when its text changes, never per frame.
 */
export function createFontFitter(measure: MeasureText, box: TextBox): FontFit {
  const widths = new Map<string, number>();
  const sizes = new Map<string, number>();
  const unitWidth = (s: string): number => {
    let w = widths.get(s);
    if (w === undefined) {
      if (widths.size >= CACHE_LIMIT) widths.clear();
      w = measure(s, REFERENCE_SIZE) / REFERENCE_SIZE;
      widths.set(s, w);
    }
    return w;
  };
  const compute = (text: string): number => {
    if (text.trim() === '') return box.maxSize;
    for (let size = box.maxSize; size > box.minSize; size--) {
      const l = layoutAt(text, size, box.width, unitWidth);
      // Konva draws a line only while it fits wholly inside the box.
      if (l.wordsFit && l.lines * size * box.lineHeight <= box.height) return size;
    }
    return box.minSize;
  };
  return (text: string): number => {
    let size = sizes.get(text);
    if (size === undefined) {
      if (sizes.size >= CACHE_LIMIT) sizes.clear();
      size = compute(text);
      sizes.set(text, size);
    }
    return size;
  };
}

/**
 * A measure without a canvas (Node, tests, a browser whose canvas has no text metrics): an average
 * sans-serif glyph is a bit over half an em wide; wide letters count more.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) {
    if (ch === ' ' || 'iljtfrI.,:;!\'|'.includes(ch)) ems += 0.3;
    else if ('mwMW@'.includes(ch)) ems += 0.85;
    else if (ch >= 'A' && ch <= 'Z') ems += 0.68;
    else ems += 0.56;
  }
  return ems * fontSize;
}
