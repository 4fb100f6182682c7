// Editing together without destroying each other's typing (issue 8), for the board page: a delete of
// notes someone else is typing in waits for this user's answer (DeleteEditedDialog), and when
// someone else deletes the note this user types in, the text is offered back as a new note.
// Who types where is awareness `editing`: the canvas editor publishes it, the outline through
// `setEditing`.
import { createNote, deleteNotes } from '$shared/board/notes.ts';
import type { BoardController } from './BoardController.svelte.ts';
import type { BoardConnection } from '../sync/BoardConnection.ts';
import { TypingRescue, type LostNote } from '../presence/TypingRescue.ts';
import { editorsOf, remoteUsers } from '../canvas/presenceView.ts';
import { t } from '../i18n.svelte.ts';
import { toasts } from '../toast.svelte.ts';

/** Longest excerpt of the lost text in the notice; the whole text comes back with the note. */
const EXCERPT = 60;

export class SafeEditing {
  /** A delete of notes other people are typing in, waiting for this user's answer. */
  pending = $state<{ ids: string[]; editors: string[] } | null>(null);

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

  /** Deletes notes (the outline's delete), asking first when someone else is typing in one of them. */
  requestDelete(ids: string[]): void {
    const conn = this.board.connection;
    if (this.board.readOnly || !conn) return;
    const others = remoteUsers(conn.awareness.getStates(), conn.awareness.clientID, t('canvas.anonymous'));
    const editors = editorsOf(others, ids);
    if (editors.length > 0) this.pending = { ids, editors };
    else this.deleteNow(ids);
  }

  /** The user's answer: delete anyway, or keep. */
  answer(confirmed: boolean): void {
    const request = this.pending;
    this.pending = null;
    if (confirmed && request) this.deleteNow(request.ids);
  }

  /** This user types in the note with this id (the outline's fields), or stopped (null). */
  setEditing(id: string | null): void {
    const aw = this.board.connection?.awareness;
    if (aw && aw.getLocalState() !== null) aw.setLocalStateField('editing', id);
  }

  private deleteNow(ids: string[]): void {
    const { renderer, connection: conn } = this.board;
    if (this.board.readOnly) return;
    if (renderer) renderer.deleteNotes(ids);
    else if (conn) deleteNotes(conn.doc, ids, conn.origin);
  }

  private offerRestore(lost: LostNote): void {
    const text = lost.text.length > EXCERPT ? lost.text.slice(0, EXCERPT - 1).trimEnd() + '…' : lost.text;
    toasts.offer('restore.message', { text }, { key: 'restore.action', run: () => this.restore(lost) });
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
