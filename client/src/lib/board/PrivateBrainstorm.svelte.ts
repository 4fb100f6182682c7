// The private brainstorm on the board page (issue 10). For a participant: while the canvas in view
// is private, its notes are this participant's private document (its own BoardConnection, opened
// the first time and kept, with its IndexedDB copy for offline edits), and the canvas says "only you
// see these". For the facilitator: the switch (a canvas setting), attributed or anonymous, the
// hidden-note counts per person (polled while the canvas is private; numbers only) and Reveal.
import type * as Y from 'yjs';
import { untrack } from 'svelte';
import { createNote, getNote, listNotes } from '$shared/board/notes.ts';
import type { BoardSnapshot } from '$shared/board/readBoard.ts';
import { noteCanvasId, readCanvases } from '$shared/board/canvases.ts';
import { privateMode, setPrivateMode, type PrivateMode } from '$shared/board/privateNotes.ts';
import { CloseCode, type HiddenNotesResponse, type Role } from '$shared/protocol.ts';
import { notesMap, type CanvasRecord, type Note } from '$shared/board/schema.ts';
import { asApiError, hiddenNotes, revealNotes } from '../api.ts';
import { BoardConnection } from '../sync/BoardConnection.ts';
import { toasts } from '../toast.svelte.ts';
import type { BoardCanvases } from './BoardCanvases.svelte.ts';

/** How often the facilitator's counts are read while a canvas is private. */
const COUNTS_EVERY_MS = 3000;

interface BrainstormHost {
  readonly boardId: string;
  readonly canvases: BoardCanvases;
  readonly session: { session: string; role: Role; name: string; participantId?: string } | null;
  readonly connection: BoardConnection | null;
}

export class PrivateBrainstorm {
  /** This participant's private document, once a private canvas was in view. */
  connection = $state.raw<BoardConnection | null>(null);
  /** The facilitator's counts for the canvas in view (null until read). */
  counts = $state<HiddenNotesResponse | null>(null);
  revealing = $state(false);
  /** The notes of the private document (every canvas), fresh at each change, once it is open. */
  notes = $state.raw<Note[]>([]);

  private timer: ReturnType<typeof setInterval> | undefined;
  private stopWatching: (() => void) | undefined;

  constructor(private readonly host: BrainstormHost) {}

  /** The private mode of the canvas in view. */
  get mode(): PrivateMode {
    return privateMode(this.host.canvases.current);
  }

  /**
   * This user's new notes on the canvas in view go to their private document. Derived, so whoever
   * depends on it (the canvas view, which restarts its renderer) reacts when it flips, not at every
   * change of the canvas record (its note counts).
   */
  readonly hiddenHere: boolean = $derived.by(() => this.mode.on && this.hides());

  /** The document the canvas in view draws its notes from and writes them to (null: the board). */
  get notesDoc(): Y.Doc | null {
    if (!this.hiddenHere) return null;
    return this.open()?.doc ?? null;
  }

  /**
   * Where this user's new note on `canvas` goes (any canvas: the outline adds to every one): their
   * private connection while it is private, else null (the board, which refuses a participant's new
   * note on a private canvas).
   */
  connectionOn(canvas: CanvasRecord): BoardConnection | null {
    return privateMode(canvas).on && this.hides() ? this.open() : null;
  }

  /**
   * The server refused this participant's board replica (`BoardConnectionOptions.onDiscard`): the
   * notes this device made in it that the server never stored, on a canvas private by now (made offline before the canvas
   * turned private, which refuses them on the board), go into their private document instead of
   * going with the replica. Returns how many.
   */
  keepRefusedNotes(doc: Y.Doc, unsavedItem: (id: Y.ID) => boolean): number {
    if (!this.hides()) return 0;
    const canvases = readCanvases(doc);
    const unsaved = listNotes(doc).filter((n) => {
      const item = (notesMap(doc).get(n.id) as Y.Map<unknown> | undefined)?._item;
      const canvas = canvases.find((c) => c.id === noteCanvasId(n, canvases));
      return item && unsavedItem(item.id) && privateMode(canvas).on;
    });
    const own = unsaved.length > 0 ? this.open() : null;
    if (!own) return 0;
    own.doc.transact(() => {
      for (const n of unsaved) if (!getNote(own.doc, n.id)) createNote(own.doc, n, own.origin);
    }, own.origin);
    return unsaved.length;
  }

  /**
   * The private connection when the notes this user sees on `canvas` are their hidden ones (a
   * participant on a private canvas, the document open), else null: the board's notes. Opens
   * nothing, so views may call it while they render; `openWhenPrivate` opens it.
   */
  seenOn(canvas: CanvasRecord): BoardConnection | null {
    return privateMode(canvas).on && this.hides() ? this.connection : null;
  }

