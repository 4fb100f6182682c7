// Storage port of the server, implemented by SqliteBoardStore (the default) and PostgresBoardStore
// (DATABASE_URL); both pass BoardStore.contract.ts. The methods are async for the networked one.
import type { Locale, Role, TemplateId } from '../../../shared/src/protocol.ts';

export interface BoardRecord {
  id: string;
  title: string;
  template: TemplateId;
  language: Locale;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface SessionRecord {
  /** sha256 of the session string: the session itself is never stored. */
  sessionHash: string;
  boardId: string;
  role: Role;
  name: string;
  /** Assigned when the session is created, kept on renew: whose per-person entries it writes. */
  participantId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /**
   * `tokenHash` of the link the session joined through (issue 10): rotating or revoking that link
   * ends the session. '' for a session whose link was gone before this was recorded.
   */
  linkHash: string;
}

/** A role's join link of a board (issue 10, "People and links"): one per role, or none (revoked). */
export interface LinkRecord {
  boardId: string;
  role: Role;
  /** sha256 of the token: what joining looks up. */
  tokenHash: string;
  /**
   * The token sealed with the server's link key (auth/LinkVault.ts), so any facilitator device can be
   * shown the link; null for links made before issue 10, which can be rotated but not shown.
   */
  sealedToken: string | null;
  /** Epoch milliseconds after which the link no longer joins; null: no expiry. */
  expiresAt: number | null;
  /** scrypt hash (auth/passwords.ts) of the link's password; null: none. */
  passwordHash: string | null;
}

/** Everything needed to rebuild a board's Y.Doc: the latest snapshot, then the updates after it, in order. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update (or of the snapshot when there are no updates after it); 0 if none. */
  lastSeq: number;
  /** Bytes stored for this board (snapshot plus updates): what the size cap counts. */
  bytes: number;
}

/** A board's facilitation state and its version in storage: 1 for the first save, one up on every save. */
export interface StoredSessionState {
  state: unknown;
  version: number;
}

/** The board's document at a phase change (issue 10): restorable as a new board. */
export interface PhaseSnapshotRecord {
  id: string;
  boardId: string;
  /** The phase that opened (null: the agenda ended). */
  phaseId: string | null;
  /** Its title then, so the list reads well after the agenda changed. */
  phaseTitle: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** `Y.encodeStateAsUpdate` of the board then. */
  document: Uint8Array;
}

export type PhaseSnapshotInfo = Omit<PhaseSnapshotRecord, 'document'> & { bytes: number };

/**
 * An append-only log of Yjs updates with snapshots, per document id: what a Room loads and writes.
 * The boards' log is the BoardStore itself; the participants' private documents have one of their own.
 */
export interface DocumentLog {
  loadDocument(docId: string): Promise<StoredDocument>;
  appendUpdates(docId: string, updates: Uint8Array[]): number | Promise<number>;
  compact(docId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
}

/** The private documents' log, which also lists the documents of a board (for the reveal). */
export interface PrivateDocumentLog extends DocumentLog {
  /** Ids of every private document stored for the board. */
  documentsOf(boardId: string): Promise<string[]>;
}

export interface BoardStore extends DocumentLog {
  /**
   * The private documents (issue 10, "Private brainstorm"), by `<boardId>/<participantId>`: stored
   * apart from the board's log, deleted with the board.
   */
  readonly privateDocuments: PrivateDocumentLog;
  /** Creates the board, its links and its first snapshot in one transaction. */
  createBoard(board: BoardRecord, links: LinkRecord[], initialSnapshot: Uint8Array): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | undefined>;
  /** The link a token (by hash) is on a board, or undefined. */
  linkForToken(boardId: string, tokenHash: string): Promise<LinkRecord | undefined>;
  /** The board's current links (at most one per role; a revoked role has none). */
  links(boardId: string): Promise<LinkRecord[]>;
  /**
   * Puts `next` in place of the role's link (rotate), or removes it (`null`: revoke), and deletes
   * the sessions that joined through the old link, in one transaction; returns their hashes so the
   * caller can close their sockets. `keepSessionHash` (the facilitator who asked) is moved to the
   * new link instead of being ended.
   */
  replaceLink(boardId: string, role: Role, next: LinkRecord | null, keepSessionHash?: string): Promise<string[]>;
  /** Sets a link's expiry and password hash; false when the role has no link. */
  setLinkOptions(boardId: string, role: Role, options: Pick<LinkRecord, 'expiresAt' | 'passwordHash'>): Promise<boolean>;
  /** Deletes every session of one participant on a board; returns their hashes. */
  endParticipantSessions(boardId: string, participantId: string): Promise<string[]>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(sessionHash: string): Promise<SessionRecord | undefined>;
  /** Sets a new expiry; false when the session does not exist. */
  renewSession(sessionHash: string, expiresAt: number): Promise<boolean>;
  /** Deletes sessions that expired before `now`; returns how many. */
  deleteExpiredSessions(now: number): Promise<number>;

  loadDocument(boardId: string): Promise<StoredDocument>;
  /**
   * Appends updates to the board's log in one transaction and resolves once committed; returns the
   * sequence number of the last one, the others numbered one after another before it (a room's
   * group commit numbers each update of a group so, issue 12). Durable against a crash of the
   * process when it resolves.
   * A store that commits synchronously (SQLite) returns the number itself: the room then relays the
   * update in the same tick, without a promise on the hot path of every edit (issue 6). A throw and
   * a rejection both mean nothing was stored.
   */
  appendUpdates(boardId: string, updates: Uint8Array[]): number | Promise<number>;
  /** Replaces the snapshot and deletes every update up to `uptoSeq`, in one transaction. */
  compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;

  /**
   * The board's facilitation state as last saved (plain JSON, validated by the caller against
   * shared's `SessionState`) with its stored version, or undefined when none was saved.
   */
  getSessionState(boardId: string): Promise<StoredSessionState | undefined>;
  /**
   * Compare-and-set (issue 12: several instances change one board's session): stores `state` as
   * version `expectedVersion + 1` only if the stored version is still `expectedVersion` (0: none
   * stored yet), in one statement. False (nothing stored) when another writer stored first: the
   * caller reads the state again and applies its change to that.
   */
  saveSessionState(boardId: string, state: unknown, now: number, expectedVersion: number): Promise<boolean>;

  /** Stores a phase snapshot and deletes the board's oldest ones beyond the newest `keep`. */
  addPhaseSnapshot(snapshot: PhaseSnapshotRecord, keep: number): Promise<void>;
  /** The board's phase snapshots, oldest first, without their documents. */
  listPhaseSnapshots(boardId: string): Promise<PhaseSnapshotInfo[]>;
  getPhaseSnapshot(boardId: string, id: string): Promise<PhaseSnapshotRecord | undefined>;

  close(): Promise<void>;
}
