// The 11 core commercial activities a quickscan scores (domain.md, "Quickscan of the 11 core
// activities"; issue 9). Fixed by the method, in its order: the number is the activity's place in
// that list, and the id is what scores are stored under, so neither may change.
import type { MessageKey } from '../../i18n/index.ts';

export const ACTIVITY_IDS = [
  'strategy',
  'swot',
  'marketing',
  'leads',
  'internal',
  'customers',
  'employees',
  'complaints',
  'crm',
  'segmentation',
  'social',
] as const;
export type ActivityId = (typeof ACTIVITY_IDS)[number];

const ACTIVITY_SET: ReadonlySet<string> = new Set(ACTIVITY_IDS);

export function isActivityId(value: unknown): value is ActivityId {
  return typeof value === 'string' && ACTIVITY_SET.has(value);
}

/** 1 for business strategy ... 11 for social media. */
export function activityNumber(id: ActivityId): number {
  return ACTIVITY_IDS.indexOf(id) + 1;
}

/** i18n key of an activity's name ("Business strategy", "Bedrijfsstrategie"). */
export function activityNameKey(id: ActivityId): MessageKey {
  return `quickscan.activity.${id}` as MessageKey;
}
