// Boards, join tokens and sessions: the REST side of issue 2's contract, independent of HTTP.
import * as Y from 'yjs';
import {
  BOARD_ID_PATTERN,
  CheckLinkRequest,
  ROLES,
  type CreateBoardRequest,
  type CreateBoardResponse,
  type CreateSessionRequest,
  type LinkInfo,
  type Role,
  type SessionResponse,
} from '../../../shared/src/protocol.ts';
import { initBoard } from '../../../shared/src/board/meta.ts';
import { metaMap } from '../../../shared/src/board/schema.ts';
import type { BoardRecord, BoardStore, LinkRecord, PhaseSnapshotInfo, SessionRecord } from '../storage/BoardStore.ts';
import { hashSecret, newBoardId, newParticipantId, newSecret } from '../auth/secrets.ts';
import type { LinkVault } from '../auth/LinkVault.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { PasswordGuard } from '../auth/PasswordGuard.ts';
import { BoardError } from './BoardError.ts';

/** A live session as its stored record: `sessionHash` identifies it in memory (e.g. awareness ownership) without the secret. */
export type AuthenticatedSession = SessionRecord;

const SESSION_GONE = 'The session is unknown or expired; open the join link again.';
const NO_BOARD = 'There is no board at this address.';

interface BoardServiceOptions {
  /** Called per request: the public URL is only known once the server listens (port 0 in tests). */
  publicUrl: () => string;
  sessionTtlMs: number;
  /** Seals link tokens so facilitators can be shown their links again (issue 10). */
  vault: LinkVault;
  /** Limits wrong link passwords (issue 10). */
  passwords: PasswordGuard;
  now?: () => number;
}

/** Who asks to join: the link's token, its password if any, and where from (for the password limit). */
type JoinAttempt = CheckLinkRequest & { address: string };

export class BoardService {
  private readonly now: () => number;