  /** This participant's hidden notes on a canvas, in the private document (resolved against the board's canvases). */
  notesOn(canvasId: string): Note[] {
    const canvases = this.host.canvases.all;
    return this.notes.filter((n) => noteCanvasId(n, canvases) === canvasId);
  }

  /**
   * The board as this user sees it, for counts (the navigator): on a canvas whose notes are this
   * participant's hidden ones, those (as on the canvas and in the outline), elsewhere the board's.
   */
  seen(board: BoardSnapshot): BoardSnapshot {
    const own = board.canvases.filter((c) => this.seenOn(c)).map((c) => c.id);
    if (own.length === 0) return board;
    return { ...board, notesOf: (canvasId) => (own.includes(canvasId) ? this.notesOn(canvasId) : board.notesOf(canvasId)) };
  }

  /**
   * Opens the private document once a canvas on the board is private for this participant, so the
   * outline and the navigator show their hidden notes there, not only the canvas in view. From an effect.
   */
  openWhenPrivate(): void {
    if (this.hides() && this.host.canvases.all.some((c) => c.removedAt === null && privateMode(c).on)) untrack(() => this.open());
  }

  /** A participant's new notes on a private canvas are hidden (a facilitator's go to the board). */
  private hides(): boolean {
    return this.host.session?.role === 'participant' && !!this.host.session.participantId;
  }

  /** The private connection (opened on first use). */
  open(): BoardConnection | null {
    const s = this.host.session;
    if (!s?.participantId || s.role !== 'participant') return null;
    if (!this.connection) {
      const conn = new BoardConnection({
        boardId: this.host.boardId,
        session: s.session,
        user: { name: s.name, role: s.role },
        privateOf: s.participantId,
      });
      // The board's connection reports session and network trouble; this one adds only what is its
      // own (its 1 MiB cap: 4409, or 4403 if the server sees another participant), once each.
      let told: unknown = null;
      // `notes` follows the document, also the fresh one a refused update leaves (`state.generation`).
      let bound: Y.Doc | null = null;
      const read = () => (this.notes = listNotes(conn.doc));
      const stopReading = () => bound && notesMap(bound).unobserveDeep(read);
      const stopState = conn.state.subscribe((state) => {
        if (bound !== conn.doc) {
          stopReading();
          bound = conn.doc;
          notesMap(bound).observeDeep(read);
          read();
        }
        if (!state.fatal || state.fatal === told) return;
        told = state.fatal;
        if (state.fatal.code === CloseCode.BoardFull || state.fatal.code === CloseCode.Forbidden) toasts.show(`error.${state.fatal.error}`);
      });
      this.stopWatching = () => {
        stopState();
        stopReading();
      };
      this.connection = conn;
    }
    return this.connection;
  }

  /** The facilitator turns the canvas in view private or public, or switches attributed/anonymous. */
  setMode(mode: PrivateMode): void {
    const conn = this.host.connection;
    const canvas = this.host.canvases.current;
    if (!conn || !canvas || this.host.session?.role !== 'facilitator') return;
    setPrivateMode(conn.doc, canvas.id, mode, conn.origin);
  }

  /** Keeps the counts fresh while the facilitator has a private canvas in view; returns the stop. */
  watchCounts(canvasId: string): () => void {
    this.stopCounts();
    this.counts = null;
    const read = async () => {
      const s = this.host.session;
      if (!s || s.role !== 'facilitator') return;
      try {
        const counts = await hiddenNotes(this.host.boardId, canvasId, s.session);
        if (this.host.canvases.current?.id === canvasId) this.counts = counts;
      } catch {
        // Offline or the server restarts: the next round tries again; the last counts stay.
      }
    };
    void read();
    this.timer = setInterval(() => void read(), COUNTS_EVERY_MS);
    return () => this.stopCounts();
  }

  private stopCounts(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async reveal(): Promise<void> {
    const s = this.host.session;
    const canvas = this.host.canvases.current;
    if (!s || !canvas || this.revealing) return;
    this.revealing = true;
    try {
      const result = await revealNotes(this.host.boardId, canvas.id, s.session);
      toasts.notice(result.attributed ? 'private.revealed' : 'private.revealedAnonymous', { count: result.revealed });
      this.counts = { canvasId: canvas.id, people: [], total: 0 };
    } catch (e) {
      const err = asApiError(e);
      toasts.show(`error.${err.code}`, { detail: err.message });
    } finally {
      this.revealing = false;
    }
  }

  destroy(): void {
    this.stopCounts();
    this.stopWatching?.();
    this.connection?.destroy();
    this.connection = null;
  }
}
