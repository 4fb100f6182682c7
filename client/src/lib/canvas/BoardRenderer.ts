// The Konva canvas of one canvas of a board (a SWOT): owns the stage and its layers, follows the
// Yjs document and the awareness states, and makes board operations (shared/src/board) with
// `options.origin`, so the chrome's per-user UndoManager tracks exactly these changes. It draws only
// the notes of its canvas (`noteCanvasId`) and the people who have that canvas in view. Keyboard and pointer input are turned
// into those operations by InputCommands, through the narrow CommandHost view of this class.
import Konva from 'konva';
import * as Y from 'yjs';
import { createNote, deleteNotes, duplicateNotes, getNote, moveNotes, setNotesColor, tidyFrames, freeGridSlot } from '$shared/board/notes.ts';
import { canvasesMap, metaMap, notesMap, NOTE_HEIGHT, NOTE_WIDTH, type CanvasRecord, type Note, type NoteColor } from '$shared/board/schema.ts';
import { noteCanvasId, readCanvases } from '$shared/board/canvases.ts';
import { frameAt, frameById, numberKeyFrames, type Template } from '$shared/templates/index.ts';
import { translate } from '$shared/i18n/index.ts';
import type { Locale } from '$shared/protocol.ts';
import type { BoardRendererApi, RendererEvents, RendererOptions, RendererStats, PresenceState } from './types.ts';
import { DrawStats } from './DrawStats.ts';
import { NoteLayer } from './NoteLayer.ts';
import { TemplateBackground } from './TemplateBackground.ts';
import { PresenceOverlay } from './PresenceOverlay.ts';
import { NoteEditor } from './NoteEditor.ts';
import { NoteDrag } from './NoteDrag.ts';
import { exportPng, type ExportHeading } from './exportPng.ts';
import { PointerGestures } from './PointerGestures.ts';
import { InputCommands, type CommandHost } from './InputCommands.ts';
import {
  boardCamera,
  cameraBetween,
  easeInOut,
  editorBox,
  fitRect,
  frameCamera,
  initialCamera,
  keepCamera,
  restoreCamera,
  visibleWorld,
  zoomAround,
  MAX_SCALE,
  type Camera,
  type KeptCamera,
} from './camera.ts';
import { boundsOf, freeSpotNear, membershipChanges, readingPlace, type Rect } from './noteView.ts';
import { editorsOf, remoteDragPositions, remoteUsers, usersOnCanvas, type RemoteUser } from './presenceView.ts';
import { CONCURRENT_ADD_MS, frameInView, framesToTidy, intendedFrame, notesToMakeRoom } from './notePlacement.ts';
import { KeyboardInput } from './KeyboardInput.ts';
import { throttle } from './throttle.ts';

type Listener = (...args: never[]) => void;

/** Presence rates: cursors ~20/s, viewport (for followers) ~10/s; live drags: NoteDrag. */
const CURSOR_MS = 50;
const VIEWPORT_MS = 100;
/** A camera that has not moved for this long is at rest: crowded views get their text back. */
const SETTLE_MS = 150;
const MAX_PIXEL_RATIO = 2;
/** The note editor is shown at least at this zoom, so typing stays readable when zoomed out. */
const EDITOR_MIN_SCALE = 1;
/** zoomToFrame glides this long (instant when the user asked for reduced motion). */
const FRAME_ANIMATION_MS = 250;

export class BoardRenderer implements BoardRendererApi {
  private readonly container: HTMLDivElement;
  private readonly doc: Y.Doc;
  /** The board document: canvases and title (the same as `doc` unless the notes are private, issue 10). */
  private readonly boardDoc: Y.Doc;
  private readonly canvasId: string;
  /** The board's canvases, for the rule that puts notes without a stored `canvas` on one. */
  private canvases: CanvasRecord[];
  private readonly awareness: RendererOptions['awareness'];
  private readonly template: Template;
  private readonly origin: object;
  private readonly userName: string;
  private locale: Locale;
  private readOnly: boolean;
  /** New notes (add, duplicate): a phase may allow moving notes but not adding (issue 10). */
  private canAdd = true;
  /** Screen pixels at the bottom that fits leave free (floating jump bar). */
  private readonly bottomInset: number;

