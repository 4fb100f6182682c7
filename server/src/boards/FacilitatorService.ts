// What only a facilitator may do with a board (issue 10, "People and links"): see the join links
// (from any device), rotate or revoke them, give them an expiry and a password, remove a participant,
// list the boards of their stored sessions, and duplicate a board as the next workshop's template;
// and make the next workshop's board from this one, with what carries over (issue 11, "Carry-over").
// Ending a session closes its open sockets at once (LiveSessions), not at their next expiry check.
import * as Y from 'yjs';
import {
  ROLES,
  type CreateBoardResponse,
  type DuplicateBoardRequest,
  type FacilitatorBoard,
  type LinkOptionsRequest,
  type LinkView,
  type NextWorkshopRequest,
  type NextWorkshopResponse,
  type Role,
} from '../../../shared/src/protocol.ts';
import { PARTICIPANT_ID_PATTERN } from '../../../shared/src/board/schema.ts';
import { duplicateAgenda, duplicateBoard } from '../../../shared/src/board/duplicateBoard.ts';
import { nextWorkshop } from '../../../shared/src/board/nextWorkshop.ts';
import type { Phase } from '../../../shared/src/facilitation/sessionState.ts';
import type { BoardSessions } from '../facilitation/BoardSessions.ts';
import type { BoardRecord, BoardStore, LinkRecord } from '../storage/BoardStore.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { isAllowed } from '../auth/permissions.ts';
import type { LinkVault } from '../auth/LinkVault.ts';
import type { LiveSessions } from '../auth/LiveSessions.ts';
import { hashPassword } from '../auth/passwords.ts';
import { newSecret } from '../auth/secrets.ts';
import type { AuthenticatedSession, BoardService } from './BoardService.ts';
import { BoardError } from './BoardError.ts';

interface FacilitatorServiceOptions {
  boards: BoardService;
  store: BoardStore;
  rooms: RoomManager;
  vault: LinkVault;
  live: LiveSessions;
  /** A duplicate takes the agenda along. */
  sessions: Pick<BoardSessions, 'current' | 'start'>;
  now?: () => number;
}

export class FacilitatorService {
  private readonly now: () => number;

