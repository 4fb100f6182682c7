// The quickscan part of the action plan: per quickscan canvas the weakest core activities of the
// current round, read from the kind's own analysis, with the change since the round before.
import type { BoardSnapshot } from '../board/readBoard.ts';
import type { CanvasRecord } from '../board/schema.ts';
import { translate } from '../i18n/index.ts';
import { quickscanKind } from '../canvases/quickscan/quickscanKind.ts';

/** How many activities the plan lists per quickscan: where it hurts most. */
export const PLAN_WEAKEST = 3;

export interface PlanActivity {
  id: string;
  number: number;
  name: string;
  mean: number | null;
  stdev: number | null;
  /** Mean now minus mean in the round before; null without one. */
  change: number | null;
  /** Where it came from: the canvas, the round and how many people scored it. */
  source: { canvasId: string; round: string; roundLabel: string; scores: number; comments: number };
}

export interface PlanQuickscan {
  canvasId: string;
  title: string;
  /** The current round's weakest scored activities, weakest first (at most PLAN_WEAKEST). */
  weakest: PlanActivity[];
  /** Only when `change` is against the previous workshop's result (a board made as its next workshop, issue 11). */
  previousWorkshop?: { title: string; date: string | null };
}

export function quickscanSections(board: BoardSnapshot, canvases: readonly CanvasRecord[]): PlanQuickscan[] {
  return canvases.filter((c) => c.kind === quickscanKind.id).map((canvas) => {
    const a = quickscanKind.analyze!(board, canvas);
    const round = a.rounds.find((r) => r.id === a.current) ?? a.rounds[a.rounds.length - 1];
    const names = new Map(a.activities.map((x) => [x.id as string, x]));
    const change = a.changes.find((c) => c.to === round?.id);
    const weakest = (round?.weakest ?? []).slice(0, PLAN_WEAKEST).map((id) => {
      const stats = round!.activities[id];
      return {
        id,
        number: names.get(id)?.number ?? 0,
        name: names.get(id)?.name ?? id,
        mean: stats.mean,
        stdev: stats.stdev,
        change: change?.activities[id]?.change ?? null,
        source: { canvasId: canvas.id, round: round!.id, roundLabel: round!.label, scores: stats.count, comments: stats.comments.length },
      };
    });
    const before = a.rounds.find((r) => r.id === change?.from)?.previousWorkshop;
    return {
      canvasId: canvas.id,
      title: canvas.title || translate(board.locale, quickscanKind.titleKey),
      weakest,
      ...(before ? { previousWorkshop: { title: before.title, date: a.rounds[0].date } } : {}),
    };
  });
}
