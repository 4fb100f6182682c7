import { describe, it, expect } from 'vitest';
import { hyphenateSync } from 'hyphen/nl';
import { createFontFitter, layoutAt, piecesOf, type Syllables, type TextBox } from './textFit.ts';

/** Every character is 0.6 em wide: simple enough to reason about the expected sizes. */
const perChar = (text: string, fontSize: number) => text.length * 0.6 * fontSize;
const unit = (s: string) => perChar(s, 1);
const box: TextBox = { width: 140, height: 100, lineHeight: 1.2, maxSize: 20, wholeWordSize: 18, minSize: 12 };
/** Shrinking for whole words only, as before hyphenation (every size may keep words whole). */
const shrinkOnly: TextBox = { ...box, wholeWordSize: box.minSize };
const dutch: Syllables = (w) => hyphenateSync(w, { hyphenChar: '|' }).split('|');
const size = (fit: ReturnType<typeof createFontFitter>, text: string) => fit(text).size;
const widest = (text: string, size: number) => Math.max(...text.split(/[\s]+/).map((w) => perChar(w, size)));

describe('createFontFitter', () => {
  it('shrinks the font rather than break "accountmanagers" when it may not hyphenate', () => {
    const fit = createFontFitter(perChar, shrinkOnly);
    const size = fit('Ervaren accountmanagers').size;
    // 15 characters at 20px are 180px wide: too wide for the 140px line.
    expect(size).toBeLessThan(20);
    expect(size).toBeGreaterThanOrEqual(box.minSize);
    expect(widest('accountmanagers', size)).toBeLessThanOrEqual(box.width);
    expect(layoutAt('Ervaren accountmanagers', size, box.width, unit).wordsFit).toBe(true);
  });

  it('keeps "servicecontracten" whole in a longer Dutch note', () => {
    const fit = createFontFitter(perChar, shrinkOnly);
    const text = 'Klanten vragen om servicecontracten';
    const size = fit(text).size;
    expect(widest('servicecontracten', size)).toBeLessThanOrEqual(box.width);
    expect(layoutAt(text, size, box.width, unit).lines * size * box.lineHeight).toBeLessThanOrEqual(box.height);
  });

  it('keeps the largest size for short words', () => {
    expect(createFontFitter(perChar, box)('Strong brand')).toEqual({ size: 20, text: 'Strong brand' });
    expect(createFontFitter(perChar, box)('').size).toBe(20);
  });

  it('uses smaller type for long notes so all lines fit', () => {
    const fit = createFontFitter(perChar, box);
    const long = 'A long note about how the account team handles complaints from key customers';
    const size = fit(long).size;
    expect(size).toBeLessThan(fit('Strong brand').size);
    expect(layoutAt(long, size, box.width, unit).lines * size * box.lineHeight).toBeLessThanOrEqual(box.height);
  });

  it('stops at the minimum size and only then lets a word break', () => {
    const fit = createFontFitter(perChar, shrinkOnly);
    const word = 'arbeidsongeschiktheidsverzekering'; // 33 characters: 238px even at 12px
    expect(fit(word).size).toBe(box.minSize);
    expect(layoutAt(word, box.minSize, box.width, unit).wordsFit).toBe(false);
  });

  it('may break a hyphenated compound at its dash instead of shrinking', () => {
    const fit = createFontFitter(perChar, shrinkOnly);
    // "klant-tevredenheid" is 18 characters, but Konva wraps after the dash.
    expect(size(fit, 'klant-tevredenheid')).toBeGreaterThan(size(fit, 'klanttevredenheid'));
  });

  it('does not pick a size at which Konva would put the dash at the start of the next line', () => {
    // At 10px only the dash of "mid-" overflows the line, so Konva would draw "mid" / "-size".
    const text = 'aaaaaaaaaaaaaaaaaaa mid-size'; // 19 + 1 + 3 = 23 chars = 138px; with the dash 144px
    expect(layoutAt(text, 10, 141, unit).wordsFit).toBe(false);
    expect(layoutAt(text, 9, 141, unit).wordsFit).toBe(true);
  });

  it('measures each piece once, however often a text is fitted', () => {
    const seen: string[] = [];
    const fit = createFontFitter((t, s) => {
      seen.push(t);
      return perChar(t, s);
    }, box);
    fit('Ervaren accountmanagers');
    const first = seen.length;
    fit('Ervaren accountmanagers');
    fit('Ervaren verkopers');
    expect(seen.length).toBe(first + 1); // only "verkopers" is new
    expect(new Set(seen).size).toBe(seen.length);
  });
});

