// The levels of the customer pyramid and the strategies per level (domain.md, "Customer pyramid",
// after Curry). Pure data: the order here is the order of the pyramid, top first.
import type { MessageKey } from '../../i18n/index.ts';

/** The four levels of active customers, highest first: ranked by revenue this period. */
export const ACTIVE_LEVELS = ['top', 'large', 'medium', 'small'] as const;
/** Every level, top of the pyramid first: the active ones, then inactive customers, prospects, suspects. */
export const LEVELS = [...ACTIVE_LEVELS, 'inactive', 'prospect', 'suspect'] as const;
export type ActiveLevel = (typeof ACTIVE_LEVELS)[number];
export type Level = (typeof LEVELS)[number];

export const STATUSES = ['customer', 'prospect', 'suspect'] as const;
export type AccountStatus = (typeof STATUSES)[number];

/** What the team does with a level (vasthouden, promoveren, afstoten, terugwinnen, werven, identificeren). */
export const STRATEGIES = ['retain', 'promote', 'reduce', 'winBack', 'acquire', 'identify'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/**
 * The method's strategy per level until the team chooses another: retain the top, promote large,
 * medium and small customers upward, win back the inactive, acquire prospects, identify suspects.
 * "Reduce" is the team's choice for unprofitable accounts, never a default.
 */
export const DEFAULT_STRATEGY: Record<Level, Strategy> = {
  top: 'retain',
  large: 'promote',
  medium: 'promote',
  small: 'promote',
  inactive: 'winBack',
  prospect: 'acquire',
  suspect: 'identify',
};

export function isLevel(v: unknown): v is Level {
  return typeof v === 'string' && (LEVELS as readonly string[]).includes(v);
}

export function isActiveLevel(v: unknown): v is ActiveLevel {
  return typeof v === 'string' && (ACTIVE_LEVELS as readonly string[]).includes(v);
}

export function isStatus(v: unknown): v is AccountStatus {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
}

export const LEVEL_KEYS: Record<Level, MessageKey> = {
  top: 'pyramid.level.top',
  large: 'pyramid.level.large',
  medium: 'pyramid.level.medium',
  small: 'pyramid.level.small',
  inactive: 'pyramid.level.inactive',
  prospect: 'pyramid.level.prospect',
  suspect: 'pyramid.level.suspect',
};

export const STRATEGY_KEYS: Record<Strategy, MessageKey> = {
  retain: 'pyramid.strategy.retain',
  promote: 'pyramid.strategy.promote',
  reduce: 'pyramid.strategy.reduce',
  winBack: 'pyramid.strategy.winBack',
  acquire: 'pyramid.strategy.acquire',
  identify: 'pyramid.strategy.identify',
};

export const STATUS_KEYS: Record<AccountStatus, MessageKey> = {
  customer: 'pyramid.status.customer',
  prospect: 'pyramid.status.prospect',
  suspect: 'pyramid.status.suspect',
};