  private readonly stage: Konva.Stage;
  private readonly background: TemplateBackground;
  private readonly drawStats = new DrawStats();
  private readonly notes = new NoteLayer(this.drawStats.noteDrawScene, (n) => this.isOnCanvas(n), this.drawStats.countPlain);
  private readonly drag = new NoteDrag(
    this.notes,
    (moves) => this.moveOwn(moves),
    (d) => this.setPresence('dragging', d),
  );
  private readonly overlay = new PresenceOverlay();
  private readonly editor: NoteEditor;
  private readonly gestures: PointerGestures;
  private readonly input: InputCommands;
  private readonly keyboard: KeyboardInput;
  private readonly resizeObserver: ResizeObserver;

  private cam: Camera = { x: 0, y: 0, scale: 1 };
  /** Set once this user pans or zooms: until then the board stays fitted to the view (layout may still settle). */
  private userMoved = false;
  /** The container had no size yet (hidden): fit when it gets one. */
  private fitPending = true;
  /** The camera to show first instead of the fit (RendererOptions.camera). */
  private restored: KeptCamera | null;
  private selection: string[] = [];
  /** The frame this user last added a note to: where the next one goes when nothing else says. */
  private lastFrame: string | undefined;
  /** Notes this user added, with when and where (makeRoom): one moved since, by anyone, is placed by hand. */
  private readonly recentAdds = new Map<string, { at: number; x: number; y: number }>();
  /** Origin of moves made for this user but not by them (makeRoom): not in their undo history. */
  private readonly placementOrigin = { placement: true };
  /** Everyone else on the board (following works across canvases: the chrome switches canvas). */
  private allUsers: RemoteUser[] = [];
  /** Those of `allUsers` who have this canvas in view: their cursors and selections are drawn. */
  private users: RemoteUser[] = [];
  private followId: number | null = null;
  private readonly listeners = new Map<keyof RendererEvents, Set<Listener>>();
  private destroyed = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** requestAnimationFrame id of a running zoomToFrame glide, 0 when none. */
  private glide = 0;

  private readonly publishCursor = throttle((p: { x: number; y: number } | null) => this.setPresence('cursor', p), CURSOR_MS);
  private readonly publishViewport = throttle(() => this.setPresence('viewport', this.viewport()), VIEWPORT_MS);

