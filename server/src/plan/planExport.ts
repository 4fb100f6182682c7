// GET /api/boards/<id>/action-plan (issue 11; docs/api.md, "Action plan"): which format a query
// asks for, and the plan rendered in it with its content type and file name.
import { z } from 'zod';
import type { ActionPlan } from '../../../shared/src/plan/actionPlan.ts';
import { renderMarkdown } from './renderMarkdown.ts';
import { renderCsv } from './renderCsv.ts';
import { renderIcs } from './renderIcs.ts';
import { renderPdf } from './renderPdf.ts';

export const PLAN_FORMATS = ['json', 'md', 'csv', 'pdf', 'ics'] as const;

export const PlanQuery = z.object({
  format: z.enum(PLAN_FORMATS).default('json'),
  /** CSV only: `semicolon` for spreadsheets whose list separator is ';' (Excel in Dutch), with decimal commas. */
  sep: z.enum(['comma', 'semicolon']).default('comma'),
});
export type PlanQuery = z.infer<typeof PlanQuery>;

export interface RenderedPlan {
  contentType: string;
  extension: string;
  body: string | Buffer;
}

export async function renderPlan(plan: ActionPlan, query: PlanQuery): Promise<RenderedPlan> {
  switch (query.format) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', extension: 'json', body: JSON.stringify(plan) };
    case 'md':
      return { contentType: 'text/markdown; charset=utf-8', extension: 'md', body: renderMarkdown(plan) };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', extension: 'csv', body: renderCsv(plan, query.sep) };
    case 'ics':
      return { contentType: 'text/calendar; charset=utf-8', extension: 'ics', body: renderIcs(plan) };
    case 'pdf':
      return { contentType: 'application/pdf', extension: 'pdf', body: await renderPdf(plan) };
  }
}

/** An ASCII file name from the board title (`acme-2026-action-plan.pdf`); the header needs no escaping. */
export function planFileName(title: string, extension: string): string {
  const base = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 60);
  return `${base ? `${base}-` : ''}action-plan.${extension}`;
}
