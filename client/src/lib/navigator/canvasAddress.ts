// The current canvas in the address: `/b/<id>?canvas=<canvasId>`. A query parameter, so it survives
// a reload and travels in every copied or shared link, while a join token stays in the fragment
// (which never reaches the server or its logs).
import { CANVAS_ID_PATTERN } from '$shared/board/schema.ts';

export const CANVAS_PARAM = 'canvas';

/** The canvas id a query string asks for, or null. A value that can never be a canvas id counts as none. */
export function canvasFromSearch(search: string): string | null {
  const id = new URLSearchParams(search).get(CANVAS_PARAM);
  return id !== null && CANVAS_ID_PATTERN.test(id) ? id : null;
}

/**
 * `url` asking for `canvasId` (null: for none). Every other part is kept as it is: path, other
 * parameters and the fragment (a join token), so the token never moves into the query string.
 */
export function withCanvas(url: string, canvasId: string | null): string {
  const u = new URL(url);
  if (canvasId === null) u.searchParams.delete(CANVAS_PARAM);
  else u.searchParams.set(CANVAS_PARAM, canvasId);
  return u.href;
}
