// Private brainstorm (issue 10): the facilitator's side. Counts of hidden notes per person (numbers
// and names only: the text stays in the private documents), the reveal, which turns the canvas
// public, copies every private note of it into the board as the server's write and then deletes it
// from its private document, and `turnPrivate`, the server's own switch when a private agenda phase
// opens.
//
// The reveal runs per private document inside that document's room queue (RoomManager.exclusive):
// no update of its author is handled between reading the notes and deleting them, so an edit that
// arrives meanwhile is applied after the note left (to a deleted note: it has no effect) and is
// never half-copied. The board write comes first and skips note ids the board has: a reveal that
// fails after the board write (or a second reveal at the same time) is repeated without copying
// anything twice, and a private note is deleted only once the board holds it.
import * as Y from 'yjs';
import type { HiddenNotesResponse, RevealResponse } from '../../../shared/src/protocol.ts';
import type { TurnPrivate } from '../../../shared/src/facilitation/sessionCommands.ts';
import { getCanvas } from '../../../shared/src/board/canvases.ts';
import { participantNames } from '../../../shared/src/board/schema.ts';
import { deleteNotes } from '../../../shared/src/board/notes.ts';
import { privateMode, privateNotesOn, setPrivateMode, writeRevealedNotes } from '../../../shared/src/board/privateNotes.ts';
import type { PrivateDocumentLog } from '../storage/BoardStore.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { ServerWriteError } from '../rooms/Room.ts';
import { participantOfPrivateDoc } from '../rooms/privateDocId.ts';
import { isAllowed } from '../auth/permissions.ts';
import type { AuthenticatedSession, BoardService } from './BoardService.ts';
import { BoardError } from './BoardError.ts';

interface PrivateBrainstormOptions {
  boards: BoardService;
  /** The boards' rooms. */
  rooms: RoomManager;
  /** The private documents' rooms. */
  privateRooms: RoomManager;
  privateDocuments: PrivateDocumentLog;
}

export class PrivateBrainstorm {
  constructor(private readonly opts: PrivateBrainstormOptions) {}

  async hiddenNotes(session: string, boardId: string, canvasId: string): Promise<HiddenNotesResponse> {
    await this.requireFacilitator(session, boardId);
    const names = await this.opts.rooms.read(boardId, (doc) => {
      if (!getCanvas(doc, canvasId)) throw new BoardError('not_found', 'This board has no such canvas.');
      return participantNames(doc);
    });
    const people: HiddenNotesResponse['people'] = [];
    for (const docId of await this.opts.privateDocuments.documentsOf(boardId)) {
      const hidden = await this.opts.privateRooms.read(docId, (doc) => privateNotesOn(doc, canvasId).length);
      const participantId = participantOfPrivateDoc(docId);
      if (hidden > 0) people.push({ participantId, name: names.get(participantId) ?? '', hidden });
    }
    // By name, so the facilitator's line reads the same on every poll (storage lists documents in any order).
    people.sort((a, b) => a.name.localeCompare(b.name) || (a.participantId < b.participantId ? -1 : 1));
    return { canvasId, people, total: people.reduce((sum, p) => sum + p.hidden, 0) };
  }

  async reveal(session: string, boardId: string, canvasId: string): Promise<RevealResponse> {
    await this.requireFacilitator(session, boardId);
    const mode = await this.opts.rooms.read(boardId, (doc) => {
      const canvas = getCanvas(doc, canvasId);
      if (!canvas) throw new BoardError('not_found', 'This board has no such canvas.');
      return privateMode(canvas);
    });
    // The reveal ends the private phase first: from here on new notes go to the board, so none is
    // made in a private document while its notes are being copied (and left hidden after it).
    if (mode.on) {
      await this.opts.rooms.exclusive(boardId, (board) => board.changeAsServer((doc) => setPrivateMode(doc, canvasId, { ...mode, on: false })));
    }
    let revealed = 0;
    for (const docId of await this.opts.privateDocuments.documentsOf(boardId)) {
      const participantId = participantOfPrivateDoc(docId);
      revealed += await this.opts.privateRooms.exclusive(docId, async (own) => {
        const notes = privateNotesOn(own.doc, canvasId);
        if (notes.length === 0) return 0;
        let written = 0;
        await this.opts.rooms
          .exclusive(boardId, (board) =>
            board.changeAsServer((doc) => {
              // The name the server knows for the participant, not the one the note claims.
              const author = mode.attributed ? (participantNames(doc).get(participantId) ?? '') : '';
              written = writeRevealedNotes(doc, notes, author).length;
            }),
          )
          .catch((err: unknown) => {
            if (err instanceof ServerWriteError && err.reason === 'full') {
              throw new BoardError('board_full', 'The board is full: the hidden notes stay hidden. Remove some notes, then reveal again.');
            }
            throw err;
          });
        await own.changeAsServer((doc) => deleteNotes(doc, notes.map((n) => n.id)));
        return written;
      });
    }
    return { canvasId, revealed, attributed: mode.attributed };
  }

  /**
   * A private agenda phase opened (BoardSessions' `turnPrivate`): the server turns its canvas private,
   * attributed or anonymous, as the facilitator's switch would. A canvas removed since does nothing.
   */
  async turnPrivate(boardId: string, change: TurnPrivate): Promise<void> {
    await this.opts.rooms.exclusive(boardId, (board) =>
      board.changeAsServer((doc) => {
        if (getCanvas(doc, change.canvasId)) setPrivateMode(doc, change.canvasId, { on: true, attributed: change.attributed });
      }),
    );
  }

  private async requireFacilitator(session: string, boardId: string): Promise<AuthenticatedSession> {
    const auth = await this.opts.boards.sessionOnBoard(session, boardId);
    if (!isAllowed(auth, 'private:reveal')) throw new BoardError('forbidden', 'Only a facilitator of this board may do this.');
    return auth;
  }
}
