// Keeps what this user is typing safe from other people's deletes (issue 8: deleting a note someone
// was typing in lost their text). Whoever edits a note (the canvas editor, an outline textarea)
// publishes its id as awareness `editing`; this keeps a copy of that note (text, place, colour)
// after every change, and when another user's change removes it, hands the copy to `onLost`, so
// the page can offer it back as a new note.
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { getNote } from '$shared/board/notes.ts';
import { notesMap, type NoteColor } from '$shared/board/schema.ts';

/** A note this user was typing in when someone else deleted it: enough to make it again. */
export interface LostNote {
  text: string;
  frame: string;
  color: NoteColor;
  x: number;
  y: number;
}

export class TypingRescue {
  private kept: { id: string; note: LostNote } | null = null;
  private readonly onNotes = (_events: unknown, tr: Y.Transaction) => this.notesChanged(tr);
  private readonly onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const me = this.awareness.clientID;
    if (added.includes(me) || updated.includes(me) || removed.includes(me)) this.editingChanged();
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly awareness: Awareness,
    private readonly onLost: (note: LostNote) => void,
  ) {
    notesMap(doc).observeDeep(this.onNotes);
    awareness.on('change', this.onAwareness);
    this.remember();
  }

  destroy(): void {
    notesMap(this.doc).unobserveDeep(this.onNotes);
    this.awareness.off('change', this.onAwareness);
  }

  private editing(): string | null {
    const id = (this.awareness.getLocalState() as { editing?: unknown } | null)?.editing;
    return typeof id === 'string' ? id : null;
  }

  private remember(): void {
    const id = this.editing();
    const note = id ? getNote(this.doc, id) : undefined;
    if (id && note) this.kept = { id, note: { text: note.text, frame: note.frame, color: note.color, x: note.x, y: note.y } };
  }

  private notesChanged(tr: Y.Transaction): void {
    const kept = this.kept;
    if (kept && !notesMap(this.doc).has(kept.id)) {
      this.kept = null;
      // This user's own delete or undo is no loss to report.
      if (!tr.local && kept.note.text.trim()) this.onLost(kept.note);
      return;
    }
    this.remember();
  }

  private editingChanged(): void {
    if (this.editing()) {
      this.remember();
      return;
    }
    // The editor closes in the same transaction that deletes its note (the canvas closes it from
    // its own observer, which may run before ours): forget the copy only after that transaction.
    queueMicrotask(() => {
      if (!this.editing()) this.kept = null;
    });
  }
}
