// Segmentation by the Curry shares (domain.md, "Customer pyramid"; issue 9). Pure.
//
// - Active customers (status customer, revenue this period > 0) ranked by revenue, highest first:
//   top = the first round(1%) of them, large = the next round(4%), medium = the next round(15%),
//   small = the rest (the shares are the canvas's settings). round() rounds halves up; when the
//   rounded counts add up to more than there are customers, the lower levels get fewer.
// - Equal revenue is ordered by name (ignoring case), then id, so the counts are always the shares
//   and every replica puts the same account in the same level.
// - Inactive: customers without revenue this period (revenue last period, or none recorded at all:
//   their status says they bought before). Prospects and suspects by their status.
// - A manual level (an override) wins over the rules; the ranking still counts that account, so
//   moving one account by hand moves no other account.
import type { Account } from './accounts.ts';
import { ACTIVE_LEVELS, type ActiveLevel, type Level } from './pyramidLevels.ts';
import { nameKey } from './accounts.ts';
import type { PyramidShares } from './pyramidSettings.ts';

export interface Segmentation {
  /** Each account's level: its override when it has one, else the rules'. */
  level: Map<string, Level>;
  /** Each account's level by the rules (revenue and status) alone. */
  ruled: Map<string, Level>;
  /** The ruled level each active customer of last period had, by last period's revenue (for movement). */
  previous: Map<string, ActiveLevel>;
}

type Period = 'current' | 'previous';

export function segmentCustomers(accounts: readonly Account[], shares: PyramidShares): Segmentation {
  const ruled = new Map<string, Level>();
  for (const a of accounts) {
    if (a.status !== 'customer') ruled.set(a.id, a.status);
    else if (!(a.current > 0)) ruled.set(a.id, 'inactive');
  }
  for (const [id, level] of rankActive(accounts, 'current', shares)) ruled.set(id, level);
  const level = new Map<string, Level>();
  for (const a of accounts) level.set(a.id, a.level ?? ruled.get(a.id)!);
  return { level, ruled, previous: rankActive(accounts, 'previous', shares) };
}

/** How many of `n` ranked customers each active level gets. */
export function levelSizes(n: number, shares: PyramidShares): Record<ActiveLevel, number> {
  const top = Math.min(n, roundHalfUp((n * shares.top) / 100));
  const large = Math.min(n - top, roundHalfUp((n * shares.large) / 100));
  const medium = Math.min(n - top - large, roundHalfUp((n * shares.medium) / 100));
  return { top, large, medium, small: n - top - large - medium };
}

/** Half up; the epsilon keeps 0.5 that arrives as 0.49999999999999994 (n x 1.5% / 100) a half. */
function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

function rankActive(accounts: readonly Account[], period: Period, shares: PyramidShares): Map<string, ActiveLevel> {
  const active: Array<{ id: string; revenue: number; name: string }> = [];
  for (const a of accounts) {
    const revenue = a[period];
    if (a.status === 'customer' && revenue > 0) active.push({ id: a.id, revenue, name: nameKey(a.name) });
  }
  active.sort((x, y) => y.revenue - x.revenue || (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const sizes = levelSizes(active.length, shares);
  const out = new Map<string, ActiveLevel>();
  let i = 0;
  for (const level of ACTIVE_LEVELS) {
    for (let end = i + sizes[level]; i < end; i++) out.set(active[i].id, level);
  }
  return out;
}