  private readonly onNotes = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => this.notesChanged(events);
  /** A hidden tab (phone locked, another tab) leaves its cursor frozen on everyone's screen: take it away. */
  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.publishCursor(null);
  };
  private readonly onCanvases = () => this.canvasesChanged();
  private readonly onAwareness = (change: { added: number[]; updated: number[]; removed: number[] }) => this.awarenessChanged(change);

  constructor(options: RendererOptions) {
    this.container = options.container;
    this.doc = options.doc;
    this.boardDoc = options.boardDoc ?? options.doc;
    this.canvasId = options.canvasId;
    this.canvases = readCanvases(this.boardDoc);
    this.awareness = options.awareness;
    this.template = options.template;
    this.origin = options.origin;
    this.userName = options.userName;
    this.locale = options.locale;
    this.readOnly = options.readOnly;
    this.bottomInset = Math.max(0, options.bottomInset ?? 0);
    this.restored = options.camera ?? null;
    this.notes.setLanguage(String(metaMap(this.boardDoc).get('language') ?? options.locale));

    const c = this.container;
    if (getComputedStyle(c).position === 'static') c.style.position = 'relative';
    c.style.overflow = 'hidden';
    // The canvas handles every touch gesture itself (pinch, pan); the browser must not scroll or zoom.
    c.style.touchAction = 'none';
    c.style.userSelect = 'none';
    c.tabIndex = 0;
    c.setAttribute('role', 'application');
    c.dataset.testid = c.dataset.testid ?? 'board-canvas';

    // Phones report a device pixel ratio of 3 and more; 2 looks the same on notes and costs less
    // than half the pixels to fill.
    Konva.pixelRatio = Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO);
    this.stage = new Konva.Stage({ container: c, width: c.clientWidth || 1, height: c.clientHeight || 1, listening: false });
    this.background = new TemplateBackground(this.template, this.locale);
    this.stage.add(this.background.layer, this.notes.layer, this.notes.dragLayer, this.overlay.layer);
    this.notes.addAbove(this.background.headers);
    this.drawStats.watchLayer('background', this.background.layer);
    this.drawStats.watchLayer('notes', this.notes.layer);
    this.drawStats.watchLayer('drag', this.notes.dragLayer);
    this.drawStats.watchLayer('overlay', this.overlay.layer);

    this.editor = new NoteEditor(c, this.doc, this.origin, () => this.editorClosed(), this.notes.fontFit);
    this.applyLabels();
    this.input = new InputCommands(this.commandHost());
    this.gestures = new PointerGestures(c, this.input.gestureHost());

    this.notes.load(notesMap(this.doc));
    notesMap(this.doc).observeDeep(this.onNotes);
    canvasesMap(this.boardDoc).observeDeep(this.onCanvases);
    this.awareness.on('change', this.onAwareness);
    this.updateCount();

    this.awareness.setLocalStateField('cursor', null);
    this.awareness.setLocalStateField('dragging', null);
    this.awareness.setLocalStateField('selection', []);
    this.awareness.setLocalStateField('editing', null);
    this.refreshPresence();

    this.keyboard = new KeyboardInput({
      container: c,
      editor: this.editor.textarea,
      readOnly: () => this.readOnly,
      hasSelection: () => this.selection.length > 0,
      run: (cmd) => !this.destroyed && this.input.run(cmd),
      setSpace: (on) => this.input.setSpace(on),
    });
    document.addEventListener('visibilitychange', this.onVisibility);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(c);
    this.resize();
    // The chrome subscribes right after construction; tell it the zoom the initial fit chose.
    queueMicrotask(() => {
      if (!this.destroyed) this.emit('zoomChange', this.cam.scale);
    });
  }

  // ---- public API (types.ts) ----

  on<E extends keyof RendererEvents>(event: E, fn: RendererEvents[E]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as Listener);
    return () => set.delete(fn as Listener);
  }

  addNote(frameId?: string): string | undefined {
    if (this.readOnly || !this.canAdd) return undefined;
    const view = visibleWorld(this.cam, this.stage.width(), this.stage.height());
    const last = this.selection[this.selection.length - 1];
    const selectedFrame = last === undefined ? undefined : getNote(this.doc, last)?.frame;
    const frame =
      (frameId !== undefined ? frameById(this.template, frameId) : undefined) ??
      intendedFrame(this.template.frames, view, selectedFrame, this.lastFrame);
    if (!frame) return undefined;
    const center = { x: view.x + view.width / 2, y: view.y + view.height / 2 };
    // Near the view centre when the user looks at that quadrant; else its first free grid slot.
    const { x, y } =
      frameInView(this.template.frames, view) === frame && frameAt(this.template, center.x, center.y) === frame
        ? freeSpotNear(frame, center.x, center.y, this.notes.drawnPositions.values())
        : freeGridSlot(frame, [...this.notes.drawnPositions.values()]);
    return this.createAt(frame.id, frame.defaultNoteColor, x, y);
  }

  tidyUp(): void {
    if (this.readOnly) return;
    const selectedFrames = this.selection.flatMap((id) => getNote(this.doc, id)?.frame ?? []);
    const view = visibleWorld(this.cam, this.stage.width(), this.stage.height());
    tidyFrames(this.doc, this.template, framesToTidy(this.template.frames, view, selectedFrames), this.canvasId, this.origin);
  }

  editNote(id: string): void {
    if (this.readOnly || !this.notes.has(id)) return;
    if (this.editor.editingId === id) return;
    const placement = this.editorPlacement(id);
    if (!placement) return;
    if (this.editor.open(id, placement)) {
      this.notes.setEditing(id);
      this.setPresence('editing', id);
    }
  }

  getSelection(): string[] {
    return this.selection.slice();
  }

  readingPlace(id: string): { frameId: string | null; index: number; total: number } | undefined {
    return readingPlace(this.notes.drawnPositions, this.template, id);
  }

  setSelection(ids: string[]): void {
    const next = [...new Set(ids)].filter((id) => this.notes.has(id));
    if (next.length === this.selection.length && next.every((id, i) => id === this.selection[i])) return;
    this.selection = next;
    this.notes.setSelected(next);
    this.setPresence('selection', next);
    this.emit('selectionChange', next.slice());
  }

  setSelectedColor(color: NoteColor): void {
    if (this.readOnly || this.selection.length === 0) return;
    setNotesColor(this.doc, this.selection, color, this.origin);
  }

  deleteSelected(): void {
    if (this.readOnly || this.selection.length === 0) return;
    const ids = this.selection.slice();
    // Someone else is typing in one of them: the chrome asks first, then calls deleteNotes.
    const editors = editorsOf(this.users, ids);
    if (editors.length > 0) this.emit('deleteNeedsConfirm', { ids, editors });
    else this.deleteNotes(ids);
  }

  deleteNotes(ids: string[]): void {
    if (this.readOnly || ids.length === 0) return;
    if (this.editor.editingId && ids.includes(this.editor.editingId)) this.editor.close();
    const gone = ids.flatMap((id) => getNote(this.doc, id) ?? []);
    deleteNotes(this.doc, ids, this.origin);
    if (gone.length > 0) this.emit('notesDeleted', gone);
  }

  duplicateSelected(): void {
    if (this.readOnly || !this.canAdd || this.selection.length === 0) return;
    const copies = duplicateNotes(this.doc, this.template, this.selection, this.userName, this.origin);
    this.setSelection(copies);
  }

  keptCamera(): KeptCamera | null {
    if (!this.userMoved || this.fitPending) return this.restored;
    return keepCamera(this.cam, this.stage.width(), this.stage.height());
  }

  zoomToFit(): void {
    this.setCamera(boardCamera(this.boardBounds(), this.stage.width(), this.stage.height(), this.bottomInset), true);
  }

  zoomToFrame(frameId: string): void {
    const frame = frameById(this.template, frameId);
    if (!frame || this.destroyed) return;
    const w = this.stage.width();
    const h = this.stage.height();
    const target = frameCamera(frame, w, h, this.bottomInset);
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (reduced || this.fitPending) {
      this.setCamera(target, true);
      return;
    }
    // A user camera change like a zoom: stops following and the refit on resize, then glides.
    this.stopGlide();
    this.userTookCamera();
    const from = { ...this.cam };
    const start = performance.now();
    const step = (now: number) => {
      const t = Math.min(1, (now - start) / FRAME_ANIMATION_MS);
      this.glide = t < 1 ? requestAnimationFrame(step) : 0;
      this.applyCamera(cameraBetween(from, target, easeInOut(t), w, h), t < 1);
    };
    this.glide = requestAnimationFrame(step);
  }

  zoomBy(factor: number): void {
    const at = { x: this.stage.width() / 2, y: this.stage.height() / 2 };
    this.setCamera(zoomAround(this.cam, at, factor), true);
  }

  setCursorsHidden(hidden: boolean): void {
    this.overlay.setHidden(hidden);
  }

  follow(clientId: number | null): void {
    this.followId = clientId === this.awareness.clientID ? null : clientId;
    if (this.followId !== null) this.applyFollow();
  }

  setLocale(locale: Locale): void {
    this.locale = locale;
    this.background.render(locale);
    this.applyLabels();
    this.refreshPresence();
  }

  /** Accessible names in the current locale (the chrome's language switch calls setLocale). */
  private applyLabels(): void {
    this.container.setAttribute('aria-roledescription', translate(this.locale, 'canvas.roleDescription'));
    // Keys 1-9 add a note in the kind's regions (shortcuts.ts); the 7S's Shift+key its second ones.
    const numbered = numberKeyFrames(this.template).map(([id]) => frameById(this.template, id)!);
    const shift = this.template.numberKeys ? `; ${translate(this.locale, this.template.numberKeys.shiftKey)}` : '';
    const regions = numbered.map((f) => translate(this.locale, f.labelKey)).join(', ') + shift;
    // A viewer cannot edit: their label lists only the keys that look around.
    this.container.setAttribute('aria-label', translate(this.locale, this.readOnly ? 'canvas.labelReadOnly' : 'canvas.label', { last: numbered.length, regions }));
    this.editor.setLabel(translate(this.locale, 'canvas.noteEditor'));
    this.overlay.setTypingLabel((name) => translate(this.locale, 'presence.typing', { name }));
  }

  setReadOnly(readOnly: boolean, canAdd = !readOnly): void {
    this.readOnly = readOnly;
    this.canAdd = canAdd && !readOnly;
    this.applyLabels();
    if (readOnly) {
      this.gestures.cancel();
      this.editor.close();
      this.drag.end(false);
    }
  }

  toPNG(pixelRatio = 2): string {
    const saved = { ...this.cam };
    this.overlay.layer.visible(false);
    this.notes.setSelected([]);
    this.notes.setViewport(null, 1);
    this.notes.showFullText(true);
    try {
      return exportPng(this.stage, this.background.layer, this.boardBounds(), pixelRatio, this.exportHeading(), (c) => this.placeCamera(c));
    } finally {
      this.notes.showFullText(false);
      this.overlay.layer.visible(true);
      this.notes.setSelected(this.selection);
      this.applyCamera(saved);
    }
  }

  /** Board title, then the canvas's title and the date, in the user's language. */
  private exportHeading(): ExportHeading {
    const boardTitle = metaMap(this.boardDoc).get('title');
    const canvas = this.canvases.find((c) => c.id === this.canvasId);
    const canvasTitle = canvas?.title || translate(this.locale, this.template.titleKey);
    const date = new Intl.DateTimeFormat(this.locale, { dateStyle: 'long' }).format(new Date());
    return {
      title: typeof boardTitle === 'string' && boardTitle !== '' ? boardTitle : canvasTitle,
      subtitle: `${canvasTitle} · ${translate(this.locale, 'export.date', { date })}`,
    };
  }

  renderedNoteIds(): string[] {
    return this.notes.ids();
  }

  stats(): RendererStats {
    return { ...this.drawStats.snapshot(), fullDetail: this.notes.fullDetail };
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.gestures.cancel();
    this.gestures.destroy();
    this.editor.destroy();
    this.publishCursor.cancel();
    this.drag.destroy();
    this.publishViewport.cancel();
    notesMap(this.doc).unobserveDeep(this.onNotes);
    canvasesMap(this.boardDoc).unobserveDeep(this.onCanvases);
    this.awareness.off('change', this.onAwareness);
    this.keyboard.destroy();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.resizeObserver.disconnect();
    clearTimeout(this.settleTimer);
    this.stopGlide();
    if (this.awareness.getLocalState() !== null) {
      this.awareness.setLocalStateField('cursor', null);
      this.awareness.setLocalStateField('dragging', null);
      this.awareness.setLocalStateField('selection', []);
      this.awareness.setLocalStateField('editing', null);
    }
    this.stage.destroy();
    this.listeners.clear();
  }

  // ---- document and presence ----

  private notesChanged(events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void {
    this.notesRedrawn(this.notes.apply(notesMap(this.doc), events));
    if (this.recentAdds.size > 0 && events.some((e) => !e.transaction.local)) this.makeRoom();
  }

  /** A move by this user (drag, arrow keys): a note placed by hand is no longer "just added". */
  private moveOwn(moves: Array<{ id: string; x: number; y: number }>): void {
    for (const m of moves) this.recentAdds.delete(m.id);
    moveNotes(this.doc, this.template, moves, this.origin);
  }

  /**
   * Another client's note arrived on one this user just added (both picked the same free spot before
   * either saw the other's): the note `notesToMakeRoom` names moves to the nearest free spot. Every
   * client applies the same rule, so exactly one of two such notes moves. Outside the undo history
   * (`placementOrigin`): undoing the add removes the note, wherever it went.
   */
  private makeRoom(): void {
    const now = Date.now();
    const placed = this.notes.ids().flatMap((id) => {
      const n = getNote(this.doc, id);
      return n ? [n] : [];
    });
    for (const [id, added] of this.recentAdds) {
      const n = placed.find((p) => p.id === id);
      if (!n || now - added.at > CONCURRENT_ADD_MS || n.x !== added.x || n.y !== added.y) this.recentAdds.delete(id);
    }
    if (this.recentAdds.size === 0) return;
    for (const id of notesToMakeRoom(new Set(this.recentAdds.keys()), placed)) {
      const n = placed.find((p) => p.id === id)!;
      const frame = frameById(this.template, n.frame);
      if (!frame) continue;
      const others = [...this.notes.drawnPositions].filter(([other]) => other !== id).map(([, p]) => p);
      const p = freeSpotNear(frame, n.x + NOTE_WIDTH / 2, n.y + NOTE_HEIGHT / 2, others);
      moveNotes(this.doc, this.template, [{ id, ...p }], this.placementOrigin);
      n.x = p.x;
      n.y = p.y;
      this.recentAdds.set(id, { at: this.recentAdds.get(id)!.at, x: n.x, y: n.y });
    }
  }

  private isOnCanvas(note: Pick<Note, 'canvas' | 'frame'>): boolean {
    return noteCanvasId(note, this.canvases) === this.canvasId;
  }

  /**
   * Canvases were added, removed, restored or changed: a note without a stored `canvas` may now read
   * as another canvas's (structure changes pin notes first, but other programs need not).
   */
  private canvasesChanged(): void {
    this.canvases = readCanvases(this.boardDoc);
    const notes = notesMap(this.doc);
    const ids = membershipChanges(notes, (id) => this.notes.has(id), (n) => this.isOnCanvas(n));
    if (ids.length > 0) this.notesRedrawn(this.notes.refresh(notes, ids));
  }

  private notesRedrawn({ changed, removed }: { changed: Set<string>; removed: string[] }): void {
    if (removed.length > 0) {
      if (this.editor.editingId && removed.includes(this.editor.editingId)) this.editedNoteRemoved();
      this.drag.forget(removed);
      const gone = new Set(removed);
      if (this.selection.some((id) => gone.has(id))) this.setSelection(this.selection.filter((id) => !gone.has(id)));
    }
    if (this.editor.editingId && changed.has(this.editor.editingId)) this.placeEditor();
    if (this.users.some((u) => u.selection.length > 0)) this.overlay.refresh((id) => this.notes.drawnPositions.get(id));
    this.updateCount();
  }

  private awarenessChanged(change: { added: number[]; updated: number[]; removed: number[] }): void {
    const me = this.awareness.clientID;
    const all = [...change.added, ...change.updated, ...change.removed];
    if (all.length > 0 && all.every((id) => id === me)) return; // only our own cursor moved
    this.allUsers = remoteUsers(this.awareness.getStates(), me, translate(this.locale, 'canvas.anonymous'));
    this.users = usersOnCanvas(this.allUsers, this.canvasId);
    this.notes.setRemoteDrags(remoteDragPositions(this.users));
    this.overlay.update(this.users, (id) => this.notes.drawnPositions.get(id));
    if (this.followId !== null) this.applyFollow();
  }

  private refreshPresence(): void {
    this.awarenessChanged({ added: [], updated: [], removed: [] });
  }

  private applyFollow(): void {
    const u = this.allUsers.find((x) => x.clientId === this.followId);
    if (!u) {
      this.followId = null;
      this.emit('followEnd');
      return;
    }
    // On another canvas, their viewport means nothing here; the chrome brings their canvas into view.
    if (u.viewport && usersOnCanvas([u], this.canvasId).length > 0) this.setCamera(fitRect(u.viewport, this.stage.width(), this.stage.height(), 0, MAX_SCALE), false);
  }

  private setPresence<K extends keyof PresenceState>(key: K, value: PresenceState[K]): void {
    if (this.destroyed || this.awareness.getLocalState() === null) return;
    this.awareness.setLocalStateField(key, value);
  }

  private viewport(): PresenceState['viewport'] {
    const v = visibleWorld(this.cam, this.stage.width(), this.stage.height());
    return { x: Math.round(v.x), y: Math.round(v.y), width: Math.round(v.width), height: Math.round(v.height) };
  }

  // ---- camera ----

  private setCamera(c: Camera, user: boolean): void {
    this.stopGlide(); // any other camera change wins over a running zoomToFrame glide
    if (user) this.userTookCamera();
    this.applyCamera(c, user);
  }

  /** The user moved the camera: following ends and a resize no longer refits the board. */
  private userTookCamera(): void {
    if (this.followId !== null) {
      this.followId = null;
      this.emit('followEnd');
    }
    this.userMoved = true;
  }

  private stopGlide(): void {
    if (this.glide === 0) return;
    cancelAnimationFrame(this.glide);
    this.glide = 0;
  }

  /** `moving`: the user is panning or zooming; crowded views drop their text until the camera settles. */
  private applyCamera(c: Camera, moving = false): void {
    const scaleChanged = c.scale !== this.cam.scale;
    this.cam = { ...c };
    this.placeCamera(c, moving);
    if (scaleChanged) {
      this.overlay.setScale(c.scale);
      this.overlay.refresh((id) => this.notes.drawnPositions.get(id));
    }
    this.notes.setViewport(visibleWorld(c, this.stage.width(), this.stage.height()), c.scale, moving);
    clearTimeout(this.settleTimer);
    if (moving) this.settleTimer = setTimeout(() => this.applyCamera(this.cam), SETTLE_MS);
    this.stage.batchDraw();
    this.placeEditor();
    this.publishViewport();
    if (scaleChanged) this.emit('zoomChange', c.scale);
  }

  /**
   * Puts the camera on the layers. Not on the stage: a Konva scale or position resets the cached
   * transforms of every descendant, every note node included; a moving camera reaches the notes
   * through their layers' drawing instead (NoteLayer.setCamera).
   */
  private placeCamera(c: Camera, moving = false): void {
    for (const layer of [this.background.layer, this.overlay.layer]) {
      layer.scale({ x: c.scale, y: c.scale });
      layer.position({ x: c.x, y: c.y });
    }
    this.notes.setCamera(c, moving);
  }

  private resize(): void {
    const w = this.container.clientWidth;
    const h = this.container.clientHeight;
    if (w === 0 || h === 0) {
      // Hidden (the outline view): the pointer is not on the canvas any more, whatever it last did.
      this.publishCursor(null);
      return;
    }
    const oldW = this.stage.width();
    const oldH = this.stage.height();
    this.stage.size({ width: w, height: h });
    if (this.fitPending && this.restored) {
      this.fitPending = false;
      // Where this user left the canvas: theirs, as a zoom of their own would be.
      this.userMoved = true;
      this.applyCamera(restoreCamera(this.restored, w, h));
    } else if (!this.userMoved || this.fitPending) {
      this.fitPending = false;
      this.applyCamera(initialCamera(this.firstViewRegions(), w, h, this.bottomInset, this.template.overview));
    } else {
      // Keep the world point at the centre of the view where it was.
      this.applyCamera({ ...this.cam, x: this.cam.x + (w - oldW) / 2, y: this.cam.y + (h - oldH) / 2 });
    }
  }

  /** What the first view tries to show, largest first: the board, the top row of frames, the first frame. */
  private firstViewRegions(): Rect[] {
    const [first] = this.template.frames;
    if (!first) return [this.boardBounds()];
    const row = boundsOf(this.template.frames.filter((f) => f.y === first.y), [])!;
    return [this.boardBounds(), row, first];
  }

  private boardBounds(): Rect {
    return boundsOf([this.background.bounds()], this.notes.drawnPositions.values())!;
  }

  // ---- editing and creating ----

  /** Keeps the open editor over its note after the note or the camera moved. */
  private placeEditor(): void {
    const id = this.editor.editingId;
    const placement = id ? this.editorPlacement(id) : undefined;
    if (placement) this.editor.place(placement);
  }

  private editorPlacement(id: string) {
    const pos = this.notes.drawnPositions.get(id);
    const view = this.notes.view(id);
    if (!pos || !view) return undefined;
    return { ...editorBox(this.cam, pos, this.stage.width(), this.stage.height(), EDITOR_MIN_SCALE), fill: view.fill };
  }

  private editorClosed(): void {
    this.notes.setEditing(null);
    this.setPresence('editing', null);
  }

  /**
   * Someone else deleted the note this user is typing in (issue 8): the keys that still follow are
   * that typing, not shortcuts. (The chrome offers the text back: presence/TypingRescue.ts.)
   */
  private editedNoteRemoved(): void {
    this.keyboard.holdTyping();
    this.editor.close();
  }

  private createAt(frameId: string, color: NoteColor, x: number, y: number): string {
    this.lastFrame = frameId;
    const id = createNote(this.doc, { canvas: this.canvasId, frame: frameId, color, author: this.userName, x, y }, this.origin);
    this.recentAdds.set(id, { at: Date.now(), x: Math.round(x), y: Math.round(y) });
    this.setSelection([id]);
    this.editNote(id);
    return id;
  }

  // ---- plumbing ----

  /** The narrow view of this renderer that keyboard and pointer input act through. */
  private commandHost(): CommandHost {
    return {
      container: this.container,
      template: this.template,
      notes: this.notes,
      drag: this.drag,
      readOnly: () => this.readOnly,
      camera: () => this.cam,
      setCamera: (c, user) => this.setCamera(c, user),
      viewSize: () => ({ width: this.stage.width(), height: this.stage.height() }),
      selection: () => this.selection.slice(),
      setSelection: (ids) => this.setSelection(ids),
      editingId: () => this.editor.editingId,
      closeEditor: () => this.editor.close(),
      editNote: (id) => this.editNote(id),
      // A double click on empty space; '' when this canvas takes no new notes now.
      createNote: (frameId, color, x, y) => (this.canAdd ? this.createAt(frameId, color, x, y) : ''),
      addNote: (frameId) => void this.addNote(frameId),
      deleteSelected: () => this.deleteSelected(),
      duplicateSelected: () => this.duplicateSelected(),
      moveNotes: (moves) => this.moveOwn(moves),
      cancelGesture: () => this.gestures.cancel(),
      dragMoved: () => {
        if (this.users.some((u) => this.drag.involves(u.selection))) this.overlay.refresh((id) => this.notes.drawnPositions.get(id));
      },
      showBox: (r) => this.overlay.setBox(r),
      pointerAt: (w) => this.publishCursor(w ? { x: Math.round(w.x), y: Math.round(w.y) } : null),
    };
  }

  private updateCount(): void {
    this.container.dataset.noteCount = String(this.notes.size);
    // Quadrants without notes show their prompt question. Positions and frames agree (moveNotes).
    const filled = new Set<string>();
    for (const p of this.notes.drawnPositions.values()) {
      const f = frameAt(this.template, p.x + NOTE_WIDTH / 2, p.y + NOTE_HEIGHT / 2);
      if (f) filled.add(f.id);
      if (filled.size === this.template.frames.length) break;
    }
    this.background.setEmpty(this.template.frames.filter((f) => !filled.has(f.id)).map((f) => f.id));
  }

  private emit<E extends keyof RendererEvents>(event: E, ...args: Parameters<RendererEvents[E]>): void {
    for (const fn of this.listeners.get(event) ?? []) (fn as (...a: Parameters<RendererEvents[E]>) => void)(...args);
  }
}
