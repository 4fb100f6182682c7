// The quickscan, computed from plain data (domain.md, "Quickscan of the 11 core activities"; issue 9).
// Pure: the same input gives the same output in the browser, on the server and in the export.
// The rules are documented for users in docs/data-model.md ("Quickscan analysis").
import type { PersonalEntry } from '../../board/personal.ts';
import { translate } from '../../i18n/index.ts';
import { ACTIVITY_IDS, activityNameKey, activityNumber, type ActivityId } from './quickscanActivities.ts';
import {
  EARLIER_ROUND_ID,
  MAX_COMMENT,
  currentRound,
  isScore,
  parseQuickscanEntry,
  type EarlierRound,
  type QuickscanSettings,
} from './quickscanSettings.ts';

export interface QuickscanInput {
  settings: QuickscanSettings;
  /** Every per-person entry of the quickscan canvas (all participants, all rounds). */
  entries: readonly PersonalEntry[];
  /** The board's language: the language of activity names and default round labels. */
  locale: string;
}

export interface QuickscanComment {
  participantId: string;
  text: string;
  /** The same person's score of the activity in the round; null for a comment without a score. */
  score: number | null;
}

export interface ActivityStats {
  /** How many participants scored the activity in the round. */
  count: number;
  /** Null while nobody scored it. */
  mean: number | null;
  /** Population standard deviation (the spread of this group's scores); null while nobody scored it. */
  stdev: number | null;
  min: number | null;
  max: number | null;
  /** How many gave 1, 2, 3, 4 and 5. */
  distribution: [number, number, number, number, number];
  /** Comments in the round, by participant id. */
  comments: QuickscanComment[];
}

export interface QuickscanRound {
  id: string;
  /** The facilitator's label, or "Round <n>" in the board's language. */
  label: string;
  date: string | null;
  current: boolean;
  /** Participants who scored at least one activity in the round. */
  participants: number;
  /** Activities scored, per participant id (for "7 of 11 scored"). */
  scoredBy: Record<string, number>;
  /** Per activity, keyed by activity id, in the method's order. */
  activities: Record<ActivityId, ActivityStats>;
  /** The scored activities, lowest mean first (see `compareWeakest`); unscored ones are left out. */
  weakest: ActivityId[];
  /** Only on the previous workshop's round (settings `earlier`): which board it was. Read-only, no comments. */
  previousWorkshop?: { boardId: string; title: string };
}

export interface ActivityChange {
  from: number | null;
  to: number | null;
  /** `to - from`: positive is better; null unless both rounds have a mean. */
  change: number | null;
}

export interface RoundComparison {
  from: string;
  to: string;
  activities: Record<ActivityId, ActivityChange>;
}

export interface QuickscanAnalysis {
  /** The 11 activities in the method's order, named in the board's language. */
  activities: { id: ActivityId; number: number; name: string }[];
  /** Id of the round being scored. */
  current: string;
  /** In order, oldest first; the previous workshop's round (id EARLIER_ROUND_ID), when there is one, first of all. */
  rounds: QuickscanRound[];
  /** Each round against the one before it. */
  changes: RoundComparison[];
  /** Entries kept but not counted: scores and comments of rounds that are not in the settings. */
  aside: { otherRounds: number };
}

interface Tally {
  count: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
  distribution: [number, number, number, number, number];
}

export function analyzeQuickscan(input: QuickscanInput): QuickscanAnalysis {
  const { settings, locale } = input;
  const current = currentRound(settings).id;
  const byRound = new Map<string, { tallies: Map<ActivityId, Tally>; scores: Map<string, number>; comments: PersonalEntry[]; scoredBy: Record<string, number> }>();
  for (const r of settings.rounds) {
    byRound.set(r.id, { tallies: new Map(ACTIVITY_IDS.map((a) => [a, emptyTally()])), scores: new Map(), comments: [], scoredBy: {} });
  }
  let otherRounds = 0;
  for (const e of input.entries) {
    const parsed = parseQuickscanEntry(e.entry);
    if (!parsed) continue;
    const round = byRound.get(parsed.round);
    if (parsed.part === 'score' ? !isScore(e.value) : typeof e.value !== 'string' || e.value.trim() === '') continue;
    if (!round) {
      otherRounds++;
      continue;
    }
    if (parsed.part === 'comment') {
      round.comments.push(e);
      continue;
    }
    const v = e.value as number;
    const t = round.tallies.get(parsed.activity)!;
    t.count++;
    t.sum += v;
    t.sumSq += v * v;
    t.min = Math.min(t.min, v);
    t.max = Math.max(t.max, v);
    t.distribution[v - 1]++;
    round.scores.set(`${e.participantId}:${parsed.activity}`, v);
    round.scoredBy[e.participantId] = (round.scoredBy[e.participantId] ?? 0) + 1;
  }

  const rounds = settings.rounds.map((r, i): QuickscanRound => {
    const { tallies, scores, comments, scoredBy } = byRound.get(r.id)!;
    const activities = {} as Record<ActivityId, ActivityStats>;
    for (const a of ACTIVITY_IDS) activities[a] = { ...stats(tallies.get(a)!), comments: [] };
    comments.sort((x, y) => (x.participantId < y.participantId ? -1 : x.participantId > y.participantId ? 1 : 0));
    for (const c of comments) {
      const activity = parseQuickscanEntry(c.entry)!.activity;
      activities[activity].comments.push({
        participantId: c.participantId,
        text: (c.value as string).trim().slice(0, MAX_COMMENT),
        score: scores.get(`${c.participantId}:${activity}`) ?? null,
      });
    }
    const weakest = weakestOf(tallies);
    return {
      id: r.id,
      label: r.label.trim() !== '' ? r.label : translate(locale, 'quickscan.round.default', { n: i + 1 }),
      date: r.date,
      current: r.id === current,
      participants: Object.keys(scoredBy).length,
      scoredBy,
      activities,
      weakest,
    };
  });

  if (settings.earlier) rounds.unshift(earlierRoundOf(settings.earlier, locale));

  const changes: RoundComparison[] = [];
  for (let i = 1; i < rounds.length; i++) changes.push(compareRounds(rounds[i - 1], rounds[i]));

  return {
    activities: ACTIVITY_IDS.map((id) => ({ id, number: activityNumber(id), name: translate(locale, activityNameKey(id)) })),
    current,
    rounds,
    changes,
    aside: { otherRounds },
  };
}