  constructor(
    private readonly store: BoardStore,
    private readonly opts: BoardServiceOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  async createBoard(req: CreateBoardRequest): Promise<CreateBoardResponse> {
    // Metadata and the template's canvases are written through a Y.Doc like every other change, so
    // clients read them as board data.
    return this.storeNewBoard(req, (doc, board) => initBoard(doc, board));
  }

  /**
   * A new board with `write` filling its document (a template, or a copy of another board: issue
   * 10), and a fresh link per role.
   */
  async storeNewBoard(req: CreateBoardRequest, write: (doc: Y.Doc, board: BoardRecord) => void): Promise<CreateBoardResponse> {
    const board: BoardRecord = {
      id: newBoardId(),
      title: req.title,
      template: req.template,
      language: req.language,
      createdAt: this.now(),
    };
    const tokens = Object.fromEntries(ROLES.map((r) => [r, newSecret()])) as Record<Role, string>;
    const doc = new Y.Doc();
    write(doc, board);
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await this.store.createBoard(board, ROLES.map((r) => this.newLink(board.id, r, tokens[r])), snapshot);
    const links = Object.fromEntries(ROLES.map((r) => [r, this.linkUrl(board.id, tokens[r])])) as Record<Role, string>;
    return { id: board.id, title: board.title, links };
  }

  /**
   * The phase snapshots of a board (issue 10), for one of its facilitators: `forbidden` for other
   * roles, `unauthorized` without a live session of the board.
   */
  async phaseSnapshots(session: string, boardId: string): Promise<Array<Omit<PhaseSnapshotInfo, 'boardId'>>> {
    await this.facilitatorOf(session, boardId);
    return (await this.store.listPhaseSnapshots(boardId)).map(({ boardId: _b, ...info }) => info);
  }

  /**
   * Restores a phase snapshot as a new board (the board itself stays as it is): the document as it
   * was then, titled "<title> · <phase>", with new links. For a facilitator of the board.
   */
  async restorePhaseSnapshot(session: string, boardId: string, snapshotId: string): Promise<CreateBoardResponse> {
    const source = await this.facilitatorOf(session, boardId);
    const snapshot = await this.store.getPhaseSnapshot(boardId, snapshotId);
    if (!snapshot) throw new BoardError('not_found', 'This board has no snapshot with that id.');
    const title = [source.title, snapshot.phaseTitle].filter(Boolean).join(' · ').slice(0, 200);
    const req = { title, template: source.template as CreateBoardRequest['template'], language: source.language as CreateBoardRequest['language'] };
    return this.storeNewBoard(req, (doc, board) => {
      Y.applyUpdate(doc, snapshot.document);
      doc.transact(() => {
        metaMap(doc).set('title', board.title);
        metaMap(doc).set('createdAt', board.createdAt);
      });
    });
  }

  /**
   * What a join link opens (board and role) without creating a session: the join page checks the
   * link before asking for a name, so a bad link fails at once (issue 8), and so do an expired
   * link and a missing or wrong password (issue 10).
   */
  async checkLink(boardId: string, attempt: JoinAttempt): Promise<LinkInfo> {
    const board = await this.requireBoard(boardId);
    return { role: (await this.requireLink(board, attempt)).role, board: publicBoard(board) };
  }

  async openSession(boardId: string, req: CreateSessionRequest & { address: string }): Promise<SessionResponse> {
    const board = await this.requireBoard(boardId);
    const link = await this.requireLink(board, req);
    const session = newSecret();
    const record: SessionRecord = {
      sessionHash: hashSecret(session),
      boardId: board.id,
      role: link.role,
      name: req.name,
      // Bound to this session for its whole life (renew keeps it): reload and reconnect keep it.
      participantId: newParticipantId(),
      expiresAt: this.now() + this.opts.sessionTtlMs,
      linkHash: link.tokenHash,
    };
    await this.store.createSession(record);
    return this.sessionResponse(session, record, board);
  }

  /** Extends a live session; the session string stays the same, so open sockets need nothing. */
  async renewSession(session: string): Promise<SessionResponse> {
    const current = await this.resolveSession(session);
    if (!current) throw new BoardError('unauthorized', SESSION_GONE);
    const expiresAt = this.now() + this.opts.sessionTtlMs;
    await this.store.renewSession(current.sessionHash, expiresAt);
    const board = await this.requireBoard(current.boardId);
    return this.sessionResponse(session, { ...current, expiresAt }, board);
  }

  /** The live session for a session string, or undefined (unknown, expired or malformed). */
  async resolveSession(session: unknown): Promise<AuthenticatedSession | undefined> {
    if (typeof session !== 'string' || session.length === 0 || session.length > 200) return undefined;
    return this.liveSession(hashSecret(session));
  }

  /** The board a session belongs to, with who the session is (GET /api/boards/:id). */
  async boardInfo(session: string, boardId: string): Promise<BoardRecord & Pick<SessionRecord, 'role' | 'name' | 'participantId' | 'expiresAt'>> {
    const auth = await this.resolveSession(session);
    if (!auth || auth.boardId !== boardId) throw new BoardError('unauthorized', SESSION_GONE);
    const board = await this.requireBoard(auth.boardId);
    return { ...board, role: auth.role, name: auth.name, participantId: auth.participantId, expiresAt: auth.expiresAt };
  }

  /** The live session for a session string on an existing board: 'not_found' without the board, 'unauthorized' without such a session. */
  async sessionOnBoard(session: string, boardId: string): Promise<AuthenticatedSession> {
    const board = await this.requireBoard(boardId);
    const auth = await this.resolveSession(session);
    if (!auth || auth.boardId !== board.id) throw new BoardError('unauthorized', SESSION_GONE);
    return auth;
  }

  /**
   * The current expiry of a live session by its hash, or undefined (gone or expired). Open sockets
   * re-read it when their session would expire: a renewal in the meantime moved it.
   */
  async sessionExpiresAt(sessionHash: string): Promise<number | undefined> {
    return (await this.liveSession(sessionHash))?.expiresAt;
  }

  async getBoard(boardId: string): Promise<BoardRecord | undefined> {
    if (!BOARD_ID_PATTERN.test(boardId)) return undefined;
    return this.store.getBoard(boardId);
  }

  async deleteExpiredSessions(): Promise<number> {
    return this.store.deleteExpiredSessions(this.now());
  }

  private async facilitatorOf(session: string, boardId: string): Promise<BoardRecord> {
    const auth = await this.sessionOnBoard(session, boardId);
    if (auth.role !== 'facilitator') throw new BoardError('forbidden', 'Only a facilitator of this board can do that.');
    return this.requireBoard(boardId);
  }

  private async requireBoard(boardId: string): Promise<BoardRecord> {
    const board = await this.getBoard(boardId);
    if (!board) throw new BoardError('not_found', NO_BOARD);
    return board;
  }

  /** The link a join attempt names, if it is current, not expired, and its password (if any) matches. */
  private async requireLink(board: BoardRecord, attempt: JoinAttempt): Promise<LinkRecord> {
    const link = await this.store.linkForToken(board.id, hashSecret(attempt.token));
    if (!link) throw new BoardError('unauthorized', 'This link is not valid for this board.');
    if (link.expiresAt !== null && link.expiresAt <= this.now()) {
      throw new BoardError('link_expired', 'This link has expired; ask the facilitator for a new one.');
    }
    if (link.passwordHash !== null) {
      if (attempt.password === undefined) throw new BoardError('password_required', 'This link needs a password.');
      // Limited per address and link before scrypt runs: guessing costs the guesser, not the server.
      const key = `${attempt.address}/${link.tokenHash}`;
      await this.opts.passwords.before(key);
      if (!(await verifyPassword(attempt.password, link.passwordHash))) {
        await this.opts.passwords.failed(key);
        throw new BoardError('wrong_password', 'The password is not right.');
      }
    }
    return link;
  }

  /** A link record for a new token, sealed with the vault's key. */
  newLink(boardId: string, role: Role, token: string, keep?: Pick<LinkRecord, 'expiresAt' | 'passwordHash'>): LinkRecord {
    return {
      boardId,
      role,
      tokenHash: hashSecret(token),
      sealedToken: this.opts.vault.seal(token, boardId, role),
      expiresAt: keep?.expiresAt ?? null,
      passwordHash: keep?.passwordHash ?? null,
    };
  }

  /** The token goes in the fragment: browsers never send it, so it never reaches access logs. */
  linkUrl(boardId: string, token: string): string {
    return `${this.opts.publicUrl()}/b/${boardId}#${token}`;
  }

  private async liveSession(sessionHash: string): Promise<SessionRecord | undefined> {
    const record = await this.store.getSession(sessionHash);
    return record && record.expiresAt > this.now() ? record : undefined;
  }

  private sessionResponse(session: string, s: Pick<SessionRecord, 'role' | 'name' | 'participantId' | 'expiresAt'>, board: BoardRecord): SessionResponse {
    return {
      session,
      role: s.role,
      expiresAt: s.expiresAt,
      name: s.name,
      participantId: s.participantId,
      board: publicBoard(board),
    };
  }
}

function publicBoard(board: BoardRecord): SessionResponse['board'] {
  return { id: board.id, title: board.title, template: board.template, language: board.language };
}
