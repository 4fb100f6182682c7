import { describe, expect, it } from 'vitest';
import type { PersonalEntry } from '../../board/personal.ts';
import { analyzeSevens, fitOf, type ElementResult, type SevensAnalysis } from './sevensAnalysis.ts';
import { SEVENS_ELEMENTS, SEVENS_PAIRS, fitEntry, scoreEntry, type SevensElement, type SevensState } from './sevensModel.ts';

const C = '7s';

/** Scores as `{ element: { current: [a, b, c], desired: [...] } }`, the i-th value from participant p<i>. */
type Sheet = Partial<Record<SevensElement, Partial<Record<SevensState, number[]>>>>;

function entries(sheet: Sheet): PersonalEntry[] {
  return Object.entries(sheet).flatMap(([element, states]) =>
    Object.entries(states!).flatMap(([state, values]) =>
      values!.map((value, i) => ({ canvasId: C, participantId: `p${i}`, entry: scoreEntry(element as SevensElement, state as SevensState), value })),
    ),
  );
}

function element(a: SevensAnalysis, e: SevensElement): ElementResult {
  return a.elements.find((x) => x.element === e)!;
}

describe('7S analysis', () => {
  // Three participants, worked out by hand:
  //   strategy     current 2 3 4  mean 3,    sd √(2/3) = 0.8165; desired 4 5 5 mean 14/3, sd √2/3 = 0.4714; gap 5/3
  //   structure    current 3 3 3  mean 3,    sd 0;              desired 3 3 3 mean 3,    sd 0;           gap 0
  //   systems      current 1 2    mean 1.5,  sd 0.5;            desired 4 4   mean 4,    sd 0;           gap 2.5
  //   sharedValues current 4 4 4  mean 4;                        desired 5 5 5 mean 5;                    gap 1
  //   style        current 2      mean 2,    sd 0;              desired 3     mean 3;                    gap 1 (ties sharedValues)
  //   staff        current 3 4 5  mean 4;                        desired 2 3 4 mean 3;                    gap -1
  //   skills       current 2 2 2  mean 2;                        no desired;                              no gap
  const room: Sheet = {
    strategy: { current: [2, 3, 4], desired: [4, 5, 5] },
    structure: { current: [3, 3, 3], desired: [3, 3, 3] },
    systems: { current: [1, 2], desired: [4, 4] },
    sharedValues: { current: [4, 4, 4], desired: [5, 5, 5] },
    style: { current: [2], desired: [3] },
    staff: { current: [3, 4, 5], desired: [2, 3, 4] },
    skills: { current: [2, 2, 2] },
  };

  it('gives the mean, population spread and gap of each element', () => {
    const a = analyzeSevens(entries(room));
    const strategy = element(a, 'strategy');
    expect(strategy.group).toBe('hard');
    expect(strategy.current).toMatchObject({ count: 3, mean: 3, min: 2, max: 4 });
    expect(strategy.current.stdev).toBeCloseTo(0.8165, 4);
    expect(strategy.desired.mean).toBeCloseTo(14 / 3, 10);
    expect(strategy.desired.stdev).toBeCloseTo(0.4714, 4);
    expect(strategy.gap).toBeCloseTo(5 / 3, 10);
    expect(element(a, 'structure')).toMatchObject({ gap: 0, current: { stdev: 0 }, desired: { stdev: 0 } });
    expect(element(a, 'systems')).toMatchObject({ gap: 2.5, current: { count: 2, mean: 1.5, stdev: 0.5 }, desired: { mean: 4, stdev: 0 } });
    expect(element(a, 'sharedValues')).toMatchObject({ group: 'soft', gap: 1 });
    expect(element(a, 'staff').gap).toBe(-1);
    expect(element(a, 'skills')).toMatchObject({ gap: null, current: { count: 3, mean: 2 }, desired: { count: 0, mean: null, stdev: null } });
    expect(a.elements.map((e) => e.element)).toEqual(SEVENS_ELEMENTS);
  });

  it('orders the elements by gap, largest first, ties in the method’s order, no gap last', () => {
    const a = analyzeSevens(entries(room));
    expect(a.byGap).toEqual(['systems', 'strategy', 'sharedValues', 'style', 'structure', 'staff', 'skills']);
  });

  it('breaks a tie by the method’s order even where floating point would not (1/1 vs 7/3 - 4/3)', () => {
    // structure's gap computes as 1.0000000000000002, strategy's as 1: equal, so strategy first.
    const a = analyzeSevens(entries({ strategy: { current: [1], desired: [2] }, structure: { current: [1, 1, 2], desired: [2, 2, 3] } }));
    expect(element(a, 'structure').gap).toBeGreaterThan(element(a, 'strategy').gap!);
    expect(a.byGap.slice(0, 2)).toEqual(['strategy', 'structure']);
  });

  it('adds up the hard and the soft elements', () => {
    const { hard, soft } = analyzeSevens(entries(room)).subtotals;
    expect(hard.current).toBeCloseTo(7.5, 10); // 3 + 3 + 1.5
    expect(hard.desired).toBeCloseTo(35 / 3, 10); // 14/3 + 3 + 4
    expect(hard.gap).toBeCloseTo(25 / 6, 10); // 5/3 + 0 + 2.5
    expect(hard.meanGap).toBeCloseTo(25 / 18, 10);
    expect(hard.elementsWithGap).toBe(3);
    // Skills has no desired score: its current mean counts in the current sum, it has no gap.
    expect(soft).toEqual({ current: 12, desired: 11, gap: 1, meanGap: 1 / 3, elementsWithGap: 3 });
  });

  it('counts each participant’s scores and ratings', () => {
    const a = analyzeSevens([...entries(room), { canvasId: C, participantId: 'p0', entry: fitEntry(SEVENS_PAIRS[0]), value: 4 }]);
    // p0 scored all 13 given states, p1 11 (not style), p2 9 (not systems, not style).
    expect(a.progress).toEqual({ scoredBy: { p0: 13, p1: 11, p2: 9 }, fitRatedBy: { p0: 1 } });
  });

  it('says nothing without scores: no means, no gaps, the method’s order, empty subtotals', () => {
    const a = analyzeSevens([]);
    expect(a.elements.every((e) => e.current.mean === null && e.desired.mean === null && e.gap === null)).toBe(true);
    expect(a.byGap).toEqual(SEVENS_ELEMENTS);
    expect(a.subtotals.hard).toEqual({ current: null, desired: null, gap: null, meanGap: null, elementsWithGap: 0 });
    expect(a.fit).toHaveLength(21);
    expect(a.fit.every((f) => f.count === 0 && f.mean === null)).toBe(true);
    expect(a.progress).toEqual({ scoredBy: {}, fitRatedBy: {} });
  });

  it('gives one participant’s scores as the means, with no spread', () => {
    const a = analyzeSevens(entries({ strategy: { current: [2], desired: [5] }, staff: { current: [4], desired: [4] } }));
    expect(element(a, 'strategy')).toMatchObject({ gap: 3, current: { count: 1, mean: 2, stdev: 0 }, desired: { mean: 5, stdev: 0 } });
    expect(a.byGap.slice(0, 2)).toEqual(['strategy', 'staff']);
    expect(a.subtotals.soft).toMatchObject({ current: 4, desired: 4, gap: 0, meanGap: 0, elementsWithGap: 1 });
  });

  it('has no gaps when only the current state is scored', () => {
    const a = analyzeSevens(entries({ strategy: { current: [2, 4] }, style: { current: [5] } }));
    expect(element(a, 'strategy')).toMatchObject({ gap: null, current: { mean: 3, stdev: 1 }, desired: { count: 0 } });
    expect(a.byGap).toEqual(SEVENS_ELEMENTS);
    expect(a.subtotals.hard).toEqual({ current: 3, desired: null, gap: null, meanGap: null, elementsWithGap: 0 });
    expect(a.subtotals.soft.current).toBe(5);
  });

  it('averages the fit of each of the 21 pairs, and ignores what it did not write', () => {
    const fit = (participantId: string, entry: string, value: unknown): PersonalEntry => ({ canvasId: C, participantId, entry, value });
    const a = analyzeSevens([
      fit('p0', 'fit:strategy:structure', 4),
      fit('p1', 'fit:strategy:structure', 2),
      fit('p0', 'fit:staff:skills', 5),
      // Not counted: the pair the wrong way round, off the scale, not whole, not a number, itself, unknown.
      fit('p2', 'fit:structure:strategy', 1),
      fit('p2', 'fit:strategy:systems', 6),
      fit('p2', 'fit:strategy:systems', 2.5),
      fit('p2', 'fit:strategy:style', '3'),
      fit('p2', 'fit:style:style', 3),
      fit('p2', 'fit:strategy:culture', 3),
      fit('p2', 'score:strategy:later', 3),
      fit('p2', 'score:strategy:current:x', 3),
    ]);
    expect(a.fit.map((f) => `${f.a}-${f.b}`)).toEqual(SEVENS_PAIRS.map((p) => `${p.a}-${p.b}`));
    expect(fitOf(a, 'structure', 'strategy')).toMatchObject({ a: 'strategy', b: 'structure', count: 2, mean: 3, stdev: 1, min: 2, max: 4 });
    expect(fitOf(a, 'staff', 'skills')).toMatchObject({ count: 1, mean: 5, stdev: 0 });
    expect(a.fit.reduce((n, f) => n + f.count, 0)).toBe(3);
    expect(a.progress).toEqual({ scoredBy: {}, fitRatedBy: { p0: 2, p1: 1 } });
    expect(fitOf(a, 'style', 'style')).toBeUndefined();
  });
});