/** Konva, wrapping the drawn text at its spaces and line breaks, breaks no word and every line fits the box. */
function expectDrawnWhole(text: string, size: number): void {
  const l = layoutAt(text, size, box.width, unit);
  expect(l.wordsFit).toBe(true);
  expect(l.lines * size * box.lineHeight).toBeLessThanOrEqual(box.height);
}

describe('createFontFitter with hyphenation (issue 8: "Ervaren accountmanagers" became small print)', () => {
  it('hyphenates one over-long word instead of shrinking the whole note', () => {
    const fit = createFontFitter(perChar, box, dutch);
    const shrunk = createFontFitter(perChar, shrinkOnly)('Ervaren accountmanagers');
    const f = fit('Ervaren accountmanagers');
    // Whole, "accountmanagers" needs 15px (15 characters of 9px in 140px); hyphenated it keeps 18px.
    expect(shrunk.size).toBe(15);
    expect(f.size).toBe(box.wholeWordSize);
    // Broken at a syllable, with a hyphen and a line break Konva keeps ("Ervaren" wraps at its space).
    expect(f.text).toBe('Ervaren account-\nmanagers');
    expectDrawnWhole(f.text, f.size);
  });

  it('keeps a word whole when a little smaller type is enough', () => {
    // 12 characters: 144px at 20px is too wide, 136.8px at 19px fits.
    expect(createFontFitter(perChar, box, dutch)('Marktaandeel')).toEqual({ size: 19, text: 'Marktaandeel' });
  });

  it('hyphenates where the lines balance ("klanten-" / "service", not "klantenser-" / "vice")', () => {
    const fit = createFontFitter(perChar, box, dutch);
    const f = fit('klantenservice'); // 14 characters: 151px at 18px, whole only at 16px
    expect(f.size).toBe(box.wholeWordSize);
    expect(f.text).toBe('klanten-\nservice');
    expectDrawnWhole(f.text, f.size);
  });

  it('hyphenates even long words over several lines at a readable size', () => {
    const fit = createFontFitter(perChar, box, dutch);
    const f = fit('arbeidsongeschiktheidsverzekering');
    expect(f.size).toBeGreaterThanOrEqual(16);
    const lines = f.text.split('\n');
    expect(lines.join('').replaceAll('-', '')).toBe('arbeidsongeschiktheidsverzekering');
    for (const line of lines.slice(0, -1)) expect(line.endsWith('-')).toBe(true);
    expectDrawnWhole(f.text, f.size);
  });

  it('cuts a syllable wider than a line at a letter (a URL)', () => {
    const url = 'https://example.org/a/very/long/path';
    const l = layoutAt(url, 16, 140, unit, () => [url]);
    const lines = l.text.split('\n');
    expect(lines.join('')).toBe(url);
    for (const line of lines) expect(perChar(line, 16)).toBeLessThanOrEqual(140);
  });
});

describe('piecesOf', () => {
  it('splits at spaces and after dashes, as Konva wraps', () => {
    expect(piecesOf('klant-tevredenheid  hoog')).toEqual([
      { text: 'klant-', spaceBefore: true },
      { text: 'tevredenheid', spaceBefore: false },
      { text: 'hoog', spaceBefore: true },
    ]);
  });
});

describe('layoutAt', () => {
  it('counts explicit line breaks and wrapped lines', () => {
    // At 10px each character is 6px: 23 characters per 140px line (less the slack).
    expect(layoutAt('a\nb', 10, 140, unit).lines).toBe(2);
    expect(layoutAt('aaaaaaaaaa bbbbbbbbbb cccccccccc', 10, 140, unit)).toEqual({ lines: 2, wordsFit: true, text: 'aaaaaaaaaa bbbbbbbbbb cccccccccc' });
  });
});
