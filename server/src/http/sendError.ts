import type { FastifyReply } from 'fastify';
import type { ApiError, ErrorCode } from '../../../shared/src/protocol.ts';

const STATUS_FOR_ERROR: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  board_full: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  // Only ever close reasons of WebSocket connections; the statuses are what they would be over HTTP.
  session_connections: 429,
  address_connections: 503,
  // A Refused message on a y-websocket connection (type 101), never a REST answer.
  forbidden_write: 403,
  link_expired: 410,
  password_required: 401,
  wrong_password: 401,
  // Close reasons (4410) of connections whose session a facilitator ended.
  link_revoked: 401,
  removed: 401,
  // Only ever a socket.io `error` event (a dot vote over the budget).
  vote_limit: 409,
  unsupported_media_type: 415,
};

/** Every REST error is JSON `{error, message}`; `error` maps to the i18n key `error.<code>`. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, extra?: Record<string, unknown>): FastifyReply {
  const body: ApiError = { ...extra, error: code, message };
  return reply.code(STATUS_FOR_ERROR[code]).type('application/json; charset=utf-8').send(body);
}
