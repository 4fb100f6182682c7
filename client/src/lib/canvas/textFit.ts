// Chooses the font size of a note's text, and where over-long words break. Pure: text widths come
// from an injected measure function (canvas measureText in the browser, a per-character width in
// tests), syllables from an injected hyphenator.
//
// Dutch (and German) compounds such as "accountmanagers" or "servicecontracten" are wider than a
// note at large sizes. Keeping such a word whole is worth a little smaller type (down to the box's
// `wholeWordSize`), not more: shrinking the whole note for one word made "Ervaren accountmanagers"
// small print (issue 8). Below that size a word too wide for a line is hyphenated at a syllable
// ("account-" / "managers") and drawn with an explicit line break, so Konva never cuts it at an
// arbitrary letter without a hyphen.

/** Width in pixels of `text` drawn at `fontSize` in one fixed font family. */
export type MeasureText = (text: string, fontSize: number) => number;

/** A text as drawn: its font size, and the text with over-long words hyphenated over lines. */
export interface Fitted {
  size: number;
  text: string;
}

/** Font size and drawn text for a note's text. */
export type FontFit = (text: string) => Fitted;

/** The syllables of a word, in order ("accountmanagers": ac, count, ma, na, gers). */
export type Syllables = (word: string) => string[];

export interface TextBox {
  width: number;
  height: number;
  /** Line height as a multiple of the font size (Konva's `lineHeight`). */
  lineHeight: number;
  /** Largest size, for short notes read from across the room. */
  maxSize: number;
  /** Smallest size a word is kept whole for: below it, words too wide for a line are hyphenated. */
  wholeWordSize: number;
  /** Smallest readable size; text that does not fit even then is cut with an ellipsis. */
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
  /**
   * False when Konva would break a word where no hyphen shows: a piece wider than a line (without
   * `syllables`), or a dash pushed to the start of the next line.
   */
  wordsFit: boolean;
  /** The text to draw: as given, or with over-long words hyphenated over lines (with `syllables`). */
  text: string;
}

/**
 * Greedy word wrap like Konva's, on widths at size 1 (`unitWidth`) scaled by `size`. With
 * `syllables`, a piece wider than a line is hyphenated ("account-" + line break + "managers"),
 * its first part on the current line when it fits there; a syllable wider than a line is cut at a
 * letter (a URL, a number).
 */
export function layoutAt(text: string, size: number, maxWidth: number, unitWidth: (s: string) => number, syllables?: Syllables): Layout {
  const limit = maxWidth - SLACK_PX;
  const width = (s: string) => unitWidth(s) * size;
  const space = width(' ');
  let lines = 0;
  let wordsFit = true;
  let broken = false;
  const paragraphs: string[] = [];
  for (const paragraph of text.split('\n')) {
    let lineWidth = 0;
    let empty = true;
    let out = '';
    lines++;
    for (const p of piecesOf(paragraph)) {
      const w = width(p.text);
      const gap = p.spaceBefore && out !== '' ? ' ' : '';
      if (w > limit && syllables) {
        broken = true;
        const room = empty ? limit : limit - lineWidth - (gap ? space : 0);
        const parts = hyphenated(p.text, room, limit, width, syllables);
        // The first part did not fit after the line's other words: it starts the next line.
        if (parts[0] === '') {
          parts.shift();
          lines++;
        }
        out += gap + parts.join('\n');
        lines += parts.length - 1;
        lineWidth = width(parts[parts.length - 1]);
        empty = false;
        continue;
      }
      out += gap + p.text;
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
        if (p.text.endsWith('-') && next - width('-') <= maxWidth + SLACK_PX) wordsFit = false;
        lines++;
        lineWidth = w;
      } else {
        lineWidth = next;
      }
      empty = false;
    }
    paragraphs.push(out);
  }
  return { lines, wordsFit, text: broken ? paragraphs.join('\n') : text };
}

/**
 * A word too wide for a line as lines: each but the last ends in a hyphen (or is cut at a letter
 * when one syllable alone is too wide: a URL, a number). The first part fits `room` (what is left
 * of the current line), or is '' to start on the next line; the others fit `limit`. Of the ways
 * with the fewest lines, the one whose shortest part is longest: "klanten-" / "service" rather
 * than "klantenser-" / "vice", and no lone "ac-" at the end of a line.
 */
