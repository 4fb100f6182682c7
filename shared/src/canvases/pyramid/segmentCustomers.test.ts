import { describe, expect, it } from 'vitest';
import type { Account } from './accounts.ts';
import { levelSizes, segmentCustomers } from './segmentCustomers.ts';
import { DEFAULT_SHARES } from './pyramidSettings.ts';

const shares = { ...DEFAULT_SHARES };
let n = 0;
function account(name: string, current: number, previous = 0, status: Account['status'] = 'customer', extra: Partial<Account> = {}): Account {
  return { id: `id${String(n++).padStart(5, '0')}`, name, current, previous, status, ...extra };
}

describe('levelSizes', () => {
  it('gives round(1%), round(4%), round(15%) of the active customers and the rest to small', () => {
    expect(levelSizes(100, shares)).toEqual({ top: 1, large: 4, medium: 15, small: 80 });
    // 1% of 250 is 2.5 -> 3, 4% is 10, 15% is 37.5 -> 38: rounding halves up.
    expect(levelSizes(250, shares)).toEqual({ top: 3, large: 10, medium: 38, small: 199 });
    // 1% of 10 is 0.1 -> 0, 4% is 0.4 -> 0, 15% is 1.5 -> 2.
    expect(levelSizes(10, shares)).toEqual({ top: 0, large: 0, medium: 2, small: 8 });
    expect(levelSizes(0, shares)).toEqual({ top: 0, large: 0, medium: 0, small: 0 });
  });

  it('never gives more than there are customers', () => {
    expect(levelSizes(1, { top: 60, large: 40, medium: 0 })).toEqual({ top: 1, large: 0, medium: 0, small: 0 });
    expect(levelSizes(3, { top: 50, large: 50, medium: 0 })).toEqual({ top: 2, large: 1, medium: 0, small: 0 });
  });
});

describe('segmentCustomers', () => {
  it('ranks active customers by revenue, highest first, into the four levels', () => {
    // 20 customers with revenue 20, 19, ..., 1: with 10% / 20% / 30% shares top = 2, large = 4, medium = 6, small = 8.
    const accounts = Array.from({ length: 20 }, (_, i) => account(`c${i}`, 20 - i));
    const seg = segmentCustomers(accounts, { top: 10, large: 20, medium: 30 });
    const levels = accounts.map((a) => seg.level.get(a.id));
    expect(levels).toEqual([...Array(2).fill('top'), ...Array(4).fill('large'), ...Array(6).fill('medium'), ...Array(8).fill('small')]);
  });

  it('puts customers without revenue now in inactive, and prospects and suspects by status', () => {
    const lapsed = account('Lapsed', 0, 500);
    const never = account('Never bought here', 0, 0);
    const prospect = account('Quote sent', 0, 0, 'prospect');
    const suspect = account('Fits the profile', 0, 0, 'suspect');
    const seg = segmentCustomers([lapsed, never, prospect, suspect], shares);
    expect(seg.level.get(lapsed.id)).toBe('inactive');
    expect(seg.level.get(never.id)).toBe('inactive');
    expect(seg.level.get(prospect.id)).toBe('prospect');
    expect(seg.level.get(suspect.id)).toBe('suspect');
  });

  it('breaks ties at a level boundary by name, so the counts stay the shares on every replica', () => {
    // Two customers at 100 and a boundary of one top customer: "Alpha" before "beta" (case ignored).
    const beta = account('beta', 100);
    const alpha = account('Alpha', 100);
    const rest = Array.from({ length: 8 }, (_, i) => account(`r${i}`, 10));
    const seg = segmentCustomers([beta, alpha, ...rest], { top: 10, large: 10, medium: 0 });
    expect(seg.level.get(alpha.id)).toBe('top');
    expect(seg.level.get(beta.id)).toBe('large');
  });

  it('splits all-equal revenue by name, with the usual counts', () => {
    const accounts = Array.from({ length: 100 }, (_, i) => account(`Acc ${String(i).padStart(3, '0')}`, 1000));
    const seg = segmentCustomers(accounts, shares);
    const count = (l: string) => accounts.filter((a) => seg.level.get(a.id) === l).length;
    expect([count('top'), count('large'), count('medium'), count('small')]).toEqual([1, 4, 15, 80]);
    expect(seg.level.get(accounts[0].id)).toBe('top');
  });

  it('keeps a manual level and still counts the account in the ranking (no other account moves)', () => {
    const accounts = Array.from({ length: 10 }, (_, i) => account(`c${i}`, 100 - i));
    const moved = { ...accounts[0], level: 'medium' as const };
    const seg = segmentCustomers([moved, ...accounts.slice(1)], { top: 10, large: 10, medium: 10 });
    expect(seg.level.get(moved.id)).toBe('medium');
    expect(seg.ruled.get(moved.id)).toBe('top');
    expect(seg.level.get(accounts[1].id)).toBe('large');
  });

  it('ranks last period the same way, for movement', () => {
    const a = account('A', 10, 100);
    const b = account('B', 100, 10);
    const seg = segmentCustomers([a, b], { top: 50, large: 0, medium: 0 });
    expect(seg.previous.get(a.id)).toBe('top');
    expect(seg.previous.get(b.id)).toBe('small');
    expect(seg.level.get(b.id)).toBe('top');
  });
});
