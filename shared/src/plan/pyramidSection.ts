// The customer pyramid part of the action plan: per pyramid canvas, per level its accounts, revenue
// share, the team's strategy (or the method's default) and its largest accounts, plus the movement
// since last period; read from the kind's own analysis, every item with its canvas and level.
import type { BoardSnapshot } from '../board/readBoard.ts';
import type { CanvasRecord } from '../board/schema.ts';
import { translate } from '../i18n/index.ts';
import { readSettings } from '../canvases/kind.ts';
import { pyramidKind } from '../canvases/pyramid/pyramidKind.ts';
import type { Movement } from '../canvases/pyramid/pyramidAnalysis.ts';
import { LEVELS, LEVEL_KEYS, STRATEGY_KEYS, type Level, type Strategy } from '../canvases/pyramid/pyramidLevels.ts';

export interface PlanAccount {
  name: string;
  /** Revenue this period; for inactive customers last period's. */
  revenue: number;
  source: { canvasId: string; level: Level; accountId: string };
}

export interface PlanLevel {
  level: Level;
  /** The level's name in the board's language. */
  name: string;
  count: number;
  revenue: number;
  /** Share of the canvas's revenue this period (0..1). */
  revenueShare: number;
  strategy: Strategy;
  strategyName: string;
  /** True when the team chose the strategy; false for the method's default. */
  teamChosen: boolean;
  /** The largest accounts of the level, largest first (at most TOP_PER_LEVEL). */
  top: PlanAccount[];
  source: { canvasId: string; level: Level };
}

export interface PlanPyramid {
  canvasId: string;
  title: string;
  accounts: number;
  revenue: number;
  /** Levels with accounts or with a strategy the team chose, top of the pyramid first. */
  levels: PlanLevel[];
  movement: Movement & { source: { canvasId: string } };
}

export function pyramidSections(board: BoardSnapshot, canvases: readonly CanvasRecord[]): PlanPyramid[] {
  return canvases.filter((c) => c.kind === pyramidKind.id).map((canvas) => {
    const a = pyramidKind.analyze!(board, canvas);
    const chosen = readSettings(pyramidKind, canvas.settings).strategies;
    const levels = LEVELS.filter((l) => a.levels[l].count > 0 || chosen[l] !== undefined).map((level) => ({
      level,
      name: translate(board.locale, LEVEL_KEYS[level]),
      count: a.levels[level].count,
      revenue: a.levels[level].revenue,
      revenueShare: a.levels[level].revenueShare,
      strategy: a.strategies[level],
      strategyName: translate(board.locale, STRATEGY_KEYS[a.strategies[level]]),
      teamChosen: chosen[level] !== undefined,
      top: a.top[level].map((t) => ({ name: t.name, revenue: t.revenue, source: { canvasId: canvas.id, level, accountId: t.id } })),
      source: { canvasId: canvas.id, level },
    }));
    return {
      canvasId: canvas.id,
      title: canvas.title || translate(board.locale, pyramidKind.titleKey),
      accounts: a.accounts,
      revenue: a.revenue,
      levels,
      movement: { ...a.movement, source: { canvasId: canvas.id } },
    };
  });
}
