// The 7S part of the action plan: per 7S canvas its largest gaps (desired above current), read from
// the kind's own analysis, each with the scores it rests on.
import type { BoardSnapshot } from '../board/readBoard.ts';
import type { CanvasRecord } from '../board/schema.ts';
import { translate } from '../i18n/index.ts';
import { sevensKind } from '../canvases/sevens/sevensKind.ts';
import type { SevensElement, SevensGroup } from '../canvases/sevens/sevensModel.ts';

/** How many gaps the plan lists per 7S canvas: the few that matter, as with SWOT items. */
export const PLAN_GAPS = 3;

export interface PlanGap {
  element: SevensElement;
  /** The element's name in the board's language. */
  name: string;
  group: SevensGroup;
  current: number | null;
  desired: number | null;
  gap: number;
  /** Where it came from: the canvas and how many people scored current and desired. */
  source: { canvasId: string; currentScores: number; desiredScores: number };
}

export interface PlanSevens {
  canvasId: string;
  title: string;
  /** The largest positive gaps, largest first (at most PLAN_GAPS). */
  gaps: PlanGap[];
}

export function sevensSections(board: BoardSnapshot, canvases: readonly CanvasRecord[]): PlanSevens[] {
  return canvases.filter((c) => c.kind === sevensKind.id).map((canvas) => {
    const a = sevensKind.analyze!(board, canvas);
    const byId = new Map(a.elements.map((e) => [e.element, e]));
    const gaps = a.byGap
      .map((id) => byId.get(id)!)
      .filter((e) => e.gap !== null && e.gap > 0)
      .slice(0, PLAN_GAPS)
      .map((e) => ({
        element: e.element,
        name: translate(board.locale, `sevens.element.${e.element}`),
        group: e.group,
        current: e.current.mean,
        desired: e.desired.mean,
        gap: e.gap!,
        source: { canvasId: canvas.id, currentScores: e.current.count, desiredScores: e.desired.count },
      }));
    return { canvasId: canvas.id, title: canvas.title || translate(board.locale, sevensKind.titleKey), gaps };
  });
}
