import { describe, it, expect } from 'vitest';
import { changeDirection, changeNumber, changeText, roundTitle, scoreName, statsSummary } from './quickscanText.ts';
import { labelAnchor, radarPath, spokePoint, spreadPath } from './radarGeometry.ts';

describe('quickscan text', () => {
  it('names scores and summarises an activity in both languages', () => {
    expect(scoreName('en', 4)).toBe('4: good');
    expect(scoreName('nl', 1)).toBe('1: slecht');
    expect(statsSummary('en', { count: 3, mean: 5 / 3, stdev: Math.sqrt(2) / 3 })).toBe('mean 1.7, spread ±0.5, 3 scores');
    expect(statsSummary('nl', { count: 1, mean: 4, stdev: 0 })).toBe('gemiddelde 4,0, spreiding ±0,0, 1 score');
    expect(statsSummary('en', { count: 0, mean: null, stdev: null })).toBe('not scored');
  });

  it('tells a change up, down, none and one that rounds to nothing', () => {
    expect([changeNumber('en', { from: 3, to: 4, change: 1 }), changeText('en', { from: 3, to: 4, change: 1 })]).toEqual(['+1.0', 'up 1.0']);
    expect([changeNumber('nl', { from: 3, to: 2.7, change: -0.3 }), changeText('nl', { from: 3, to: 2.7, change: -0.3 })]).toEqual(['−0,3', '0,3 lager']);
    expect(changeDirection({ from: 3, to: 3.04, change: 0.04 })).toBe('same');
    expect(changeText('en', { from: null, to: 3, change: null })).toBe('not comparable');
  });

  it('writes a round with its date in the locale’s way', () => {
    expect(roundTitle('en', { label: 'Round 2', date: '2026-09-14' })).toBe('Round 2 · Sep 14, 2026');
    expect(roundTitle('nl', { label: 'Ronde 2', date: '2026-09-14' })).toBe('Ronde 2 · 14 sep 2026');
    expect(roundTitle('en', { label: 'Round 1', date: null })).toBe('Round 1');
  });
});

describe('radar geometry', () => {
  it('puts spoke 0 at the top and the next ones clockwise, a score at its share of the radius', () => {
    expect(spokePoint(0, 4, 100, 1)).toEqual({ x: 0, y: -100 });
    expect(spokePoint(1, 4, 100, 0.5)).toEqual({ x: 50, y: 0 });
    expect(spokePoint(2, 4, 100, 1)).toEqual({ x: 0, y: 100 });
    expect(labelAnchor(spokePoint(1, 4, 100, 1))).toBe('start');
    expect(labelAnchor(spokePoint(3, 4, 100, 1))).toBe('end');
    expect(labelAnchor(spokePoint(0, 4, 100, 1))).toBe('middle');
  });

  it('skips spokes without a value and draws nothing with fewer than two', () => {
    expect(radarPath([5, null, 5, null], 100, 5)).toBe('M0,-100L0,100Z');
    expect(radarPath([5, null, null, null], 100, 5)).toBe('');
  });

  it('draws the spread band between mean - stdev and mean + stdev, kept within 1..5', () => {
    expect(spreadPath([{ mean: 4.5, stdev: 1 }, { mean: null, stdev: null }, { mean: 2, stdev: 2 }, { mean: 3, stdev: 0 }], 100, 1, 5)).toBe(
      'M0,-100L0,80L-60,0Z' + 'M0,-70L0,20L-60,0Z',
    );
  });
});
