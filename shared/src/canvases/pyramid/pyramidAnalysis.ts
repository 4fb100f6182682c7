// The customer pyramid's analysis (issue 9, "Export analysis"): per level count, share of accounts,
// revenue and share of revenue; movement between the two periods; the team's strategy per level and
// the largest accounts of each level for the view. Pure; the export's `analysis` of a pyramid canvas.
import type { Account } from './accounts.ts';
import { ACTIVE_LEVELS, DEFAULT_STRATEGY, LEVELS, type Level, type Strategy } from './pyramidLevels.ts';
import { strategyOf, type PyramidSettings } from './pyramidSettings.ts';
import { segmentCustomers, type Segmentation } from './segmentCustomers.ts';
import { nameKey } from './accounts.ts';

export interface LevelStats {
  count: number;
  /** count / all accounts on the canvas (0 without accounts). */
  customerShare: number;
  /** Sum of revenue this period. */
  revenue: number;
  /** revenue / all revenue this period (0 without revenue). */
  revenueShare: number;
}

export interface Movement {
  /** Active in both periods, higher level now than last period's revenue gives. */
  up: number;
  down: number;
  same: number;
  /** Customers with no revenue last period and revenue now. */
  won: number;
  /** Customers with revenue last period and none now. */
  lost: number;
}

export interface TopAccount {
  id: string;
  name: string;
  /** Revenue this period; for inactive customers last period's (the ones most worth winning back first). */
  revenue: number;
  /** True when the team put it in this level by hand. */
  override: boolean;
}

export interface PyramidAnalysis {
  levels: Record<Level, LevelStats>;
  movement: Movement;
  strategies: Record<Level, Strategy>;
  accounts: number;
  revenue: number;
  /** Accounts moved by hand. */
  overrides: number;
  /** The largest accounts of each level (revenue, then name; inactive: by last period), at most TOP_PER_LEVEL. */
  top: Record<Level, TopAccount[]>;
}

export const TOP_PER_LEVEL = 5;

/** `seg` when the caller has segmented the same accounts already (the view shows both). */
export function analyzePyramid(accounts: readonly Account[], settings: PyramidSettings, seg: Segmentation = segmentCustomers(accounts, settings.shares)): PyramidAnalysis {
  const levels = {} as Record<Level, LevelStats>;
  const top = {} as Record<Level, TopAccount[]>;
  for (const l of LEVELS) {
    levels[l] = { count: 0, customerShare: 0, revenue: 0, revenueShare: 0 };
    top[l] = [];
  }
  const movement: Movement = { up: 0, down: 0, same: 0, won: 0, lost: 0 };
  const rank = (l: Level) => ACTIVE_LEVELS.indexOf(l as (typeof ACTIVE_LEVELS)[number]);
  let revenue = 0;
  let overrides = 0;
  for (const a of accounts) {
    const level = seg.level.get(a.id)!;
    const stats = levels[level];
    stats.count++;
    stats.revenue += a.current;
    revenue += a.current;
    if (a.level) overrides++;
    const ranked = level === 'inactive' ? a.previous : a.current;
    insertTop(top[level], { id: a.id, name: a.name, revenue: ranked, override: a.level !== undefined });
    if (a.status !== 'customer') continue;
    const now = a.current > 0;
    const before = a.previous > 0;
    if (now && !before) movement.won++;
    else if (!now && before) movement.lost++;
    else if (now && before) {
      // Movement is about revenue: the ruled levels of both periods, not the overrides.
      const diff = rank(seg.ruled.get(a.id)!) - rank(seg.previous.get(a.id)!);
      if (diff < 0) movement.up++;
      else if (diff > 0) movement.down++;
      else movement.same++;
    }
  }
  for (const l of LEVELS) {
    levels[l].customerShare = accounts.length > 0 ? levels[l].count / accounts.length : 0;
    levels[l].revenueShare = revenue > 0 ? levels[l].revenue / revenue : 0;
  }
  const strategies = {} as Record<Level, Strategy>;
  for (const l of LEVELS) strategies[l] = strategyOf(settings, l, DEFAULT_STRATEGY);
  return { levels, movement, strategies, accounts: accounts.length, revenue, overrides, top };
}

/** Keeps `list` the TOP_PER_LEVEL largest, in order; cheap for 10,000 accounts (5 slots). */
function insertTop(list: TopAccount[], a: TopAccount): void {
  const before = (x: TopAccount, y: TopAccount) => x.revenue > y.revenue || (x.revenue === y.revenue && nameKey(x.name) < nameKey(y.name));
  if (list.length === TOP_PER_LEVEL && !before(a, list[list.length - 1])) return;
  let i = list.length;
  while (i > 0 && before(a, list[i - 1])) i--;
  list.splice(i, 0, a);
  if (list.length > TOP_PER_LEVEL) list.pop();
}
