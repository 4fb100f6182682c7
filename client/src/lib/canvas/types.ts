// Contract between the Svelte chrome and the Konva renderer. The renderer never imports Svelte;
// Svelte components never touch Konva nodes. They talk through this interface only.
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { Template } from '$shared/templates/index.ts';
import type { Note, NoteColor } from '$shared/board/schema.ts';
import type { Locale } from '$shared/protocol.ts';
import type { KeptCamera } from './camera.ts';

/** What this browser's user publishes through awareness (y-protocols) besides the y-websocket defaults. */
export interface PresenceState {
  /** Name and role are the server's (from the session); the colour is one nobody else present shows (ColorClaim). */
  user: { name: string; color: string; role: string; joinedAt: number };
  /**
   * Id of the canvas this user has in view (set by the board chrome): cursors, selections and live
   * drags are world coordinates of that canvas, so other canvases' views do not draw them.
   */
  canvas: string | null;
  /** World coordinates of the pointer, or null when outside the canvas. Throttled (~20/s). */
  cursor: { x: number; y: number } | null;
  /** Live drag: note id to world position while dragging; written to Yjs only on drop. */
  dragging: Record<string, { x: number; y: number }> | null;
  /** Visible world rectangle, so others can follow this user's view. */
  viewport: { x: number; y: number; width: number; height: number } | null;
  /** Ids of notes this user has selected (others see an outline in this user's colour and name). */
  selection: string[];
  /** The note this user is typing in (others see "Ann is typing" and are asked before deleting it). */
  editing: string | null;
}

export interface RendererOptions {
  container: HTMLDivElement;
  /** Where the notes are: the board, or this participant's private document (issue 10). */
  doc: Y.Doc;
  /** The board, when `doc` is a private document: its canvases and title are read from here. */
  boardDoc?: Y.Doc;
  awareness: Awareness;
  /** The canvas this renderer shows: only its notes are drawn, new notes are put on it. */
  canvasId: string;
  /** The regions of the canvas's kind (`CanvasKind.layout`). */
  template: Template;
  locale: Locale;
  readOnly: boolean;
  /** Display name of this user, stored as `author` on notes they create. */
  userName: string;
  /** Transaction origin for every local change, tracked by the per-user Y.UndoManager. */
  origin: object;
  /**
   * Screen pixels at the bottom of the canvas covered by floating chrome (the quadrant jump bar):
   * fitting the board or a frame leaves them free. Default 0. Following another user ignores it.
   */
  bottomInset?: number;
  /** Where this user last looked on the canvas (`keptCamera()` of its previous renderer): shown instead of the first fit. */
  camera?: KeptCamera;
}

export interface RendererEvents {
  /** Selected note ids changed (toolbar shows colour / delete / duplicate). */
  selectionChange: (ids: string[]) => void;
  /** Zoom level changed (1 = 100%). */
  zoomChange: (scale: number) => void;
  /** Followed user went away or the local user panned: following stops. */
  followEnd: () => void;
  /** Delete of notes other people are typing in: the chrome asks, then calls `deleteNotes(ids)`. */
  deleteNeedsConfirm: (request: { ids: string[]; editors: string[] }) => void;
  /** This user deleted notes (Delete key, toolbar, a confirmed delete): as they were, for an Undo notice. */
  notesDeleted: (notes: Note[]) => void;
}

export interface BoardRendererApi {
  on<E extends keyof RendererEvents>(event: E, fn: RendererEvents[E]): () => void;
  /**
   * Creates a note and opens it for editing: in `frameId`, or in the intended quadrant (the one in
   * view, the selected note's, the one this user last worked in, the first), near the view centre when
   * that is in the quadrant, beside the notes already there.
   */
  addNote(frameId?: string): string | undefined;
  /** Arranges the selection's quadrants (else the one in view, else all) in a grid: one undo step, animated for everyone. */
  tidyUp(): void;
  /** Opens the in-place text editor on a note, caret at the end. */
  editNote(id: string): void;
  getSelection(): string[];
  /** Where a note stands in the reading order Tab walks: its region, and its place among that region's notes (1-based). */
  readingPlace(id: string): { frameId: string | null; index: number; total: number } | undefined;
  setSelection(ids: string[]): void;
  setSelectedColor(color: NoteColor): void;
  /** Deletes the selection, or asks through `deleteNeedsConfirm` when someone else is typing in it. */
  deleteSelected(): void;
  /** Deletes these notes without asking (after the user confirmed). */
  deleteNotes(ids: string[]): void;
  duplicateSelected(): void;
  zoomToFit(): void;
  /** Fits one frame (e.g. `swot.threats`) to the view: on a phone one quadrant is readable, four are not. */
  zoomToFrame(frameId: string): void;
  zoomBy(factor: number): void;
  /** The camera this user moved to, to show again when the canvas comes back into view; null while the renderer fits by itself. */
  keptCamera(): KeptCamera | null;
  setCursorsHidden(hidden: boolean): void;
  /** Follow another user's viewport (awareness client id); null stops following. */
  follow(clientId: number | null): void;
  setLocale(locale: Locale): void;
  /** `canAdd` false: notes can be moved and edited but not added or duplicated (an agenda phase, issue 10). */
  setReadOnly(readOnly: boolean, canAdd?: boolean): void;
  /** PNG of the whole board (all frames and notes) as a data URL. */
  toPNG(pixelRatio?: number): string;
  /** Ids of notes that currently have a Konva node, in drawing order (tests and bench). */
  renderedNoteIds(): string[];
  /** Draw counters for benchmarks: how often each layer and how many note shapes were drawn. */
  stats(): RendererStats;
  destroy(): void;
}

export interface RendererStats {
  /** Layer name (`background`, `notes`, `drag`, `overlay`) to number of draws since construction. */
  layerDraws: Record<string, number>;
  /** Note groups drawn since construction (a full notes-layer redraw adds every visible note). */
  noteDraws: number;
  /** Notes drawn as plain rectangles since construction (a moving camera over a crowded view). */
  plainNoteDraws: number;
  /** The notes show full detail now (false while a moving camera or a crowded view's bitmap in progress shows plain notes). */
  fullDetail: boolean;
}
