// Editing together without destroying each other's typing (issue 8), for the board page: a delete of
// notes someone else is typing in waits for this user's answer (DeleteEditedDialog), and when
// someone else deletes the note this user types in, the text is offered back as a new note.
// Who types where is awareness `editing`: the canvas editor publishes it, the outline through
// `setEditing`.
import { createNote, deleteNotes, getNote } from '$shared/board/notes.ts';
import type * as Y from 'yjs';
import type { Note } from '$shared/board/schema.ts';
import type { BoardController } from './BoardController.svelte.ts';
import type { BoardConnection } from '../sync/BoardConnection.ts';
import { TypingRescue, type LostNote } from '../presence/TypingRescue.ts';
import { editorsOf, remoteUsers } from '../canvas/presenceView.ts';
import { t } from '../i18n.svelte.ts';
import { toasts } from '../toast.svelte.ts';

/** A document notes are written to, and the origin of this user's edits in it (their undo stack). */
export interface NoteTarget {
  doc: Y.Doc;
  origin: object;
}

/** Longest excerpt of the lost text in the notice; the whole text comes back with the note. */
const EXCERPT = 60;

export class SafeEditing {
  /** A delete of notes other people are typing in, waiting for this user's answer. */
  pending = $state.raw<{ ids: string[]; editors: string[]; from?: NoteTarget } | null>(null);

  constructor(private readonly board: BoardController) {}

  /** Starts watching a newly opened connection; returns the cleanup. */
  attach(conn: BoardConnection): () => void {
    const rescue = new TypingRescue(conn.doc, conn.awareness, (lost) => this.offerRestore(lost));
    return () => rescue.destroy();
  }

  /** Asks this user before deleting notes others type in (the canvas asks through its renderer event). */
  ask(request: { ids: string[]; editors: string[] }): void {
    this.pending = request;
  }

  /**
   * Deletes notes (the outline's delete) from `from`, the document the outline shows them from (the
   * board, or this participant's private one), asking first when someone else is typing in one of them.
   */
  requestDelete(ids: string[], from: NoteTarget): void {
    const conn = this.board.connection;
    if (this.board.readOnly || !conn) return;
    const others = remoteUsers(conn.awareness.getStates(), conn.awareness.clientID, t('canvas.anonymous'));
    const editors = editorsOf(others, ids);
    if (editors.length > 0) this.pending = { ids, editors, from };
    else this.deleteNow(ids, from);
  }

  /** The user's answer: delete anyway, or keep. */
  answer(confirmed: boolean): void {
    const request = this.pending;
    this.pending = null;
    if (confirmed && request) this.deleteNow(request.ids, request.from);
  }

  /** This user types in the note with this id (the outline's fields), or stopped (null). */
  setEditing(id: string | null): void {
    const aw = this.board.connection?.awareness;
    if (aw && aw.getLocalState() !== null) aw.setLocalStateField('editing', id);
  }

  /** `from`: the outline's document; without it the canvas's (its renderer's, which draws one document). */
  private deleteNow(ids: string[], from?: NoteTarget): void {
    const { renderer, connection: conn } = this.board;
    if (this.board.readOnly || !conn) return;
    // The renderer offers the Undo notice itself (its `notesDeleted`), for every way it deletes.
    if (renderer && !from) {
      renderer.deleteNotes(ids);
      return;
    }
    const { doc, origin } = from ?? conn;
    const gone = ids.flatMap((id) => getNote(doc, id) ?? []);
    deleteNotes(doc, ids, origin);
    this.offerUndo(gone);
  }

  /**
   * "Note deleted" with Undo (issue 8: the outline deleted without confirmation or undo). Undo puts
   * the notes back as they were, under their own ids (so a matrix's scores of them count again),
   * rather than running the undo stack, whose last step may be another edit. One notice at a time:
   * the newest delete replaces the previous notice.
   */
  offerUndo(gone: Note[]): void {
    if (gone.length === 0) return;
    toasts.hide('deleted.one');
    toasts.hide('deleted.other');
    const text = excerpt(gone[0].text.trim() || t('canvas.emptyNote'));
    toasts.offer(gone.length === 1 ? 'deleted.one' : 'deleted.other', { text, count: gone.length }, { key: 'toolbar.undo', run: () => this.putBack(gone) });
  }

  private putBack(notes: Note[]): void {
    if (this.board.readOnly) return;
    // Into the board, or while their canvas is private into this participant's private document.
    const into = new Map<BoardConnection, Note[]>();
    for (const note of notes) {
      const conn = this.board.noteConnection(note.canvas);
      if (conn) into.set(conn, [...(into.get(conn) ?? []), note]);
    }
    for (const [conn, some] of into) {
      conn.doc.transact(() => {
        for (const note of some) if (!getNote(conn.doc, note.id)) createNote(conn.doc, note, conn.origin);
      }, conn.origin);
    }
    if (this.board.view === 'outline') this.board.outlineFocus = { id: notes[0].id, field: 'text' };
  }

  private offerRestore(lost: LostNote): void {
    toasts.offer('restore.message', { text: excerpt(lost.text) }, { key: 'restore.action', run: () => this.restore(lost) });
  }

  /** Makes the lost note again where it was, by this user, and opens it for typing. */
  private restore(lost: LostNote): void {
    const { connection: conn, session, renderer } = this.board;
    if (this.board.readOnly || !conn || !session) return;
    const id = createNote(conn.doc, { ...lost, author: session.name }, conn.origin);
    if (this.board.view === 'canvas' && renderer) {
      renderer.setSelection([id]);
      renderer.editNote(id);
    } else {
      this.board.outlineFocus = { id, field: 'text' };
    }
  }
}

function excerpt(text: string): string {
  return text.length > EXCERPT ? text.slice(0, EXCERPT - 1).trimEnd() + '…' : text;
}