  constructor(private readonly opts: FacilitatorServiceOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The session, if it is a facilitator's on this board: 401 without a session, 403 for other roles. */
  async requireFacilitator(session: string, boardId: string, action: 'board:manage' | 'board:next-workshop' = 'board:manage'): Promise<AuthenticatedSession> {
    const auth = await this.opts.boards.sessionOnBoard(session, boardId);
    if (!isAllowed(auth, action)) throw new BoardError('forbidden', 'Only a facilitator of this board may do this.');
    return auth;
  }

  async links(session: string, boardId: string): Promise<LinkView[]> {
    await this.requireFacilitator(session, boardId);
    const links = await this.opts.store.links(boardId);
    return ROLES.flatMap((role) => {
      const link = links.find((l) => l.role === role);
      return link ? [this.view(link)] : [];
    });
  }

  /**
   * A new token for the role's link; every session that joined through the old one ends, except
   * the caller's (a facilitator rotating a leaked facilitator link keeps working). Keeps the password;
   * an expiry that has passed is dropped, since the point of rotating is a link that works.
   */
  async rotateLink(session: string, boardId: string, role: Role): Promise<{ link: LinkView; ended: number }> {
    const auth = await this.requireFacilitator(session, boardId);
    const old = (await this.opts.store.links(boardId)).find((l) => l.role === role);
    const keepExpiry = old?.expiresAt != null && old.expiresAt > this.now() ? old.expiresAt : null;
    const next = this.opts.boards.newLink(boardId, role, newSecret(), { expiresAt: keepExpiry, passwordHash: old?.passwordHash ?? null });
    const ended = await this.opts.store.replaceLink(boardId, role, next, auth.sessionHash);
    this.opts.live.end(ended, 'link_revoked');
    return { link: this.view(next), ended: ended.length };
  }

  /** Removes the role's link: it joins nobody, and every session that joined through it ends. */
  async revokeLink(session: string, boardId: string, role: Role): Promise<{ ended: number }> {
    const auth = await this.requireFacilitator(session, boardId);
    // Without a facilitator link nobody could take the board over once the sessions expire.
    if (role === 'facilitator') throw new BoardError('bad_request', 'The facilitator link cannot be revoked; rotate it instead.');
    const ended = await this.opts.store.replaceLink(boardId, role, null, auth.sessionHash);
    this.opts.live.end(ended, 'link_revoked');
    return { ended: ended.length };
  }

  /** Sets or clears the link's expiry and password; sessions that already joined are not affected. */
  async setLinkOptions(session: string, boardId: string, role: Role, req: LinkOptionsRequest): Promise<LinkView> {
    await this.requireFacilitator(session, boardId);
    const link = (await this.opts.store.links(boardId)).find((l) => l.role === role);
    if (!link) throw new BoardError('not_found', 'This link was revoked; rotate it to make a new one.');
    if (req.expiresAt != null && req.expiresAt <= this.now()) throw new BoardError('bad_request', 'The expiry must lie in the future.');
    const next: LinkRecord = {
      ...link,
      expiresAt: req.expiresAt === undefined ? link.expiresAt : req.expiresAt,
      passwordHash: req.password === undefined ? link.passwordHash : req.password === null ? null : await hashPassword(req.password),
    };
    if (!(await this.opts.store.setLinkOptions(boardId, role, next))) throw new BoardError('not_found', 'This link was revoked; rotate it to make a new one.');
    return this.view(next);
  }

  /**
   * Ends every session of a participant (their sockets close at once) and marks them removed in the
   * board's participant list. Their notes and scores stay. Joining again takes a current link and
   * gives a new participant id.
   */
  async removeParticipant(session: string, boardId: string, participantId: string): Promise<{ ended: number }> {
    const auth = await this.requireFacilitator(session, boardId);
    if (!PARTICIPANT_ID_PATTERN.test(participantId)) throw new BoardError('bad_request', 'That is not a participant id.');
    if (participantId === auth.participantId) throw new BoardError('bad_request', 'You cannot remove yourself.');
    const ended = await this.opts.store.endParticipantSessions(boardId, participantId);
    this.opts.live.end(ended, 'removed');
    await this.opts.rooms.markRemoved(boardId, participantId, this.now());
    return { ended: ended.length };
  }

  /** The boards of those sessions that are live facilitator sessions; the others are left out. */
  async facilitatorBoards(sessions: readonly string[]): Promise<FacilitatorBoard[]> {
    const out: FacilitatorBoard[] = [];
    for (const session of new Set(sessions)) {
      const auth = await this.opts.boards.resolveSession(session);
      if (!auth || !isAllowed(auth, 'board:manage')) continue;
      const board = await this.opts.boards.getBoard(auth.boardId);
      if (board) out.push({ session, board: { id: board.id, title: board.title, template: board.template, language: board.language, createdAt: board.createdAt } });
    }
    return out.sort((a, b) => b.board.createdAt - a.board.createdAt);
  }

  /** A new board with this board's canvases, settings, notes and agenda (not started); no participants, scores or sessions. */
  async duplicate(session: string, boardId: string, req: DuplicateBoardRequest): Promise<CreateBoardResponse> {
    await this.requireFacilitator(session, boardId);
    return this.fromLiveBoard(boardId, req.title, (from, doc, board) => duplicateBoard(from, doc, board));
  }

  /**
   * The next workshop's board: the same canvases, empty, with the open actions carried over for review
   * and the quickscan's result as the round to compare against (shared/src/board/nextWorkshop.ts).
   */
  async nextWorkshop(session: string, boardId: string, req: NextWorkshopRequest): Promise<NextWorkshopResponse> {
    await this.requireFacilitator(session, boardId, 'board:next-workshop');
    let carriedActions = 0;
    const created = await this.fromLiveBoard(boardId, req.title, (from, doc, board) => {
      carriedActions = nextWorkshop(from, doc, board, boardId).actions;
    });
    return { ...created, carriedActions };
  }

  /** A new board written by `write` from a copy of the live document of `boardId` (what everyone connected sees), read in one go so it is consistent. */
  private async fromLiveBoard(boardId: string, title: string | undefined, write: (from: Y.Doc, doc: Y.Doc, board: BoardRecord) => void): Promise<CreateBoardResponse> {
    const source = (await this.opts.boards.getBoard(boardId))!;
    const state = await this.opts.rooms.read(boardId, (doc) => Y.encodeStateAsUpdate(doc));
    const { agenda } = await this.opts.sessions.current(boardId);
    const from = new Y.Doc();
    Y.applyUpdate(from, state);
    let phases: Phase[] = [];
    try {
      const created = await this.opts.boards.storeNewBoard(
        { title: title ?? source.title, template: source.template, language: source.language },
        (doc, board) => {
          write(from, doc, board);
          phases = duplicateAgenda(agenda, doc);
        },
      );
      // Stored even when empty: a copy of a workshop whose agenda was emptied must not get the template's again.
      await this.opts.sessions.start(created.id, phases);
      return created;
    } finally {
      from.destroy();
    }
  }

  private view(link: LinkRecord): LinkView {
    const token = link.sealedToken === null ? undefined : this.opts.vault.open(link.sealedToken, link.boardId, link.role);
    return {
      role: link.role,
      url: token === undefined ? null : this.opts.boards.linkUrl(link.boardId, token),
      expiresAt: link.expiresAt,
      hasPassword: link.passwordHash !== null,
    };
  }
}
