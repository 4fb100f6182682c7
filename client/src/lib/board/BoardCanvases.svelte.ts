// The board's canvases as the page sees them: the board read from its document, which canvas is in
// view (the address asks, `?canvas=<id>`), and the facilitator's structure changes. Part of the
// board page's state (BoardController owns one); components read it as `board.canvases`.
import { addCanvas, moveCanvas, removeCanvas, renameCanvas, restoreCanvas } from '$shared/board/canvases.ts';
import { readBoard, type BoardSnapshot } from '$shared/board/readBoard.ts';
import type { CanvasRecord } from '$shared/board/schema.ts';
import { canvasKind } from '$shared/canvases/registry.ts';
import { translate } from '$shared/i18n/index.ts';
import type { BoardConnection } from '../sync/BoardConnection.ts';
import { i18n } from '../i18n.svelte.ts';
import { canvasFromSearch, withCanvas } from '../navigator/canvasAddress.ts';
import { resolveCanvas } from '../navigator/navigatorModel.ts';
import { watchBoard } from './watchBoard.ts';

/** Longest canvas title the facilitator can give (the navigator cuts long ones visually anyway). */
export const CANVAS_TITLE_MAX = 100;

export class BoardCanvases {
  /** The board read from its document (canvases, notes per canvas), refreshed as it changes (watchBoard.ts). */
  snapshot = $state.raw<BoardSnapshot | null>(null);
  /** The canvas the address asks for (`?canvas=`); the one shown is `current`. */
  requested = $state<string | null>(typeof location === 'undefined' ? null : canvasFromSearch(location.search));
  /** All canvases in board order, removed ones included; empty until the document has them. */
  all = $derived<readonly CanvasRecord[]>(this.snapshot?.canvases ?? []);
  /** The canvas in view: the one asked for, else a fallback (navigatorModel.ts, resolveCanvas). */
  current = $derived(resolveCanvas(this.all, this.requested));
  /** The note regions of the current canvas's kind: none for a kind without notes (the matrix). */
  currentFrames = $derived((this.current && canvasKind(this.current.kind)?.layout.frames) || []);

  private connection: BoardConnection | null = null;
  /**
   * Origin of canvas structure changes. Not the user's undo origin: a structure change also writes
   * `canvas` into notes that had none (pinning them), and Ctrl+Z should not undo that. A misclicked
   * removal is undone with "Restore" instead.
   */
  private readonly structureOrigin = Object.freeze({ kind: 'canvas-structure' });

  /** `isFacilitator`: only a facilitator's page offers structure changes (the server enforces it too). */
  constructor(private readonly isFacilitator: () => boolean) {}

  /** Follows a connection's document; returns what stops it. */
  attach(conn: BoardConnection): () => void {
    this.connection = conn;
    const stopWatching = watchBoard(
      conn.doc,
      (origin) => origin === conn.origin || origin === this.structureOrigin,
      (board) => {
        this.snapshot = board;
        this.sync();
      },
    );
    // A canvas the local copy does not know yet may arrive with the server's state: decide only then.
    const onSynced = () => this.sync();
    conn.provider.on('sync', onSynced);
    return () => {
      stopWatching();
      conn.provider.off('sync', onSynced);
      if (this.connection === conn) this.connection = null;
      this.snapshot = null;
    };
  }

  /** Brings a canvas into view (navigator, following) and puts it in the address. */
  select(id: string): void {
    this.requested = id;
    this.sync();
  }

  /** The title a new canvas of `kind` gets when the facilitator gives none: its kind's name in the board's language. */
  defaultTitle(kind: string): string {
    const k = canvasKind(kind);
    return k ? translate(this.snapshot?.locale ?? i18n.current, k.titleKey) : kind;
  }

  /** Adds a canvas at the end and brings it into view. Returns its id. */
  add(kind: string, title: string): string | undefined {
    const doc = this.editableDoc();
    if (!doc || !canvasKind(kind)) return undefined;
    const name = title.trim().slice(0, CANVAS_TITLE_MAX) || this.defaultTitle(kind);
    const id = addCanvas(doc, { kind, title: name }, this.structureOrigin);
    this.changed();
    this.select(id);
    return id;
  }

  /** Renames a canvas; an empty name is refused (returns false) and the old one stays. */
  rename(id: string, title: string): boolean {
    const doc = this.editableDoc();
    const name = title.trim().slice(0, CANVAS_TITLE_MAX);
    if (!doc || !name) return false;
    renameCanvas(doc, id, name, this.structureOrigin);
    this.changed();
    return true;
  }

  /** Moves a canvas to `index` among the canvases on the board (0 is first). */
  move(id: string, index: number): void {
    const doc = this.editableDoc();
    if (!doc) return;
    moveCanvas(doc, id, index, this.structureOrigin);
    this.changed();
  }

  /** Takes a canvas off the board; nothing of it is deleted, `restore` brings it back. */
  remove(id: string): void {
    const doc = this.editableDoc();
    if (!doc) return;
    removeCanvas(doc, id, this.structureOrigin);
    this.changed();
  }

  restore(id: string): void {
    const doc = this.editableDoc();
    if (!doc) return;
    restoreCanvas(doc, id, this.structureOrigin);
    this.changed();
  }

  private editableDoc() {
    return this.isFacilitator() ? (this.connection?.doc ?? null) : null;
  }

  /**
   * Reads the board at once after this user's structure change (watchBoard would a moment later):
   * the canvas just added must be known before it is brought into view.
   */
  private changed(): void {
    if (!this.connection) return;
    this.snapshot = readBoard(this.connection.doc);
    this.sync();
  }

  /**
   * Keeps the address (`?canvas=`) and this user's awareness (`canvas`, so others draw our cursor
   * only on that canvas) in step with the canvas in view. An id the local copy does not know stays
   * asked for until the server's state is in: it may be a canvas added since this browser last synced.
   */
  private sync(): void {
    const conn = this.connection;
    const current = this.current;
    if (!conn || !current) return;
    if (conn.awareness.getLocalState()?.canvas !== current.id) conn.awareness.setLocalStateField('canvas', current.id);
    if (current.id !== this.requested) {
      if (this.requested !== null && !conn.provider.synced) return;
      // From now on this is the canvas asked for: restoring a removed one does not pull everyone back.
      this.requested = current.id;
    }
    const href = withCanvas(location.href, current.id);
    if (href !== location.href) history.replaceState(history.state, '', href);
  }
}
