// Downloads the action plan from the server (GET /api/boards/<id>/action-plan, docs/api.md) with
// this user's session, so every format comes from the one generator and renderer the API uses.
import { asApiError, errorFromResponse } from '../../api.ts';
import { fileNameFor } from '../../download.ts';

export type PlanFormat = 'pdf' | 'md' | 'csv' | 'csvSemicolon' | 'ics' | 'json';

export const PLAN_FORMATS: readonly PlanFormat[] = ['pdf', 'md', 'csv', 'csvSemicolon', 'ics', 'json'];

export function planExportUrl(boardId: string, format: PlanFormat): string {
  const query = format === 'csvSemicolon' ? 'format=csv&sep=semicolon' : `format=${format}`;
  return `/api/boards/${encodeURIComponent(boardId)}/action-plan?${query}`;
}

const EXTENSION: Record<PlanFormat, string> = { pdf: 'pdf', md: 'md', csv: 'csv', csvSemicolon: 'csv', ics: 'ics', json: 'json' };

/** Fetches one format and saves it; throws an ApiRequestError the caller shows in the user's language. */
export async function downloadPlan(boardId: string, session: string, title: string, format: PlanFormat): Promise<void> {
  let res: Response;
  try {
    res = await fetch(planExportUrl(boardId, format), { headers: { authorization: `Bearer ${session}` } });
  } catch (e) {
    throw asApiError(e);
  }
  if (!res.ok) throw await errorFromResponse(res);
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileNameFor(title, EXTENSION[format]);
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
