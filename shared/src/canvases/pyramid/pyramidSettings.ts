// The customer pyramid's settings: the Curry shares and the team's strategy per level.
import { z } from 'zod';
import { LEVELS, STRATEGIES, type Level, type Strategy } from './pyramidLevels.ts';

/** Percent of the active customers in the top, large and medium levels; small is the rest (domain.md). */
export const DEFAULT_SHARES = { top: 1, large: 4, medium: 15 } as const;

const percent = z.number().min(0).max(100);

export const pyramidShares = z
  .object({ top: percent, large: percent, medium: percent })
  .refine((s) => s.top + s.large + s.medium <= 100, { message: 'top, large and medium together are at most 100%' });
export type PyramidShares = z.infer<typeof pyramidShares>;

export const pyramidSettings = z.object({
  shares: pyramidShares.default({ ...DEFAULT_SHARES }),
  /** The team's strategy per level, where it differs from DEFAULT_STRATEGY. */
  strategies: z.partialRecord(z.enum(LEVELS), z.enum(STRATEGIES)).default({}),
});
export type PyramidSettings = z.infer<typeof pyramidSettings>;

export const TEAM_SETTINGS = ['strategies'] as const;

export function strategyOf(settings: PyramidSettings, level: Level, fallback: Record<Level, Strategy>): Strategy {
  return settings.strategies[level] ?? fallback[level];
}
