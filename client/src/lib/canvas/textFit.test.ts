import { describe, it, expect } from 'vitest';
import { createFontFitter, layoutAt, piecesOf, type TextBox } from './textFit.ts';

/** Every character is 0.6 em wide: simple enough to reason about the expected sizes. */
const perChar = (text: string, fontSize: number) => text.length * 0.6 * fontSize;
const unit = (s: string) => perChar(s, 1);
const box: TextBox = { width: 140, height: 100, lineHeight: 1.2, maxSize: 20, minSize: 12 };
const widest = (text: string, size: number) => Math.max(...text.split(/[\s]+/).map((w) => perChar(w, size)));

describe('createFontFitter', () => {
  it('shrinks the font rather than break "accountmanagers"', () => {
    const fit = createFontFitter(perChar, box);
    const size = fit('Ervaren accountmanagers');
    // 15 characters at 20px are 180px wide: too wide for the 140px line.
    expect(size).toBeLessThan(20);
    expect(size).toBeGreaterThanOrEqual(box.minSize);
    expect(widest('accountmanagers', size)).toBeLessThanOrEqual(box.width);
    expect(layoutAt('Ervaren accountmanagers', size, box.width, unit).wordsFit).toBe(true);
  });

  it('keeps "servicecontracten" whole in a longer Dutch note', () => {
    const fit = createFontFitter(perChar, box);
    const text = 'Klanten vragen om servicecontracten';
    const size = fit(text);
    expect(widest('servicecontracten', size)).toBeLessThanOrEqual(box.width);
    expect(layoutAt(text, size, box.width, unit).lines * size * box.lineHeight).toBeLessThanOrEqual(box.height);
  });

  it('keeps the largest size for short words', () => {
    expect(createFontFitter(perChar, box)('Strong brand')).toBe(20);
    expect(createFontFitter(perChar, box)('')).toBe(20);
  });

  it('uses smaller type for long notes so all lines fit', () => {
    const fit = createFontFitter(perChar, box);
    const long = 'A long note about how the account team handles complaints from key customers';
    const size = fit(long);
    expect(size).toBeLessThan(fit('Strong brand'));
    expect(layoutAt(long, size, box.width, unit).lines * size * box.lineHeight).toBeLessThanOrEqual(box.height);
  });

  it('stops at the minimum size and only then lets a word break', () => {
    const fit = createFontFitter(perChar, box);
    const word = 'arbeidsongeschiktheidsverzekering'; // 33 characters: 238px even at 12px
    expect(fit(word)).toBe(box.minSize);
    expect(layoutAt(word, box.minSize, box.width, unit).wordsFit).toBe(false);
  });

  it('may break a hyphenated compound at its dash instead of shrinking', () => {
    const fit = createFontFitter(perChar, box);
    // "klant-tevredenheid" is 18 characters, but Konva wraps after the dash.
    expect(fit('klant-tevredenheid')).toBeGreaterThan(fit('klanttevredenheid'));
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
    expect(layoutAt('aaaaaaaaaa bbbbbbbbbb cccccccccc', 10, 140, unit)).toEqual({ lines: 2, wordsFit: true });
  });
});