/** The change per activity from one round to another (any two, in either order). */
export function compareRounds(from: QuickscanRound, to: QuickscanRound): RoundComparison {
  const activities = {} as Record<ActivityId, ActivityChange>;
  for (const a of ACTIVITY_IDS) {
    const f = from.activities[a].mean;
    const t = to.activities[a].mean;
    activities[a] = { from: f, to: t, change: f === null || t === null ? null : t - f };
  }
  return { from: from.id, to: to.id, activities };
}

/**
 * The previous workshop's round from its stored distributions: the same statistics and order as a
 * round scored here, since how many gave each score determines count, mean and spread exactly.
 */
function earlierRoundOf(earlier: EarlierRound, locale: string): QuickscanRound {
  const tallies = new Map<ActivityId, Tally>();
  for (const a of ACTIVITY_IDS) {
    const t = emptyTally();
    (earlier.distributions[a] ?? [0, 0, 0, 0, 0]).forEach((n, i) => {
      const v = i + 1;
      if (n === 0) return;
      t.count += n;
      t.sum += n * v;
      t.sumSq += n * v * v;
      t.min = Math.min(t.min, v);
      t.max = Math.max(t.max, v);
      t.distribution[i] = n;
    });
    tallies.set(a, t);
  }
  const activities = {} as Record<ActivityId, ActivityStats>;
  for (const a of ACTIVITY_IDS) activities[a] = { ...stats(tallies.get(a)!), comments: [] };
  return {
    id: EARLIER_ROUND_ID,
    label: translate(locale, 'quickscan.round.previousWorkshop'),
    date: earlier.date,
    current: false,
    participants: earlier.participants,
    scoredBy: {},
    activities,
    weakest: weakestOf(tallies),
    previousWorkshop: { boardId: earlier.boardId, title: earlier.title },
  };
}

function weakestOf(tallies: ReadonlyMap<ActivityId, Tally>): ActivityId[] {
  return ACTIVITY_IDS.filter((a) => tallies.get(a)!.count > 0).sort((x, y) => compareWeakest(tallies.get(x)!, tallies.get(y)!) || activityNumber(x) - activityNumber(y));
}

function emptyTally(): Tally {
  return { count: 0, sum: 0, sumSq: 0, min: Infinity, max: -Infinity, distribution: [0, 0, 0, 0, 0] };
}

function stats(t: Tally): Omit<ActivityStats, 'comments'> {
  if (t.count === 0) return { count: 0, mean: null, stdev: null, min: null, max: null, distribution: t.distribution };
  return {
    count: t.count,
    mean: t.sum / t.count,
    // Population: the group that scored is the whole group asked, not a sample of a larger one
    // (the same choice as the confrontation matrix); one score has spread 0.
    stdev: Math.sqrt(varianceNumerator(t)) / t.count,
    min: t.min,
    max: t.max,
    distribution: [...t.distribution],
  };
}

/** n² times the population variance: an integer for integer scores, so comparisons are exact. */
function varianceNumerator(t: Tally): number {
  return t.count * t.sumSq - t.sum * t.sum;
}

/**
 * Weakest first: the lower mean first; on equal means the larger spread first (the room disagrees
 * on it, so it is worth discussing first), then more scores first. What is still equal keeps the
 * method's order (the caller's last key). All comparisons are on integers, so equal means are equal.
 */
function compareWeakest(a: Tally, b: Tally): number {
  return (
    a.sum * b.count - b.sum * a.count ||
    varianceNumerator(b) * a.count * a.count - varianceNumerator(a) * b.count * b.count ||
    b.count - a.count
  );
}
