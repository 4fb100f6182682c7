// The matrix's words and numbers in a given language: plural forms, decimals, progress, agreement.
// Pure (a locale in, a string out), so the Svelte components and the tests share one wording.
import { translate, type MessageKey } from '$shared/i18n/index.ts';
import type { Scale } from '$shared/canvases/confrontation/confrontationSettings.ts';
import { agreementOf, type Agreement } from '$shared/canvases/confrontation/agreement.ts';

const pluralRules = new Map<string, Intl.PluralRules>();

/** Message keys that have `.one` and `.other` forms. */
type PluralBase<K = MessageKey> = K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;

/**
 * A message in the plural form `count` asks for in `locale` (Intl.PluralRules: English and Dutch
 * both have "one" and "other"; a language with more forms falls back to "other" until its
 * catalogue has them). `count` is passed as a parameter too.
 */
export function plural(locale: string, base: PluralBase, count: number, params: Record<string, string | number> = {}): string {
  let rules = pluralRules.get(locale);
  // Building an Intl object costs tens of microseconds; the matrix asks once per cell per change.
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return translate(locale, `${base}.${form}` as MessageKey, { count, ...params });
}

const formats = new Map<string, Intl.NumberFormat>();

/** A mean, spread or sum with one decimal, in the locale's notation ("1.5", "1,5"). */
export function formatScore(locale: string, value: number): string {
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  // -0.04 would read "-0.0"; a sum of means that rounds to zero is zero.
  return f.format(Math.abs(value) < 0.05 ? 0 : value);
}

/** "12 of 25 cells scored" (the plural follows the number of cells). */
export function progressText(locale: string, scored: number, total: number): string {
  return plural(locale, 'matrix.progress', total, { scored, total });
}

/** "2 of 3 participants finished". */
export function finishedText(locale: string, done: number, total: number): string {
  return plural(locale, 'matrix.finished', total, { done, total });
}

/** The label of a score on its scale ("++"). */
export function scoreLabel(scale: Scale, value: number): string {
  return scale.labels[scale.values.indexOf(value)] ?? String(value);
}

/** A score with its meaning ("++ (strongly related)"), for screen readers and the outline's choices. */
export function scoreName(locale: string, value: number): string {
  return translate(locale, `matrix.score.${value}` as MessageKey);
}

export { agreementOf, type Agreement };

export function agreementText(locale: string, agreement: Agreement): string {
  return translate(locale, `matrix.agreement.${agreement}`);
}

/** The one-line form of a note's text for headers and labels; an empty note gets a placeholder. */
export function noteLine(locale: string, text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line === '' ? translate(locale, 'confrontation.emptyNote') : line;
}
