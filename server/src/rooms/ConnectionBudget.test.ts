import { describe, expect, it } from 'vitest';
import { BYTES_PER_POINT, ConnectionBudget } from './ConnectionBudget.ts';

describe('ConnectionBudget', () => {
  it('allows a burst, refuses past it and refills over time', () => {
    let now = 0;
    const budget = new ConnectionBudget(10, 10, () => now);
    for (let i = 0; i < 10; i++) expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
    now += 1000;
    expect(budget.take()).toBe(true);
  });

  it('charges by bytes carried and sent, not only by message count', () => {
    let now = 0;
    const budget = new ConnectionBudget(10, 10, () => now);
    budget.charge(8 * BYTES_PER_POINT); // a reply of 512 KiB
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
    now += 10_000;
    expect(budget.take(20 * BYTES_PER_POINT)).toBe(false);
  });
});
