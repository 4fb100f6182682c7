// The SMART check of an action (domain.md, "The action plan"): what it still lacks to be specific
// (a title saying what), measurable (a KPI and a target), agreed (an owner) and time-bound (a due
// date). Achievable and realistic are the team's judgement, not something a form can check. Pure.
import { translate, type MessageKey } from '../../i18n/index.ts';
import type { Action } from './actionRecord.ts';

export const SMART_GAPS = ['noTitle', 'noMeasure', 'noTarget', 'noOwner', 'noDue'] as const;
export type SmartGap = (typeof SMART_GAPS)[number];

const GAP_KEYS: Record<SmartGap, MessageKey> = {
  noTitle: 'actions.smart.noTitle',
  noMeasure: 'actions.smart.noMeasure',
  noTarget: 'actions.smart.noTarget',
  noOwner: 'actions.smart.noOwner',
  noDue: 'actions.smart.noDue',
};

type Checked = Pick<Action, 'title' | 'kpi' | 'target' | 'owner' | 'ownerId' | 'due'>;

/** What the action lacks, in a fixed order; empty when it is SMART as far as a form can tell. */
export function smartGaps(a: Checked): SmartGap[] {
  const gaps: SmartGap[] = [];
  if (a.title.trim() === '') gaps.push('noTitle');
  if (a.kpi.trim() === '') gaps.push('noMeasure');
  else if (a.target.trim() === '') gaps.push('noTarget');
  if (a.ownerId === null && a.owner.trim() === '') gaps.push('noOwner');
  if (a.due === null) gaps.push('noDue');
  return gaps;
}

/** One gap in `locale` ("No owner"). */
export function smartGapText(locale: string, gap: SmartGap): string {
  return translate(locale, GAP_KEYS[gap]);
}
