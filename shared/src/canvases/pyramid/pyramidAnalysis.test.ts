import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Account } from './accounts.ts';
import { setAccount } from './accounts.ts';
import { analyzePyramid } from './pyramidAnalysis.ts';
import { pyramidSettings } from './pyramidSettings.ts';
import { addCanvas } from '../../board/canvases.ts';
import { initBoard } from '../../board/meta.ts';
import { exportBoard } from '../../board/exportBoard.ts';

const defaults = pyramidSettings.parse({});

function acc(id: string, current: number, previous: number, status: Account['status'] = 'customer', level?: Account['level']): Account {
  return { id, name: id, current, previous, status, ...(level ? { level } : {}) };
}

describe('analyzePyramid', () => {
  // Hand-computed: 10 accounts. Shares 10/20/30: of 6 active customers top = round(0.6) = 1,
  // large = round(1.2) = 1, medium = round(1.8) = 2, small = 2.
  const accounts = [
    acc('a', 500, 400), // top
    acc('b', 200, 100), // large
    acc('c', 100, 300), // medium
    acc('d', 50, 50), // medium
    acc('e', 20, 0), // small, won
    acc('f', 10, 20), // small
    acc('g', 0, 70), // inactive, lost
    acc('h', 0, 0, 'prospect'),
    acc('i', 0, 0, 'suspect'),
    acc('j', 0, 0, 'suspect'),
  ];
  const settings = { ...defaults, shares: { top: 10, large: 20, medium: 30 } };
  const a = analyzePyramid(accounts, settings);

  it('counts accounts and revenue per level with their shares', () => {
    expect(a.levels.top).toEqual({ count: 1, customerShare: 0.1, revenue: 500, revenueShare: 500 / 880 });
    expect(a.levels.large).toEqual({ count: 1, customerShare: 0.1, revenue: 200, revenueShare: 200 / 880 });
    expect(a.levels.medium).toEqual({ count: 2, customerShare: 0.2, revenue: 150, revenueShare: 150 / 880 });
    expect(a.levels.small).toEqual({ count: 2, customerShare: 0.2, revenue: 30, revenueShare: 30 / 880 });
    expect(a.levels.inactive).toEqual({ count: 1, customerShare: 0.1, revenue: 0, revenueShare: 0 });
    expect(a.levels.prospect.count).toBe(1);
    expect(a.levels.suspect).toEqual({ count: 2, customerShare: 0.2, revenue: 0, revenueShare: 0 });
    expect(a.revenue).toBe(880);
    expect(a.accounts).toBe(10);
  });

  it('compares the level now with the level last period’s revenue gives', () => {
    // Last period, 6 active (a 400, c 300, b 100, g 70, d 50, f 20): top 1 = a, large 1 = c,
    // medium 2 = b, g; small = d, f. Now: a top (same), b large (up from medium), c medium (down
    // from large), d medium (up from small), f small (same); e won, g lost.
    expect(a.movement).toEqual({ up: 2, down: 1, same: 2, won: 1, lost: 1 });
  });

  it('lists the largest accounts per level and the default strategies', () => {
    expect(a.top.medium.map((t) => t.name)).toEqual(['c', 'd']);
    expect(a.strategies).toEqual({ top: 'retain', large: 'promote', medium: 'promote', small: 'promote', inactive: 'winBack', prospect: 'acquire', suspect: 'identify' });
  });

  it('counts a manual level where the team put it, marked as an override', () => {
    const moved = analyzePyramid([acc('x', 1000, 0, 'customer', 'small'), acc('y', 10, 0)], { ...defaults, shares: { top: 50, large: 0, medium: 0 } });
    expect(moved.levels.small.count).toBe(2);
    expect(moved.levels.top.count).toBe(0);
    expect(moved.overrides).toBe(1);
    expect(moved.top.small[0]).toMatchObject({ name: 'x', override: true });
  });

  it('gives zeros, not NaN, without accounts or without revenue', () => {
    const empty = analyzePyramid([], defaults);
    expect(empty.levels.top).toEqual({ count: 0, customerShare: 0, revenue: 0, revenueShare: 0 });
    expect(empty.movement).toEqual({ up: 0, down: 0, same: 0, won: 0, lost: 0 });
    const noRevenue = analyzePyramid([acc('p', 0, 0, 'prospect')], defaults);
    expect(noRevenue.levels.prospect).toEqual({ count: 1, customerShare: 1, revenue: 0, revenueShare: 0 });
  });

  it('handles 10,000 accounts with the Curry counts', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => acc(`k${i}`, 10_000 - i, 10_000 - i));
    const r = analyzePyramid(many, defaults);
    expect([r.levels.top.count, r.levels.large.count, r.levels.medium.count, r.levels.small.count]).toEqual([100, 400, 1500, 8000]);
    expect(r.movement).toEqual({ up: 0, down: 0, same: 10_000, won: 0, lost: 0 });
    expect(r.top.top.map((t) => t.name)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
  });
});

describe('the export of a pyramid canvas', () => {
  it('has levels and movement in the issue’s shape', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Acme', template: 'swot', language: 'en', createdAt: 1 });
    const id = addCanvas(doc, { kind: 'pyramid', title: 'Pyramid' });
    setAccount(doc, id, { name: 'Acme', current: 100, previous: 0, status: 'customer' });
    const exported = exportBoard(doc).canvases.find((c) => c.id === id)!;
    const analysis = exported.analysis as ReturnType<typeof analyzePyramid>;
    expect(Object.keys(analysis.levels)).toEqual(['top', 'large', 'medium', 'small', 'inactive', 'prospect', 'suspect']);
    expect(Object.keys(analysis.levels.small).sort()).toEqual(['count', 'customerShare', 'revenue', 'revenueShare']);
    expect(analysis.levels.small).toEqual({ count: 1, customerShare: 1, revenue: 100, revenueShare: 1 });
    expect(analysis.movement).toEqual({ up: 0, down: 0, same: 0, won: 1, lost: 0 });
  });
});
