// The accounts import over HTTP (docs/api.md, "Import accounts"): the file goes to the server, which
// parses it again and writes the accounts into the live board, so this browser sees them arrive
// like everyone else.
import { asApiError, errorFromResponse, type ApiRequestError } from '$lib/api.ts';

export interface ImportAnswer {
  imported: number;
  rejected: Array<{ line: number; reason: string; problem?: unknown }>;
}

/** A failed import: the API error, and the server's `problem` (a code the app translates) when it sent one. */
export type ImportError = ApiRequestError & { problem?: unknown };

export async function importAccounts(boardId: string, canvasId: string, session: string, csv: string): Promise<ImportAnswer> {
  let res: Response;
  try {
    res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/canvases/${encodeURIComponent(canvasId)}/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${session}` },
      body: csv,
    });
  } catch (e) {
    throw asApiError(e);
  }
  if (!res.ok) {
    const body = (await res.clone().json().catch(() => null)) as { problem?: unknown } | null;
    const error: ImportError = await errorFromResponse(res);
    error.problem = body?.problem;
    throw error;
  }
  return (await res.json()) as ImportAnswer;
}

/** The text of a file, or undefined when it is not UTF-8 (the import takes UTF-8, as the server does). */
export async function readUtf8(file: Blob): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return undefined;
  }
}
