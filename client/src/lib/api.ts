// REST client for the server's contract in shared/src/protocol.ts (documented in docs/api.md).
import type {
  HiddenNotesResponse,
  RevealResponse,
  CreateBoardRequest,
  CreateBoardResponse,
  ErrorCode,
  FacilitatorBoardsResponse,
  LinkInfo,
  LinkOptionsRequest,
  LinksResponse,
  LinkView,
  NextWorkshopResponse,
  PhaseSnapshotSummary,
  Role,
  SessionResponse,
} from '$shared/protocol.ts';
import { ERROR_CODES } from '$shared/protocol.ts';
import type { BoardTemplateId } from '$shared/templates/boardTemplates.ts';

/** A failed request. `code` is the server's ErrorCode, or 'network' when no answer came. */
export class ApiRequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Reads the server's `{error, message}` body; a body that is not one maps by HTTP status. */
export async function errorFromResponse(res: Response): Promise<ApiRequestError> {
  let code: ErrorCode | undefined;
  let message = res.statusText;
  try {
    const body = (await res.json()) as { error?: unknown; message?: unknown };
    if ((ERROR_CODES as readonly unknown[]).includes(body.error)) code = body.error as ErrorCode;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // Not JSON (a proxy's error page): fall back to the status.
  }
  return new ApiRequestError(code ?? codeForStatus(res.status), res.status, message);
}

/** Any failure as an ApiRequestError: what is not one already means no answer came. */
export function asApiError(e: unknown): ApiRequestError {
  return e instanceof ApiRequestError ? e : new ApiRequestError('network', 0, e instanceof Error ? e.message : String(e));
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'internal';
}

async function postJson<T>(path: string, body: unknown, session?: string): Promise<T> {
  return request('POST', path, body, session);
}

/** One JSON request; `session` goes in `Authorization: Bearer` (the facilitator's endpoints, issue 10). */
async function request<T>(method: string, path: string, body?: unknown, session?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session !== undefined) headers.authorization = `Bearer ${session}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw asApiError(e);
  }
  if (!res.ok) throw await errorFromResponse(res);
  return (await res.json()) as T;
}

/** A new board from one of the board templates (`swot`, `confrontation`, `workshop`; issue 7). */
export function createBoard(req: Omit<CreateBoardRequest, 'template'> & { template: BoardTemplateId }): Promise<CreateBoardResponse> {
  return postJson('/api/boards', req);
}

/** What a join link opens, without joining: the join page asks before the name form. */
export function checkLink(boardId: string, token: string, password?: string): Promise<LinkInfo> {
  return postJson(`/api/boards/${encodeURIComponent(boardId)}/links/check`, { token, password });
}

export function createSession(boardId: string, token: string, name: string, password?: string): Promise<SessionResponse> {
  return postJson(`/api/boards/${encodeURIComponent(boardId)}/sessions`, { token, name, password });
}

export function renewSession(session: string): Promise<SessionResponse> {
  return postJson('/api/sessions/renew', { session });
}

// People and links (issue 10): a facilitator's session on the board.
const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

export function listLinks(boardId: string, session: string): Promise<LinksResponse> {
  return request('GET', `${boardPath(boardId)}/links`, undefined, session);
}

export function rotateLink(boardId: string, role: Role, session: string): Promise<{ link: LinkView; ended: number }> {
  return request('POST', `${boardPath(boardId)}/links/${role}/rotate`, undefined, session);
}

export function revokeLink(boardId: string, role: Role, session: string): Promise<{ ended: number }> {
  return request('DELETE', `${boardPath(boardId)}/links/${role}`, undefined, session);
}

export function setLinkOptions(boardId: string, role: Role, options: LinkOptionsRequest, session: string): Promise<LinkView> {
  return request('PATCH', `${boardPath(boardId)}/links/${role}`, options, session);
}

export function removeParticipant(boardId: string, participantId: string, session: string): Promise<{ ended: number }> {
  return request('DELETE', `${boardPath(boardId)}/participants/${encodeURIComponent(participantId)}`, undefined, session);
}

export function duplicateBoard(boardId: string, title: string, session: string): Promise<CreateBoardResponse> {
  return request('POST', `${boardPath(boardId)}/duplicate`, { title }, session);
}

/** The next workshop's board from this one (issue 11, "Carry-over"). */
export function nextWorkshop(boardId: string, title: string, session: string): Promise<NextWorkshopResponse> {
  return request('POST', `${boardPath(boardId)}/next-workshop`, { title }, session);
}

export function facilitatorBoards(sessions: string[]): Promise<FacilitatorBoardsResponse> {
  return postJson('/api/facilitator/boards', { sessions });
}

/** The board's phase snapshots (facilitator; issue 10). */
export async function listPhaseSnapshots(boardId: string, session: string): Promise<PhaseSnapshotSummary[]> {
  return (await request<{ snapshots: PhaseSnapshotSummary[] }>('GET', `${boardPath(boardId)}/snapshots`, undefined, session)).snapshots;
}

/** Restores a phase snapshot as a new board; the board itself stays as it is. */
export function restorePhaseSnapshot(boardId: string, snapshotId: string, session: string): Promise<CreateBoardResponse> {
  return request('POST', `${boardPath(boardId)}/snapshots/${encodeURIComponent(snapshotId)}/restore`, {}, session);
}

// Private brainstorm (issue 10): a facilitator's session on the board.
export function hiddenNotes(boardId: string, canvasId: string, session: string): Promise<HiddenNotesResponse> {
  return request('GET', `${boardPath(boardId)}/canvases/${encodeURIComponent(canvasId)}/private`, undefined, session);
}

export function revealNotes(boardId: string, canvasId: string, session: string): Promise<RevealResponse> {
  return request('POST', `${boardPath(boardId)}/canvases/${encodeURIComponent(canvasId)}/reveal`, undefined, session);
}
