// A quickscan's settings (the facilitator's rounds) and how its per-person entries are named
// (domain.md, "Quickscan"; issue 9). A scan is repeated in rounds ("meten is weten"): each round
// has its own scores, so two rounds can be compared.
import { z } from 'zod';
import { ACTIVITY_IDS, isActivityId, type ActivityId } from './quickscanActivities.ts';

/** The scale of the method: 1 (poor) to 5 (excellent). */
export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
export const SCORE_VALUES = [1, 2, 3, 4, 5] as const;

/** A comment is a remark, not an essay; longer text is cut when read (a foreign program may write more). */
export const MAX_COMMENT = 1000;
/** A scan repeated every quarter for twelve years; a settings value stays small. */
export const MAX_ROUNDS = 50;
export const MAX_ROUND_LABEL = 80;

/** Round ids have no `:` or `/`, so entries `<round>:<activity>` split unambiguously. */
export const ROUND_ID_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const round = z.object({
  id: z.string().regex(ROUND_ID_PATTERN),
  /** The facilitator's name for the round; empty: "Round <n>" in the board's language. */
  label: z.string().max(MAX_ROUND_LABEL).default(''),
  /** The day of the session (`YYYY-MM-DD`), or null when not given. */
  date: z.string().regex(DATE_PATTERN).nullable().default(null),
});
export type QuickscanRoundSetting = z.infer<typeof round>;

export const FIRST_ROUND: QuickscanRoundSetting = { id: '1', label: '', date: null };

/**
 * The round of the previous workshop a next workshop compares against (issue 11, "Carry-over"):
 * read-only, written once when the board is made from the previous one. Participant ids differ
 * between boards, so it holds the group's result only: per activity how many gave 1, 2, 3, 4 and 5,
 * from which count, mean and spread follow exactly as for a round scored here.
 */
export const earlierRound = z.object({
  boardId: z.string().max(64),
  /** The previous board's title, to say which workshop it was. */
  title: z.string().max(200),
  /** The day of that round (its date, else the day the previous board was made). */
  date: z.string().regex(DATE_PATTERN).nullable(),
  /** How many people scored in it. */
  participants: z.number().int().min(0).max(100_000),
  distributions: z.partialRecord(z.enum(ACTIVITY_IDS), z.tuple([count(), count(), count(), count(), count()])),
});
export type EarlierRound = z.infer<typeof earlierRound>;

function count() {
  return z.number().int().min(0).max(100_000);
}

/** The analysis's id of the earlier round: `~` is no round id (ROUND_ID_PATTERN), so it never meets one. */
export const EARLIER_ROUND_ID = '~previous';

export const quickscanSettings = z.object({
  /** The rounds in order, oldest first. A whole JSON value: the last write wins. */
  rounds: z
    .array(round)
    .min(1)
    .max(MAX_ROUNDS)
    .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, 'round ids must be unique')
    .default([FIRST_ROUND]),
  /** The round being scored; absent or unknown: the last round. */
  current: z.string().regex(ROUND_ID_PATTERN).optional(),
  /** The previous workshop's result, on a board made as the next workshop; absent otherwise. */
  earlier: earlierRound.optional(),
});
export type QuickscanSettings = z.infer<typeof quickscanSettings>;

export function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_SCORE && value <= MAX_SCORE;
}

/** The round being scored: `current` when it names a round, otherwise the last one. */
export function currentRound(settings: QuickscanSettings): QuickscanRoundSetting {
  return settings.rounds.find((r) => r.id === settings.current) ?? settings.rounds[settings.rounds.length - 1];
}

/**
 * The id of the round after the existing ones: one more than the highest numeric id. Two facilitators
 * starting a round at the same moment both make the same round (the last write of `rounds` wins), so
 * scores given in either land in one round instead of one that is lost.
 */
export function nextRoundId(rounds: readonly QuickscanRoundSetting[]): string {
  const max = Math.max(0, ...rounds.map((r) => (/^\d+$/.test(r.id) ? Number(r.id) : 0)));
  return String(max + 1);
}

export type EntryPart = 'score' | 'comment';

/** The `personal` entry of a score (`<round>:<activity>`) or a comment (`<round>:<activity>:comment`). */
export function quickscanEntry(roundId: string, activity: ActivityId, part: EntryPart): string {
  return part === 'score' ? `${roundId}:${activity}` : `${roundId}:${activity}:comment`;
}

/** The parts of an entry, or undefined when it is not one we could have written. */
export function parseQuickscanEntry(entry: string): { round: string; activity: ActivityId; part: EntryPart } | undefined {
  const [roundId, activity, extra, ...rest] = entry.split(':');
  if (rest.length > 0 || !ROUND_ID_PATTERN.test(roundId) || !isActivityId(activity)) return undefined;
  if (extra === undefined) return { round: roundId, activity, part: 'score' };
  return extra === 'comment' ? { round: roundId, activity, part: 'comment' } : undefined;
}
