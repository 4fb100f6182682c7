// Wire contract between browser and server. Documented in docs/api.md; keep the two in step.
import { z } from 'zod';
import { BOARD_TEMPLATE_IDS } from './templates/boardTemplates.ts';
import type { SessionState } from './facilitation/sessionState.ts';
import type { SessionCommand } from './facilitation/sessionCommands.ts';
import type { MyVotes, VoteCast } from './facilitation/dotVotes.ts';

export const ROLES = ['facilitator', 'participant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change the board document. Decided on the server; the client only mirrors it. */
export function canEdit(role: Role): boolean {
  return role !== 'viewer';
}

/** Board ids: 16 url-safe base64 characters (96 random bits). Anything else is refused before storage is touched. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

export const LOCALES = ['en', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];

/** Board templates (shared/src/templates/boardTemplates.ts): which canvases a new board starts with. */
export const TEMPLATE_IDS = BOARD_TEMPLATE_IDS;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const CreateBoardRequest = z.object({
  title: z.string().trim().min(1).max(200),
  template: z.enum(TEMPLATE_IDS).default('swot'),
  language: z.enum(LOCALES).default('en'),
});
export type CreateBoardRequest = z.infer<typeof CreateBoardRequest>;

export interface CreateBoardResponse {
  id: string;
  title: string;
  links: Record<Role, string>;
}

export const CreateSessionRequest = z.object({
  token: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(60),
  /** Only for a link with a password (issue 10). */
  password: z.string().min(1).max(200).optional(),
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;

/** `POST /api/boards/<id>/links/check`: what a join link opens, asked before the name form (issue 8). */
export const CheckLinkRequest = z.object({
  token: z.string().min(1).max(200),
  /** Checked too when sent: the join page asks for a link's password before the name form. */
  password: z.string().min(1).max(200).optional(),
});
export type CheckLinkRequest = z.infer<typeof CheckLinkRequest>;

export interface LinkInfo {
  role: Role;
  board: { id: string; title: string; template: TemplateId; language: Locale };
}

export interface SessionResponse {
  session: string;
  role: Role;
  /** Epoch milliseconds. Renew with POST /api/sessions/renew before then. */
  expiresAt: number;
  name: string;
  /**
   * Assigned by the server when the session is created and kept on renew (PARTICIPANT_ID_PATTERN).
   * Per-person data (`personal` keys) is written under it; the board's `participants` map names it.
   */
  participantId: string;
  board: { id: string; title: string; template: TemplateId; language: Locale };
}

/** `GET /api/boards/<id>/snapshots`: the board at each phase change (issue 10), oldest first. */
export interface PhaseSnapshotSummary {
  id: string;
  /** The phase that opened; null when the agenda ended. */
  phaseId: string | null;
  phaseTitle: string;
  /** Epoch milliseconds. */
  createdAt: number;
  bytes: number;
}

/** JSON body of every REST error. `code` is stable and maps to an i18n key `error.<code>`. */
export interface ApiError {
  error: ErrorCode;
  message: string;
}

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  /** A valid session whose role may not do this (403: a participant importing accounts or asking for the board's links; on socket.io an `error` event: a participant starting the timer), never applied. */
  'forbidden',
  'not_found',
  'too_large',
  'rate_limited',
  'board_full',
  'internal',
  /** A /yjs connection refused because its session already has WS_CONNECTIONS_PER_SESSION open (close 4429). */
  'session_connections',
  /** A connection refused because its network address already has WS_CONNECTIONS_PER_IP open (close 4503). */
  'address_connections',
  /** An update that changes what this session may not change (a Refused message, type 101): the client reloads the board from the server. */
  'forbidden_write',
  // People and links (issue 10):
  /** The link is past the expiry its facilitator set (410). */
  'link_expired',
  /** The link has a password and none was sent (401): the join page asks for it. */
  'password_required',
  /** The link's password was wrong (401). */
  'wrong_password',
  /** The session's link was rotated or revoked by a facilitator (close 4410, reason `link revoked`). */
  'link_revoked',
  /** A facilitator removed this participant from the board (close 4410, reason `removed`). */
  'removed',
  /** A dot vote over the phase's budget, or over what one note may get from one voter (issue 10). */
  'vote_limit',
  /** A body of a content type the route does not take (the accounts import takes text/csv). */
  'unsupported_media_type',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * WebSocket close codes. 4400-4499 make the y-websocket@3 client stop reconnecting, which is what we
 * want for those: retrying at once cannot succeed without the user (or time) doing something. Codes
 * outside that range (4503, 1001, 1011, 1013) are retried by the client with its backoff.
 */
export const CloseCode = {
  /** Malformed or undecodable message, or a board id that does not match BOARD_ID_PATTERN. */
  BadRequest: 4400,
  /** Missing, expired or wrong session. */
  Unauthorized: 4401,
  /** A connection that claims more awareness client ids than one client needs (docs/api.md, awareness ownership). */
  Forbidden: 4403,
  /** The board does not exist (or was deleted). */
  NotFound: 4404,
  /** The board is past its size cap: it accepts no further growth. */
  BoardFull: 4409,
  /**
   * A facilitator ended the session (issue 10): its link was rotated or revoked (reason
   * `CloseReason.LinkRevoked`) or its participant removed (`CloseReason.Removed`). Final: the same
   * session can never connect again.
   */
  SessionEnded: 4410,
  /** A single frame larger than the configured maximum. */
  TooLarge: 4413,
  /**
   * The connection sent more messages than its rate limit allows, or (at connect, reason
   * `CloseReason.SessionConnections`) its session already has WS_CONNECTIONS_PER_SESSION open.
   */
  RateLimited: 4429,
  /**
   * At connect: the client's network address already has WS_CONNECTIONS_PER_IP open (reason
   * `CloseReason.AddressConnections`). In y-websocket's "try again later" range 4500-4599, so the
   * client retries by itself: the people behind one address come and go.
   */
  AddressBusy: 4503,
  /** The server is shutting down; the client reconnects (not in the 44xx range on purpose). */
  GoingAway: 1001,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close reasons a client tells apart (the code alone is shared with other causes). */
export const CloseReason = {
  SessionConnections: 'too many connections for this session',
  AddressConnections: 'too many connections from this address',
  LinkRevoked: 'link revoked',
  Removed: 'removed',
  /** 4403 at connect: a private document (issue 10) that is not the session's own. */
  NotYourPrivateNotes: 'not your private notes',
} as const;

/** Maps a close code (and reason) to the ErrorCode (and so the i18n key) the UI shows. */
export function errorForCloseCode(code: number, reason?: string): ErrorCode | undefined {
  switch (code) {
    case CloseCode.BadRequest: return 'bad_request';
    case CloseCode.Unauthorized: return 'unauthorized';
    case CloseCode.NotFound: return 'not_found';
    case CloseCode.BoardFull: return 'board_full';
    case CloseCode.SessionEnded: return reason === CloseReason.Removed ? 'removed' : 'link_revoked';
    case CloseCode.TooLarge: return 'too_large';
    case CloseCode.RateLimited: return reason === CloseReason.SessionConnections ? 'session_connections' : 'rate_limited';
    case CloseCode.AddressBusy: return 'address_connections';
    default: return undefined;
  }
}

/**
 * y-websocket message types. 0-3 are the library's; `Stored` and `Refused` are ours.
 *
 * `Stored`: the server sends it to a connection after that connection's updates are committed to
 * storage. Its payload is `Y.encodeSnapshot` of the stored document (state vector + delete set), so
 * the client can tell exactly which of its own updates are durable (`Y.snapshotContainsUpdate`).
 *
 * `Refused`: the server refused one of the connection's updates whole (not stored, applied or
 * relayed) because it changes something the session may not change (docs/api.md, "Write rules").
 * Payload: a varString of JSON `RefusedMessage`. Yjs cannot take an update back, so the client's copy
 * now differs from the board: ours throws it away and loads the board again.
 *
 * Clients that do not know a type ignore it (the stock y-websocket@3 client logs "Unable to compute
 * message" once per message; register a no-op `provider.messageHandlers[100]` to silence it).
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  Stored: 100,
  Refused: 101,
} as const;

/** Payload of a `Refused` message. `target` is a WriteTarget kind (shared/src/board/writeTarget.ts): what the update touched that it may not. */
export interface RefusedMessage {
  error: 'forbidden_write';
  target: string;
}

/** "Everyone to me": where the facilitator brings the room (`session:summon`). */
export interface Summon {
  canvasId: string;
  /** The facilitator's awareness client id on the board document: follow it. */
  clientId: number | null;
  /** The facilitator's name, for "Fiona brought everyone here". */
  by: string;
}

/** A facilitator lowered this participant's raised hand (`hand:lowered`, from a `hand:lower` command). */
export interface HandLowered {
  /** The facilitator's name. */
  by: string;
  /** Everyone's hands were lowered (else only this participant's). */
  all: boolean;
}

/** What the server answers a `session:command` with (its ack). */
export type CommandAck = { ok: true; revision: number } | { ok: false; error: ErrorCode; message: string };

/**
 * socket.io events (facilitation). Payloads are validated on the server against the zod schemas in
 * shared/src/facilitation/ (docs/api.md, "socket.io").
 */
export interface ServerToClientEvents {
  'session:info': (info: { role: Role; name: string; boardId: string; participantId: string }) => void;
  /** The board's whole session state: on join and after every change. */
  'session:state': (state: SessionState) => void;
  'session:summon': (summon: Summon) => void;
  /** To the sockets of the participant whose hand a facilitator lowered (all: every other socket of the board). */
  'hand:lowered': (lowered: HandLowered) => void;
  /** The voter's own dots in the current phase (only to that participant's sockets): on join and after each vote. */
  'vote:mine': (mine: MyVotes) => void;
  'error': (err: ApiError) => void;
}
export interface ClientToServerEvents {
  'ping': (ack: (t: number) => void) => void;
  /** A facilitator's command (`SessionCommand`); the ack is optional. */
  'session:command': (cmd: SessionCommand, ack?: (result: CommandAck) => void) => void;
  /** A participant's (or facilitator's) dot, one more or one less, on a note of the current voting phase. */
  'vote:cast': (cast: VoteCast, ack?: (result: CommandAck) => void) => void;
}

// People and links (issue 10): the facilitator's link and participant endpoints (docs/api.md).

/** A role's join link as a facilitator sees it. */
export interface LinkView {
  role: Role;
  /** The join link; null when the link predates issue 10 and was never rotated (only its hash is stored). */
  url: string | null;
  /** Epoch milliseconds; null: no expiry. */
  expiresAt: number | null;
  hasPassword: boolean;
}

/** `GET /api/boards/<id>/links`: one entry per role that has a link (a revoked role has none). */
export interface LinksResponse {
  links: LinkView[];
}

/** `PATCH /api/boards/<id>/links/<role>`: a field left out stays as it is; null clears it. */
export const LinkOptionsRequest = z.object({
  expiresAt: z.number().int().positive().nullable().optional(),
  password: z.string().min(4).max(200).nullable().optional(),
}).strict();
export type LinkOptionsRequest = z.infer<typeof LinkOptionsRequest>;

/** `POST /api/boards/<id>/duplicate`: a new board from this one, as the template for the next workshop. */
export const DuplicateBoardRequest = z.object({
  title: z.string().trim().min(1).max(200).optional(),
}).strict();
export type DuplicateBoardRequest = z.infer<typeof DuplicateBoardRequest>;

/** `POST /api/boards/<id>/next-workshop` (issue 11, "Carry-over"): the title of the new board, default the source's. */
export const NextWorkshopRequest = DuplicateBoardRequest;
export type NextWorkshopRequest = DuplicateBoardRequest;

/** The answer to `POST /api/boards/<id>/next-workshop`: the new board, and how many open actions came along for review. */
export interface NextWorkshopResponse extends CreateBoardResponse {
  carriedActions: number;
}

/** `POST /api/facilitator/boards`: the boards these (stored) facilitator sessions are valid for. */
export const FacilitatorBoardsRequest = z.object({
  sessions: z.array(z.string().min(1).max(200)).max(100),
});
export type FacilitatorBoardsRequest = z.infer<typeof FacilitatorBoardsRequest>;

export interface FacilitatorBoard {
  /** The session it was asked with, so the client knows which stored session is still good. */
  session: string;
  board: { id: string; title: string; template: TemplateId; language: Locale; createdAt: number };
}

export interface FacilitatorBoardsResponse {
  boards: FacilitatorBoard[];
}

// Private brainstorm (issue 10)

/** `GET /api/boards/<id>/canvases/<canvasId>/private`: how many hidden notes each person has there (never their text). */
export interface HiddenNotesResponse {
  canvasId: string;
  people: Array<{ participantId: string; name: string; hidden: number }>;
  total: number;
}

/** `POST /api/boards/<id>/canvases/<canvasId>/reveal`: the private notes of the canvas, now on the board. */
export interface RevealResponse {
  canvasId: string;
  /** Notes written to the board by this reveal (0 when there was nothing hidden, or on a repeat). */
  revealed: number;
  /** Whether they kept their authors' names (the canvas's setting at the time of the reveal). */
  attributed: boolean;
}
