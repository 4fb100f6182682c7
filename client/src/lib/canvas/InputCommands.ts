// The renderer's second job, apart from drawing: keyboard commands (KeyboardInput) and pointer
// gestures (PointerGestures) become selection changes, camera moves and board operations. It reaches
// the renderer only through CommandHost, so what input may do to a board is listed in one place.
import type { NoteColor } from '$shared/board/schema.ts';
import { frameAt, numberKeyFrames, type Template } from '$shared/templates/index.ts';
import type { GestureHost } from './PointerGestures.ts';
import type { Command } from './shortcuts.ts';
import type { NoteLayer } from './NoteLayer.ts';
import type { NoteDrag } from './NoteDrag.ts';
import { panToReveal, type Camera } from './camera.ts';
import { freeSpotNear, nextInReadingOrder, noteAt, notesInRect, type Rect } from './noteView.ts';

type Point = { x: number; y: number };

/** What input needs from the renderer. Notes and the drag are read or driven, never replaced. */
export interface CommandHost {
  readonly container: HTMLElement;
  readonly template: Template;
  readonly notes: Pick<NoteLayer, 'drawnPositions' | 'ids' | 'zOrder' | 'view'>;
  readonly drag: Pick<NoteDrag, 'dragging' | 'begin' | 'by' | 'end'>;
  readOnly(): boolean;
  camera(): Camera;
  /** `user`: a camera change made by this user (stops following someone else). */
  setCamera(c: Camera, user: boolean): void;
  viewSize(): { width: number; height: number };
  selection(): string[];
  setSelection(ids: string[]): void;
  editingId(): string | null;
  closeEditor(): void;
  editNote(id: string): void;
  /** Creates a note, selects it and opens it for typing. */
  createNote(frameId: string, color: NoteColor, x: number, y: number): string;
  /** Adds a note in this frame, or in the intended one (quadrant in view, selection, last used). */
  addNote(frameId?: string): void;
  deleteSelected(): void;
  duplicateSelected(): void;
  moveNotes(moves: Array<{ id: string; x: number; y: number }>): void;
  /** Cancels the running pointer gesture (a drag drops its notes back where they were). */
  cancelGesture(): void;
  /** A live drag moved: outlines of other users' selections follow it. */
  dragMoved(): void;
  /** Shows the box-select rectangle (world), or hides it with null. */
  showBox(r: Rect | null): void;
  /** Pointer position in world coordinates for presence, null when it left the canvas. */
  pointerAt(world: Point | null): void;
}

export class InputCommands {
  private space = false;

  constructor(private readonly host: CommandHost) {}

  /** Space held: any drag pans (with a grab cursor). */
  setSpace(on: boolean): void {
    if (this.space === on) return;
    this.space = on;
    this.host.container.style.cursor = on ? 'grab' : '';
  }

  /** Runs a keyboard command; false when the key should keep its browser meaning (Tab past the last note). */
  run(cmd: Command): boolean {
    const h = this.host;
    const selection = h.selection();
    switch (cmd.kind) {
      case 'cycle': {
        const current = selection[selection.length - 1];
        const next = nextInReadingOrder(h.notes.drawnPositions, h.template, current, cmd.dir);
        if (!next) {
          h.setSelection([]);
          return false;
        }
        h.setSelection([next]);
        this.revealNote(next);
        return true;
      }
      case 'add': {
        if (cmd.digit === undefined) {
          h.addNote();
          return true;
        }
        // A number past the kind's regions (7 on a SWOT), or Shift with it where a key has no second
        // region, adds nothing and keeps the key's own meaning.
        const keyFrames = numberKeyFrames(h.template)[cmd.digit - 1];
        const frameId = keyFrames?.[cmd.shift ? 1 : 0];
        if (frameId) h.addNote(frameId);
        return frameId !== undefined;
      }
      case 'delete':
        h.deleteSelected();
        return true;
      case 'duplicate':
        h.duplicateSelected();
        return true;
      case 'edit':
        if (selection.length > 0) h.editNote(selection[selection.length - 1]);
        return true;
      case 'escape':
        if (h.drag.dragging) h.cancelGesture(); // drops the notes back where they were
        else if (h.editingId()) h.closeEditor();
        else h.setSelection([]);
        return true;
      case 'selectAll':
        h.setSelection([...h.notes.zOrder()]);
        return true;
      case 'nudge': {
        const moves = selection.flatMap((id) => {
          const v = h.notes.view(id);
          return v ? [{ id, x: v.x + cmd.dx, y: v.y + cmd.dy }] : [];
        });
        h.moveNotes(moves);
        this.revealNote(selection[selection.length - 1]);
        return true;
      }
    }
  }

  /** What PointerGestures drives: presses, drags and double-clicks as selection, camera and note changes. */
  gestureHost(): GestureHost {
    const h = this.host;
    return {
      camera: () => h.camera(),
      setCamera: (c, user) => h.setCamera(c, user),
      noteAt: (w) => noteAt(h.notes.ids(), h.notes.drawnPositions, w.x, w.y),
      readOnly: () => h.readOnly(),
      spaceHeld: () => this.space,
      selection: () => h.selection(),
      setSelection: (ids) => h.setSelection(ids),
      beginDrag: (ids) => {
        if (h.readOnly() || !h.drag.begin(ids)) return false;
        h.closeEditor();
        return true;
      },
      dragBy: (dx, dy) => {
        h.drag.by(dx, dy);
        h.dragMoved();
      },
      endDrag: (commit) => h.drag.end(commit && !h.readOnly()),
      showBox: (r) => h.showBox(r),
      boxSelect: (r, additive) => {
        const hits = notesInRect(h.notes.zOrder(), h.notes.drawnPositions, r);
        h.setSelection(additive ? [...h.selection(), ...hits] : hits);
      },
      doubleClick: (w, id) => this.doubleClick(w, id),
      hover: (w) => {
        const over = !this.space && noteAt(h.notes.zOrder(), h.notes.drawnPositions, w.x, w.y) !== undefined;
        const cursor = this.space ? 'grab' : over ? (h.readOnly() ? 'pointer' : 'move') : '';
        if (h.container.style.cursor !== cursor) h.container.style.cursor = cursor;
      },
      pointerAt: (w) => h.pointerAt(w),
      focus: () => {
        // focusVisible: false: no focus ring for a mouse or touch press (keyboard focus still shows one).
        if (document.activeElement !== h.container) h.container.focus({ preventScroll: true, focusVisible: false } as FocusOptions);
      },
    };
  }

  /**
   * A double-click on a note edits that note; on empty space it creates one there, beside the
   * notes around rather than over them, so the new note never hides (or gets mistaken for) a
   * neighbour. `noteId` is what the first press hit (PointerGestures).
   */
  private doubleClick(world: Point, noteId: string | undefined): void {
    const h = this.host;
    if (noteId) {
      h.setSelection([noteId]);
      h.editNote(noteId);
      return;
    }
    if (h.readOnly()) return;
    const frame = frameAt(h.template, world.x, world.y);
    if (!frame) return;
    const p = freeSpotNear(frame, world.x, world.y, h.notes.drawnPositions.values());
    h.createNote(frame.id, frame.defaultNoteColor, p.x, p.y);
  }

  /** Pans just enough to bring a note into view (keyboard users cannot see off-screen notes). */
  private revealNote(id: string | undefined): void {
    const p = id ? this.host.notes.drawnPositions.get(id) : undefined;
    const { width, height } = this.host.viewSize();
    const cam = p && panToReveal(this.host.camera(), p, width, height);
    if (cam) this.host.setCamera(cam, true);
  }
}
