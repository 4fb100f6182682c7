// Issue 11, the PDF's text: right-to-left lines in display order and characters DejaVu Sans lacks
// drawn with the fallback font (pdfText.ts). The whole PDF is in planExport.test.ts.
import { describe, expect, it } from 'vitest';
import { baseDirection, fontRuns, forFontkit, paragraphDirections, startAlign, visualLine } from './pdfText.ts';

/** Reversed by code point: what a right-to-left word looks like in display order. */
const rev = (s: string) => Array.from(s).reverse().join('');

describe('visualLine: a line in display order, left to right', () => {
  it('puts the words of a right-to-left phrase in a left-to-right line right to left', () => {
    expect(visualLine('Owner: שלום עולם')).toBe(`Owner: ${rev('עולם')} ${rev('שלום')}`);
    expect(visualLine('Call مرحبا بالعالم today')).toBe(`Call ${rev('بالعالم')} ${rev('مرحبا')} today`);
  });

  it('reads a right-to-left paragraph from the right: Latin words and numbers stay left to right inside it', () => {
    expect(visualLine('שלום Ann')).toBe(`Ann ${rev('שלום')}`);
    expect(visualLine('1. خطة العمل 2026')).toBe(`2026 ${rev('العمل')} ${rev('خطة')} .1`);
  });

  it('mirrors brackets in right-to-left text', () => {
    expect(visualLine('(שלום)')).toBe(`(${rev('שלום')})`);
  });

  it('moves an emoji between right-to-left words with them, whole with its skin tone', () => {
    expect(visualLine('Ann: שלום 👍🏽 עולם')).toBe(`Ann: ${rev('עולם')} 👍🏽 ${rev('שלום')}`);
  });

  it('leaves left-to-right text as it is', () => {
    const line = 'Train the sales team: één café-sessie 👍🏽 (Q2)';
    expect(visualLine(line)).toBe(line);
  });

  it('gives each paragraph its own direction', () => {
    expect(paragraphDirections('Plan\nשלום Ann\nمرحبا').map((p) => p.direction)).toEqual(['ltr', 'rtl', 'rtl']);
  });
});

describe('startAlign: a right-to-left paragraph starts at the right', () => {
  it('aligns right what would be aligned left, given or by default, and leaves the rest as asked', () => {
    expect(startAlign(baseDirection('1. שלום Ann'), undefined)).toBe('right');
    expect(startAlign('rtl', 'left')).toBe('right');
    expect(startAlign('rtl', 'center')).toBe('center');
    expect(startAlign(baseDirection('Ann: שלום'), undefined)).toBeUndefined();
    expect(startAlign('ltr', 'left')).toBe('left');
  });
});

describe('forFontkit: what fontkit is handed so that its own mirroring of a right-to-left word gives display order', () => {
  it('gives a right-to-left word back in stored order (so Arabic letters join as written) and leaves others', () => {
    expect(forFontkit(rev('مرحبا'))).toBe('مرحبا');
    expect(forFontkit(`)${rev('שלום')}(`)).toBe(`(שלום)`);
    expect(forFontkit('café')).toBe('café');
  });
});

describe('fontRuns: each character in the first font that has it', () => {
  const latin = (p: number) => p < 0x2000;
  const emoji = (p: number) => p >= 0x1f000 || p === 0x200d;

  it('draws emoji, skin tones and joined families with the fallback, the rest with the font', () => {
    expect(fontRuns('Top 👍🏽 team 👨‍👩‍👧!', [latin, emoji])).toEqual([
      { font: 0, text: 'Top ' }, { font: 1, text: '👍🏽' }, { font: 0, text: ' team ' }, { font: 1, text: '👨‍👩‍👧' }, { font: 0, text: '!' },
    ]);
  });

  it('prints a visible placeholder for a character no font has', () => {
    expect(fontRuns('a漢b', [latin, emoji])).toEqual([{ font: 0, text: 'a\uFFFDb' }]);
  });
});
