// The 7S scores, computed from plain data (domain.md, "7S model"; issue 9). Pure: the same input
// gives the same output in the browser, on the server and in the export. The rules are documented
// for users in docs/data-model.md ("7S analysis").
import type { PersonalEntry } from '../../board/personal.ts';
import {
  SEVENS_ELEMENTS,
  SEVENS_GROUPS,
  SEVENS_PAIRS,
  fitEntry,
  groupOf,
  isSevensScore,
  parseSevensEntry,
  scoreEntry,
  type SevensElement,
  type SevensGroup,
  type SevensPair,
} from './sevensModel.ts';

/** What a group of 1-5 scores says. */
export interface ScoreStats {
  count: number;
  /** Null while nobody scored. */
  mean: number | null;
  /**
   * Population standard deviation (divide by n, not n - 1): the spread of the scores of the people
   * in the room, who are the whole group, not a sample of a larger one. 0 for one score; null for none.
   */
  stdev: number | null;
  min: number | null;
  max: number | null;
}

export interface ElementResult {
  element: SevensElement;
  group: SevensGroup;
  current: ScoreStats;
  desired: ScoreStats;
  /** Mean desired minus mean current; null unless both states have a score. */
  gap: number | null;
}

export interface GroupSubtotal {
  /** Sum of the current means of the group's elements that have one; null when none has. */
  current: number | null;
  /** Sum of the desired means of the group's elements that have one; null when none has. */
  desired: number | null;
  /** Sum of the gaps of the group's elements that have one; null when none has. */
  gap: number | null;
  /** The gap per element (gap / elements with a gap), to compare 3 hard with 4 soft elements; null when none has. */
  meanGap: number | null;
  /** How many of the group's elements have a gap. */
  elementsWithGap: number;
}

export interface FitResult extends SevensPair, ScoreStats {}

export interface SevensAnalysis {
  /** Every element in the method's order (SEVENS_ELEMENTS). */
  elements: ElementResult[];
  /**
   * Element ids by gap, largest first (desired far above current first; a negative gap, desired below
   * current, comes after every positive one). Equal gaps keep the method's order; elements without a
   * gap come last, in the method's order.
   */
  byGap: SevensElement[];
  subtotals: Record<SevensGroup, GroupSubtotal>;
  /** The 21 links in SEVENS_PAIRS order, each with the statistics of its fit ratings. */
  fit: FitResult[];
  progress: {
    /** Element scores each participant gave (of 14), by participant id. */
    scoredBy: Record<string, number>;
    /** Links each participant rated (of 21), by participant id. */
    fitRatedBy: Record<string, number>;
  };
}

interface Tally {
  count: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
}

const emptyTally = (): Tally => ({ count: 0, sum: 0, sumSq: 0, min: Infinity, max: -Infinity });

function stats(t: Tally): ScoreStats {
  if (t.count === 0) return { count: 0, mean: null, stdev: null, min: null, max: null };
  // n² times the variance is an integer for integer scores: no negative rounding noise under the root.
  const n2var = t.count * t.sumSq - t.sum * t.sum;
  return { count: t.count, mean: t.sum / t.count, stdev: Math.sqrt(n2var) / t.count, min: t.min, max: t.max };
}

/** The gap as an exact fraction (desired·nC - current·nD) / (nD·nC) of integers, for ranking without rounding. */
interface Fraction {
  num: number;
  den: number;
}

function gapFraction(current: Tally, desired: Tally): Fraction | null {
  if (current.count === 0 || desired.count === 0) return null;
  return { num: desired.sum * current.count - current.sum * desired.count, den: desired.count * current.count };
}

/**
 * `scores`: every per-person entry of the 7S canvas (all participants). Entries this version did not
 * write and values that are not whole numbers from 1 to 5 are left out.
 */
export function analyzeSevens(scores: readonly PersonalEntry[]): SevensAnalysis {
  const tallies = new Map<string, Tally>();
  for (const e of SEVENS_ELEMENTS) {
    tallies.set(scoreEntry(e, 'current'), emptyTally());
    tallies.set(scoreEntry(e, 'desired'), emptyTally());
  }
  for (const p of SEVENS_PAIRS) tallies.set(fitEntry(p), emptyTally());

  const scoredBy: Record<string, number> = {};
  const fitRatedBy: Record<string, number> = {};
  for (const s of scores) {
    const parsed = parseSevensEntry(s.entry);
    if (!parsed || !isSevensScore(s.value)) continue;
    const t = tallies.get(s.entry)!;
    const v = s.value;
    t.count++;
    t.sum += v;
    t.sumSq += v * v;
    t.min = Math.min(t.min, v);
    t.max = Math.max(t.max, v);
    const by = parsed.type === 'score' ? scoredBy : fitRatedBy;
    by[s.participantId] = (by[s.participantId] ?? 0) + 1;
  }

  const fractions = new Map<SevensElement, Fraction | null>();
  const elements = SEVENS_ELEMENTS.map((element): ElementResult => {
    const c = tallies.get(scoreEntry(element, 'current'))!;
    const d = tallies.get(scoreEntry(element, 'desired'))!;
    const current = stats(c);
    const desired = stats(d);
    fractions.set(element, gapFraction(c, d));
    return {
      element,
      group: groupOf(element),
      current,
      desired,
      gap: current.mean !== null && desired.mean !== null ? desired.mean - current.mean : null,
    };
  });

  // Array.prototype.sort is stable: equal gaps stay in the method's order.
  const byGap = [...SEVENS_ELEMENTS].sort((x, y) => compareGaps(fractions.get(x)!, fractions.get(y)!));

  const subtotals = Object.fromEntries(SEVENS_GROUPS.map((g) => [g, subtotal(elements.filter((e) => e.group === g))])) as Record<SevensGroup, GroupSubtotal>;

  const fit = SEVENS_PAIRS.map((pair): FitResult => ({ ...pair, ...stats(tallies.get(fitEntry(pair))!) }));

  return { elements, byGap, subtotals, fit, progress: { scoredBy, fitRatedBy } };
}

/** Larger gap first, compared exactly (cross-multiplied; denominators are positive); no gap last. */
function compareGaps(x: Fraction | null, y: Fraction | null): number {
  if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0);
  return y.num * x.den - x.num * y.den;
}

function subtotal(elements: readonly ElementResult[]): GroupSubtotal {
  const sum = (values: (number | null)[]): number | null => {
    const present = values.filter((v): v is number => v !== null);
    return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
  };
  const gaps = elements.map((e) => e.gap).filter((g): g is number => g !== null);
  const gap = sum(gaps);
  return {
    current: sum(elements.map((e) => e.current.mean)),
    desired: sum(elements.map((e) => e.desired.mean)),
    gap,
    meanGap: gap === null ? null : gap / gaps.length,
    elementsWithGap: gaps.length,
  };
}

/** The fit of two elements (either order), or undefined for an element with itself. */
export function fitOf(analysis: SevensAnalysis, x: SevensElement, y: SevensElement): FitResult | undefined {
  return analysis.fit.find((f) => (f.a === x && f.b === y) || (f.a === y && f.b === x));
}
