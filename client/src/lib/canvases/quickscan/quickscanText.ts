// The quickscan's words and numbers in a given language. Pure (a locale in, a string out), so the
// components and the tests share one wording. Plurals and one-decimal numbers are the matrix's
// (matrixText.ts): one rule for the whole board.
import { translate, type MessageKey } from '$shared/i18n/index.ts';
import type { ActivityChange, ActivityStats } from '$shared/canvases/quickscan/quickscanAnalysis.ts';
import { formatScore, plural } from '../confrontation/matrixText.ts';

export { formatScore };

/** "4: good", the accessible name of a score. */
export function scoreName(locale: string, score: number): string {
  return translate(locale, 'quickscan.scoreName', { score, meaning: translate(locale, `quickscan.scale.${score}` as MessageKey) });
}

/** "mean 3.0, spread ±0.8, 3 scores", or "not scored". */
export function statsSummary(locale: string, s: Pick<ActivityStats, 'count' | 'mean' | 'stdev'>): string {
  if (s.mean === null) return translate(locale, 'quickscan.notScored');
  return translate(locale, 'quickscan.summary', {
    mean: formatScore(locale, s.mean),
    stdev: formatScore(locale, s.stdev ?? 0),
    scores: plural(locale, 'quickscan.scores', s.count),
  });
}

export type ChangeDirection = 'up' | 'down' | 'same' | 'none';

/** Which way an activity went; a change that rounds to 0.0 is "unchanged", as it reads. */
export function changeDirection(c: ActivityChange): ChangeDirection {
  if (c.change === null) return 'none';
  if (Math.abs(c.change) < 0.05) return 'same';
  return c.change > 0 ? 'up' : 'down';
}

/** "+0.7" / "−0.3" / "0.0" / "–" for the table (a real minus sign). */
export function changeNumber(locale: string, c: ActivityChange): string {
  const d = changeDirection(c);
  if (d === 'none') return '–';
  if (d === 'same') return formatScore(locale, 0);
  return `${d === 'up' ? '+' : '−'}${formatScore(locale, Math.abs(c.change!))}`;
}

/** "up 0.7" / "down 0.3" / "unchanged" / "not comparable", for screen readers. */
export function changeText(locale: string, c: ActivityChange): string {
  const d = changeDirection(c);
  if (d === 'up' || d === 'down') return translate(locale, `quickscan.change.${d}`, { value: formatScore(locale, Math.abs(c.change!)) });
  return translate(locale, `quickscan.change.${d}`);
}

/** "3 participants scored". */
export function participantsText(locale: string, count: number): string {
  return plural(locale, 'quickscan.participants', count);
}

/** "Round 2 · 14 Sep 2026" (the date in the locale's way), or just the label. */
export function roundTitle(locale: string, round: { label: string; date: string | null }): string {
  if (!round.date) return round.label;
  const [y, m, d] = round.date.split('-').map(Number);
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  return `${round.label} · ${date}`;
}
