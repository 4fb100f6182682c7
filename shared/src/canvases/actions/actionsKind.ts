// The actions canvas kind (issue 11): the cards of the action plan. No note regions and no
// settings; its actions live under the `actions` root (actionRecord.ts), each naming this canvas.
import { z } from 'zod';
import type { CanvasKind } from '../kind.ts';
import type { Action } from './actionRecord.ts';
import { smartGaps, type SmartGap } from './smartCheck.ts';

export interface CheckedAction extends Action {
  /** What the SMART check finds missing (smartCheck.ts); empty when complete. */
  gaps: SmartGap[];
}

export interface ActionsAnalysis {
  actions: CheckedAction[];
  /** Actions not done or dropped. */
  open: number;
  /** Actions without gaps. */
  smart: number;
}

const actionsSettings = z.object({});

export const actionsKind: CanvasKind<typeof actionsSettings.shape, ActionsAnalysis> = {
  id: 'actions',
  titleKey: 'kind.actions.title',
  layout: { id: 'actions', titleKey: 'kind.actions.title', frames: [] },
  settings: actionsSettings,
  analyze(board, canvas) {
    const actions = board.actionsOf(canvas.id).map((a) => ({ ...a, gaps: smartGaps(a) }));
    return {
      actions,
      open: actions.filter((a) => a.status === 'open' || a.status === 'inProgress').length,
      smart: actions.filter((a) => a.gaps.length === 0).length,
    };
  },
};
