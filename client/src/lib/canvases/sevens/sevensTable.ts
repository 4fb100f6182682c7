// What the 7S tables show, from the shared analysis: rows in the order they are shown, numbers as
// text in the user's language. Pure (analysis and locale in, plain data out), unit-tested.
import { translate } from '$shared/i18n/index.ts';
import type { ScoreStats, SevensAnalysis } from '$shared/canvases/sevens/sevensAnalysis.ts';
import {
  ELEMENT_KEYS,
  GROUP_KEYS,
  SCORE_MAX,
  SCORE_MIN,
  SEVENS_ELEMENTS,
  SEVENS_PAIRS,
  fitEntry,
  scoreEntry,
  sevensPair,
  type SevensElement,
  type SevensGroup,
  type SevensState,
} from '$shared/canvases/sevens/sevensModel.ts';
import { formatScore, plural } from '../confrontation/matrixText.ts';

export interface StatText {
  count: number;
  mean: number | null;
  /** "3.7" / "3,7", or "–" without scores. */
  meanText: string;
  spreadText: string;
  /** Where the mean sits on the 1-5 track, 0 to 100 (percent); null without scores. */
  position: number | null;
}

export interface ResultRow {
  element: SevensElement;
  /** 1 for the largest gap. */
  rank: number;
  name: string;
  group: SevensGroup;
  groupName: string;
  current: StatText;
  desired: StatText;
  gap: number | null;
  /** "+1.7", "−0.3", "0.0", or "–". */
  gapText: string;
}

export interface SubtotalRow {
  group: SevensGroup;
  name: string;
  currentText: string;
  desiredText: string;
  gapText: string;
  meanGapText: string;
}

export interface FitCell {
  a: SevensElement;
  b: SevensElement;
  count: number;
  mean: number | null;
  meanText: string;
  /** "Strategy and Skills: mean 3.5, 2 ratings". */
  label: string;
}

export interface SevensTable {
  /** Largest gap first. */
  rows: ResultRow[];
  subtotals: SubtotalRow[];
  /** How many people gave at least one element score. */
  people: number;
  /** Whether anyone scored any element at all. */
  anyScore: boolean;
  /** fit[i][j] for elements i, j in SEVENS_ELEMENTS order; null on the diagonal. Symmetric. */
  fit: (FitCell | null)[][];
  anyFit: boolean;
}

export const NO_VALUE = '–';

const signed = new Map<string, Intl.NumberFormat>();

/** A gap with its sign: "+1.7", "-0.3" (the locale's minus), "0.0". */
export function formatGap(locale: string, gap: number | null): string {
  if (gap === null) return NO_VALUE;
  let f = signed.get(locale);
  if (!f) signed.set(locale, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })));
  // A gap that rounds to zero reads as zero, without a sign.
  return f.format(Math.abs(gap) < 0.05 ? 0 : gap);
}

function statText(locale: string, s: ScoreStats): StatText {
  return {
    count: s.count,
    mean: s.mean,
    meanText: s.mean === null ? NO_VALUE : formatScore(locale, s.mean),
    spreadText: s.stdev === null ? NO_VALUE : formatScore(locale, s.stdev),
    position: s.mean === null ? null : ((s.mean - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)) * 100,
  };
}

export function buildSevensTable(analysis: SevensAnalysis, locale: string): SevensTable {
  const byElement = new Map(analysis.elements.map((e) => [e.element, e]));
  const rows = analysis.byGap.map((element, i): ResultRow => {
    const e = byElement.get(element)!;
    return {
      element,
      rank: i + 1,
      name: translate(locale, ELEMENT_KEYS[element]),
      group: e.group,
      groupName: translate(locale, GROUP_KEYS[e.group]),
      current: statText(locale, e.current),
      desired: statText(locale, e.desired),
      gap: e.gap,
      gapText: formatGap(locale, e.gap),
    };
  });
  const num = (v: number | null) => (v === null ? NO_VALUE : formatScore(locale, v));
  const subtotals = (['hard', 'soft'] as const).map((group): SubtotalRow => {
    const s = analysis.subtotals[group];
    return {
      group,
      name: translate(locale, group === 'hard' ? 'sevens.group.hardElements' : 'sevens.group.softElements'),
      currentText: num(s.current),
      desiredText: num(s.desired),
      gapText: formatGap(locale, s.gap),
      meanGapText: formatGap(locale, s.meanGap),
    };
  });
  const fitByKey = new Map(analysis.fit.map((f) => [fitEntry(f), f]));
  const fit = SEVENS_ELEMENTS.map((x) =>
    SEVENS_ELEMENTS.map((y): FitCell | null => {
      const pair = sevensPair(x, y);
      if (!pair) return null;
      const f = fitByKey.get(fitEntry(pair))!;
      const meanText = f.mean === null ? NO_VALUE : formatScore(locale, f.mean);
      const names = { a: translate(locale, ELEMENT_KEYS[pair.a]), b: translate(locale, ELEMENT_KEYS[pair.b]) };
      return { a: pair.a, b: pair.b, count: f.count, mean: f.mean, meanText, label: plural(locale, 'sevens.fit.cell', f.count, { ...names, mean: meanText }) };
    }),
  );
  return {
    rows,
    subtotals,
    people: Object.keys(analysis.progress.scoredBy).length,
    anyScore: analysis.elements.some((e) => e.current.count > 0 || e.desired.count > 0),
    fit,
    anyFit: analysis.fit.some((f) => f.count > 0),
  };
}

/** This user's score of an element's state, or null. */
export function myScore(mine: ReadonlyMap<string, number>, element: SevensElement, state: SevensState): number | null {
  return mine.get(scoreEntry(element, state)) ?? null;
}

/** This user's rating of a link, or null. */
export function myFit(mine: ReadonlyMap<string, number>, a: SevensElement, b: SevensElement): number | null {
  const pair = sevensPair(a, b);
  return pair ? (mine.get(fitEntry(pair)) ?? null) : null;
}

/** How many of the 14 element scores and of the 21 links this user has given. */
export function myProgress(mine: ReadonlyMap<string, number>): { scored: number; fitRated: number } {
  let scored = 0;
  let fitRated = 0;
  for (const key of mine.keys()) {
    if (key.startsWith('score:')) scored++;
    else fitRated++;
  }
  return { scored, fitRated };
}

export const ELEMENT_SCORES = SEVENS_ELEMENTS.length * 2;
export const PAIR_COUNT = SEVENS_PAIRS.length;
