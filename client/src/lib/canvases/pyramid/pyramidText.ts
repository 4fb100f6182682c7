// The pyramid's words and numbers in a given language: amounts, shares, level and strategy names,
// and the reasons an import gives (the server's codes, translated here). Pure, so the components
// and the tests share one wording.
import { translate, type MessageKey } from '$shared/i18n/index.ts';
import type { FileProblem, RowProblem } from '$shared/canvases/pyramid/accountsCsv.ts';
import { LEVEL_KEYS, STRATEGY_KEYS, STATUS_KEYS, type AccountStatus, type Level, type Strategy } from '$shared/canvases/pyramid/pyramidLevels.ts';

const amountFormats = new Map<string, Intl.NumberFormat>();
const shareFormats = new Map<string, Intl.NumberFormat>();

/** Revenue as a whole number with the locale's grouping ("12,345", "12.345"); cents only below 100. */
export function formatAmount(locale: string, value: number): string {
  let f = amountFormats.get(locale);
  if (!f) amountFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return value > 0 && value < 100 ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value) : f.format(value);
}

const compactFormats = new Map<string, Intl.NumberFormat>();

/** A large amount short, for the level table ("137M", "137 mln."); the full amount goes in a title. */
export function formatCompact(locale: string, value: number): string {
  let f = compactFormats.get(locale);
  if (!f) compactFormats.set(locale, (f = new Intl.NumberFormat(locale, { notation: 'compact', maximumSignificantDigits: 3 })));
  return f.format(value);
}

/** A share (0..1) as a percentage with at most one decimal ("0.5%", "12,5%"). */
export function formatShare(locale: string, share: number): string {
  let f = shareFormats.get(locale);
  if (!f) shareFormats.set(locale, (f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })));
  return f.format(share);
}

export const levelName = (locale: string, level: Level): string => translate(locale, LEVEL_KEYS[level]);
export const strategyName = (locale: string, strategy: Strategy): string => translate(locale, STRATEGY_KEYS[strategy]);
export const statusName = (locale: string, status: AccountStatus): string => translate(locale, STATUS_KEYS[status]);

/** A problem with one line of an import, or with the whole file, in the user's language. */
export function problemText(locale: string, problem: RowProblem | FileProblem | { code: 'not_utf8' }): string {
  if (problem.code === 'not_utf8') return translate(locale, 'pyramid.import.notUtf8');
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(problem)) if (k !== 'code') params[k] = Array.isArray(v) ? v.join(', ') : (v as string | number);
  return translate(locale, `pyramid.csv.${problem.code}` as MessageKey, params);
}

/** Whether a value from the server is a problem this version can translate (an older app meets a newer server). */
export function isKnownProblem(p: unknown): p is RowProblem | FileProblem | { code: 'not_utf8' } {
  if (p === null || typeof p !== 'object' || typeof (p as { code?: unknown }).code !== 'string') return false;
  const code = (p as { code: string }).code;
  return code === 'not_utf8' || translate('en', `pyramid.csv.${code}` as MessageKey) !== `pyramid.csv.${code}`;
}