function hyphenated(word: string, room: number, limit: number, width: (s: string) => number, syllables: Syllables): string[] {
  // Pieces to join: syllables, the ones wider than a line cut into letters that fit (no hyphen inside).
  const units: Array<{ text: string; hyphen: boolean }> = [];
  for (const syl of syllables(word)) {
    let rest = syl;
    while (rest !== '' && width(rest) > limit) {
      let k = 1;
      while (k < rest.length - 1 && width(rest.slice(0, k + 1)) <= limit) k++;
      units.push({ text: rest.slice(0, k), hyphen: false });
      rest = rest.slice(k);
    }
    if (rest !== '') units.push({ text: rest, hyphen: true });
  }
  const n = units.length;
  const part = (i: number, j: number) => {
    const text = units.slice(i, j).map((u) => u.text).join('');
    return j < n && units[j - 1].hyphen && !text.endsWith('-') ? text + '-' : text;
  };
  interface Split {
    parts: string[];
    shortest: number;
  }
  const better = (a: Split | null, b: Split) => !a || b.parts.length < a.parts.length || (b.parts.length === a.parts.length && b.shortest > a.shortest);
  // best[i]: the split of units i.. into lines of `limit`.
  const best: Array<Split | null> = new Array(n + 1).fill(null);
  best[n] = { parts: [], shortest: Infinity };
  const from = (i: number, fits: number): Split | null => {
    let found: Split | null = null;
    for (let j = i + 1; j <= n; j++) {
      const text = part(i, j);
      const w = width(text);
      if (w > fits) break;
      const tail = best[j];
      if (!tail) continue;
      const candidate = { parts: [text, ...tail.parts], shortest: Math.min(w, tail.shortest) };
      if (better(found, candidate)) found = candidate;
    }
    return found;
  };
  for (let i = n - 1; i >= 0; i--) best[i] = from(i, limit);
  const onNextLine = best[0]!;
  const here = room < limit ? from(0, room) : null;
  // Starting on the next line costs that line; staying needs a first part worth its place.
  if (here && (here.parts.length < onNextLine.parts.length + 1 || here.shortest >= onNextLine.shortest)) return here.parts;
  return room < limit ? ['', ...onNextLine.parts] : onNextLine.parts;
}

/**
 * A font fitter for one font family (the one `measure` draws with), one text box and one language
 * (`syllables`; without it long words are only ever shrunk, then cut by Konva). Results are cached
 * by text, widths by piece, so a note is measured when its text changes, never per frame.
 */
export function createFontFitter(measure: MeasureText, box: TextBox, syllables?: Syllables): FontFit {
  const widths = new Map<string, number>();
  const fitted = new Map<string, Fitted>();
  const unitWidth = (s: string): number => {
    let w = widths.get(s);
    if (w === undefined) {
      if (widths.size >= CACHE_LIMIT) widths.clear();
      w = measure(s, REFERENCE_SIZE) / REFERENCE_SIZE;
      widths.set(s, w);
    }
    return w;
  };
  // Konva draws a line only while it fits wholly inside the box.
  const fits = (l: Layout, size: number) => l.wordsFit && l.lines * size * box.lineHeight <= box.height;
  const compute = (text: string): Fitted => {
    if (text.trim() === '') return { size: box.maxSize, text };
    for (let size = box.maxSize; size > box.minSize; size--) {
      if (fits(layoutAt(text, size, box.width, unitWidth), size)) return { size, text };
      if (size > box.wholeWordSize || !syllables) continue;
      const hyphenatedLayout = layoutAt(text, size, box.width, unitWidth, syllables);
      if (fits(hyphenatedLayout, size)) return { size, text: hyphenatedLayout.text };
    }
    const last = layoutAt(text, box.minSize, box.width, unitWidth, syllables);
    return { size: box.minSize, text: last.text };
  };
  return (text: string): Fitted => {
    let f = fitted.get(text);
    if (f === undefined) {
      if (fitted.size >= CACHE_LIMIT) fitted.clear();
      f = compute(text);
      fitted.set(text, f);
    }
    return f;
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
