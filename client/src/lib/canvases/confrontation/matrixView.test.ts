import { describe, it, expect } from 'vitest';
import type { Note } from '$shared/board/schema.ts';
import type { PersonalEntry } from '$shared/board/personal.ts';
import { analyzeConfrontation } from '$shared/canvases/confrontation/confrontationAnalysis.ts';
import { confrontationSettings, type ConfrontationSettings } from '$shared/canvases/confrontation/confrontationSettings.ts';
import { buildMatrixView, type MatrixViewInput } from './matrixView.ts';
import { heatColor } from './heatColor.ts';

const FRAME = { S: 'swot.strengths', W: 'swot.weaknesses', O: 'swot.opportunities', T: 'swot.threats' } as const;
const note = (id: string, q: keyof typeof FRAME, text: string, y = 80): Note => ({ id, frame: FRAME[q], text, x: 20, y, color: 'yellow', author: '', createdAt: 0, z: 'a0' });
const notes = [note('s1', 'S', 'Sterk merk'), note('s2', 'S', 'Trouwe klanten', 300), note('w1', 'W', 'Trage levering'), note('o1', 'O', 'Groeiende B2B-markt'), note('t1', 'T', 'Nieuwe concurrent')];
const score = (p: string, row: string, column: string, value: number, scale = '0..2'): PersonalEntry => ({ canvasId: 'm', participantId: p, entry: `${scale}:${row}:${column}`, value });

// Hand-computed: s1×o1 is scored 2, 2, 1 (mean 5/3 = 1.67, population stdev 0.47); w1×t1 is 0 and 2
// (mean 1, stdev 1, two steps apart: disagreement); the rest is unscored.
const scores = [score('ann', 's1', 'o1', 2), score('bob', 's1', 'o1', 2), score('cas', 's1', 'o1', 1), score('ann', 'w1', 't1', 0), score('bob', 'w1', 't1', 2)];

function view(extra: Partial<MatrixViewInput> = {}, settings: Partial<ConfrontationSettings> = {}) {
  const analysis = analyzeConfrontation({ settings: confrontationSettings.parse(settings), source: 'swot', notes, scores, locale: 'nl' });
  return buildMatrixView({ analysis, mine: new Map([['s1:o1', 2]]), showResults: true, locale: 'en', boardLocale: 'nl', ...extra });
}

describe('buildMatrixView', () => {
  it('codes rows and columns per quadrant in the board language (Z for zwakten, K for kansen)', () => {
    const v = view();
    expect(v.rows.map((r) => [r.code, r.text])).toEqual([['S1', 'Sterk merk'], ['S2', 'Trouwe klanten'], ['Z1', 'Trage levering']]);
    expect(v.columns.map((c) => c.code)).toEqual(['K1', 'B1']);
    expect(v.rowGroups).toEqual([
      { quadrant: 'S', label: 'Sterkten', start: 0, span: 2 },
      { quadrant: 'W', label: 'Zwakten', start: 2, span: 1 },
    ]);
  });

  it('names each cell by its row and column text', () => {
    const c = view().cells[0][0];
    expect(c.pair).toBe('Sterk merk × Groeiende B2B-markt');
    expect(c.scoreLabel).toBe('Sterk merk × Groeiende B2B-markt, your score: ++ (strongly related)');
    expect(view().cells[1][0].scoreLabel).toBe('Trouwe klanten × Groeiende B2B-markt, not scored');
  });

  it('shows one\'s own score with the scale label', () => {
    const v = view();
    expect(v.cells[0][0].mine).toBe(2);
    expect(v.cells[0][0].mineLabel).toBe('++');
    expect(v.cells[0][1].mineLabel).toBe('');
    expect(v.myScored).toBe(1);
    expect(v.cellCount).toBe(6);
  });

  it('shows mean, count, spread and heat colour of a scored cell, in the user\'s number format', () => {
    const c = view({ locale: 'nl' }).cells[0][0];
    expect([c.count, c.meanText, c.stdevText, c.disagreement, c.agreement]).toEqual([3, '1,7', '0,5', false, 'high']);
    expect(c.heat).toEqual(heatColor(5 / 3));
    expect(c.resultText).toBe('gemiddelde 1,7, 3 scores, spreiding 0,5');
  });

  it('flags the disagreeing cell', () => {
    const c = view().cells[2][1];
    expect([c.meanText, c.stdevText, c.disagreement, c.agreement]).toEqual(['1.0', '1.0', true, 'low']);
    expect(c.resultText).toBe('mean 1.0, 2 scores, spread 1.0, opinions differ');
  });

  it('leaves an unscored cell without mean or colour', () => {
    const c = view().cells[1][1];
    expect([c.mean, c.meanText, c.heat, c.resultText]).toEqual([null, '', null, 'no scores yet']);
  });

  it('sums rows, columns and quadrants, with the quadrants named by strategy type in the board language', () => {
    const v = view();
    expect(v.rows.map((r) => r.sumText)).toEqual(['1.7', '0.0', '1.0']);
    expect(v.columns.map((c) => c.sumText)).toEqual(['1.7', '1.0']);
    expect(v.quadrants.SO).toEqual({ id: 'SO', code: 'SK', type: 'offensive', label: 'Offensief (aanvallen, benutten)', sumText: '1.7' });
    expect(v.quadrants.WT).toMatchObject({ code: 'ZB', type: 'crisis', sumText: '1.0' });
    expect(v.quadrants.ST.label).toBe('Defensief (verdedigen)');
    expect(v.totalText).toBe('2.7');
  });

  it('labels the quadrants in English on an English board', () => {
    const analysis = analyzeConfrontation({ settings: confrontationSettings.parse({}), source: 'swot', notes, scores, locale: 'en' });
    const v = buildMatrixView({ analysis, mine: new Map(), showResults: true, locale: 'nl', boardLocale: 'en' });
    expect(Object.values(v.quadrants).map((q) => `${q.code} ${q.label}`)).toEqual([
      'SO Offensive (seize)',
      'ST Defensive (defend)',
      'WO Improve (strengthen)',
      'WT Crisis (limit damage)',
    ]);
  });

  it('empties every result while the results are hidden, and keeps one\'s own scores', () => {
    const v = view({ showResults: false });
    const c = v.cells[0][0];
    expect([c.count, c.mean, c.meanText, c.stdevText, c.heat, c.disagreement, c.resultText]).toEqual([0, null, '', '', null, false, '']);
    expect(c.mineLabel).toBe('++');
    expect(v.rows[0].sumText).toBe('');
    expect(v.quadrants.SO.sumText).toBe('');
    expect(v.totalText).toBe('');
  });

  it('marks chosen options', () => {
    const v = view({}, { chosen: ['w1:t1'] });
    expect(v.cells[2][1].chosen).toBe(true);
    expect(v.cells[2][1].resultText).toMatch(/chosen option$/);
  });

  it('shows the negative scale\'s labels and colours', () => {
    const analysis = analyzeConfrontation({
      settings: confrontationSettings.parse({ scale: '-2..2' }),
      source: 'swot',
      notes,
      scores: [score('ann', 's1', 'o1', -2, '-2..2'), score('bob', 's1', 'o1', -1, '-2..2')],
      locale: 'en',
    });
    const v = buildMatrixView({ analysis, mine: new Map([['s1:o1', -2]]), showResults: true, locale: 'en', boardLocale: 'en' });
    expect(v.cells[0][0].mineLabel).toBe('--');
    expect(v.cells[0][0].meanText).toBe('-1.5');
    expect(v.cells[0][0].heat).toEqual(heatColor(-1.5));
  });
});
