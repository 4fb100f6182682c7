// The plan's words and numbers in its language, shared by the printable view and every export, so
// a PDF, a Markdown file and the screen say the same thing.
import { translate, type MessageKey } from '../i18n/index.ts';
import { STRATEGY_TYPE_KEYS } from '../canvases/confrontation/confrontationAnalysis.ts';
import type { ActionPlan } from './actionPlan.ts';
import type { PlanOption } from './matrixSection.ts';
import type { PlanAction } from './actionsSection.ts';
import type { PlanQuickscan } from './quickscanSection.ts';
import type { CarriedOver } from '../canvases/actions/actionRecord.ts';
import type { PlanAccount, PlanLevel, PlanPyramid } from './pyramidSection.ts';
import { sourceText } from './sourceText.ts';
import { smartGapText } from '../canvases/actions/smartCheck.ts';

export function tr(locale: string, key: MessageKey, params?: Record<string, string | number>): string {
  return translate(locale, key, params);
}

/** A mean with one decimal in the plan's language (1.5 / 1,5); a dash while nobody scored. */
export function formatMean(locale: string, mean: number | null): string {
  if (mean === null) return translate(locale, 'plan.none');
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);
}

/** A day (`2026-03-31`) as the plan's language writes it (31 March 2026 / 31 maart 2026), in UTC so it never shifts. */
export function formatDay(locale: string, day: string | null): string {
  if (day === null) return translate(locale, 'plan.none');
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** The plan's date: the UTC day it was made. */
export function planDay(plan: ActionPlan): string {
  return new Date(plan.generatedAt).toISOString().slice(0, 10);
}

export function typeName(locale: string, o: PlanOption): string {
  return translate(locale, STRATEGY_TYPE_KEYS[o.type]);
}

export function agreementName(locale: string, o: PlanOption): string {
  return translate(locale, `matrix.agreement.${o.agreement}`);
}

/** "S1 × O2, 4 scores": the cell an option is. */
export function optionSource(locale: string, o: PlanOption): string {
  return translate(locale, 'plan.sourceCell', { row: o.source.row.code, column: o.source.column.code, count: o.source.scores });
}

/**
 * Where an action came from, with "(no longer on the board)" when its source is gone, and for one
 * carried over from the previous workshop that workshop, the due date it had then and whether it
 * still waits for review.
 */
export function actionSource(locale: string, a: PlanAction): string {
  const carried = a.carriedOver ? ` · ${carriedText(locale, a.carriedOver)}` : '';
  if (!a.origin) return a.carriedOver ? carriedText(locale, a.carriedOver) : translate(locale, 'actions.source.none');
  const title = a.origin.cell ? `${a.origin.canvasTitle} (${a.origin.cell})` : a.origin.canvasTitle;
  const text = sourceText(locale, a.origin.source, title);
  return `${a.origin.present ? text : `${text} ${translate(locale, 'actions.source.gone')}`}${carried}`;
}

/** "Carried over from the previous workshop “Acme 2026” (15 January 2026), due then 31 March 2026, to review". */
export function carriedText(locale: string, c: CarriedOver & { review?: boolean }): string {
  const parts = [translate(locale, 'actions.carried.from', { title: c.title, date: formatDay(locale, c.date) })];
  if (c.due !== null) parts.push(translate(locale, 'actions.carried.dueThen', { due: formatDay(locale, c.due) }));
  if (c.review) parts.push(translate(locale, 'actions.carried.pending'));
  return parts.join(', ');
}

/** The line under a quickscan's table saying its change is against the previous workshop; '' otherwise. */
export function quickscanChangeNote(locale: string, q: PlanQuickscan): string {
  const p = q.previousWorkshop;
  return p ? translate(locale, 'plan.quickscanSincePrevious', { title: p.title, date: formatDay(locale, p.date) }) : '';
}

/** "SMART: complete" or "Still missing: an owner, a due date". */
export function smartLine(locale: string, a: PlanAction): string {
  return a.gaps.length === 0
    ? translate(locale, 'actions.smart.complete')
    : `${translate(locale, 'actions.smart.missing')} ${a.gaps.map((g) => smartGapText(locale, g)).join(', ')}`;
}

export function priorityName(locale: string, a: PlanAction): string {
  return translate(locale, `actions.priority.${a.priority}`);
}

export function statusName(locale: string, a: PlanAction): string {
  return translate(locale, `actions.status.${a.status}`);
}

export function titleOf(locale: string, a: PlanAction): string {
  return a.title.trim() === '' ? translate(locale, 'actions.untitled') : a.title;
}

/** "repeat orders → 20", either part left out when empty. */
export function measureOf(locale: string, a: PlanAction): string {
  if (a.kpi === '' && a.target === '') return translate(locale, 'plan.none');
  return [a.kpi, a.target].filter((x) => x !== '').join(' → ');
}

/** A change or gap with its sign (+1.5 / −0.5), one decimal; a dash without one. */
export function formatSigned(locale: string, v: number | null): string {
  if (v === null) return translate(locale, 'plan.none');
  const n = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v);
  return n;
}

/** Revenue as a whole number with the language's grouping (12,500 / 12.500); no currency is stored. */
export function formatRevenue(locale: string, v: number): string {
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 0 }).format(v);
}

/** A share (0..1) as a whole percentage (40% / 40%). */
export function formatShare(locale: string, v: number): string {
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(v);
}

/** The level's strategy, marked when it is the method's default rather than the team's choice. */
export function levelStrategy(locale: string, l: PlanLevel): string {
  return l.teamChosen ? l.strategyName : translate(locale, 'plan.pyramidDefault', { strategy: l.strategyName });
}

/** "Moved up: 2 · Moved down: 1 · ...": the movement since last period, in words. */
export function movementLine(locale: string, p: PlanPyramid): string {
  const m = p.movement;
  const parts = (['up', 'down', 'same', 'won', 'lost'] as const).map((k) => `${translate(locale, `pyramid.movement.${k}`)}: ${m[k]}`);
  return `${translate(locale, 'pyramid.movement')}: ${parts.join(' · ')}`;
}

/** "Bakker BV (50,000)": an account with its revenue, the revenue left out when there is none (prospects). */
export function accountText(locale: string, a: PlanAccount): string {
  return a.revenue > 0 ? `${a.name} (${formatRevenue(locale, a.revenue)})` : a.name;
}
