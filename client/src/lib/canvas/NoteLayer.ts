// One Konva.Group (rect + text) per note, kept in z order, updated only for the notes an event
// touched. Notes being dragged (locally or by someone else) live on a separate drag layer, so a
// drag redraws that small layer instead of all notes.
//
// The camera (issue 8, "fluid with thousands of notes"): both layers hold a camera group whose Konva
// transform is the camera only while it is at rest; a moving camera goes on the canvas context when
// the group draws (`cameraGroup`), so a camera step touches no note node (a Konva scale or position
// change resets the cached transform of every descendant: 10-18% of a zoom step). While the camera
// moves over a crowded view the notes layer does not draw its Konva nodes: it draws the bitmap of its last full-detail draw through the camera, and notes that bitmap
// does not cover (or every note, when something changed since) as plain rectangles (`drawPlain`);
// full detail comes back when the camera stops. Over a crowded view at rest, the full-detail notes
// layer is kept as a bitmap (`detail`): drawn in slices across frames after the camera stopped (the
// page stays responsive; the plain drawing shows meanwhile), then patched where notes change
// (`dirty`), so a change, a selection or a drag pick-up redraws the notes around it, not all of them.
import Konva from 'konva';
import { SceneCanvas } from 'konva/lib/Canvas.js';
import * as Y from 'yjs';
import { NOTE_WIDTH, NOTE_HEIGHT } from '$shared/board/schema.ts';
import {
  allNoteViews,
  planNoteChanges,
  reorder,
  touchedNoteIds,
  NOTE_PADDING,
  NOTE_FONT_FAMILY,
  NOTE_LINE_HEIGHT,
  TEXT_WIDTH,
  TEXT_HEIGHT,
  type NoteFilter,
  type NoteView,
  type Rect,
} from './noteView.ts';
import { noteFontFit } from './noteFontFit.ts';
import type { FontFit } from './textFit.ts';
import type { Camera } from './camera.ts';

interface NoteNode {
  group: Konva.Group;
  rect: Konva.Rect;
  text: Konva.Text;
}

const BORDER = 'rgba(0,0,0,0.18)';
const SELECTED_BORDER = '#1565c0';
/** Below this zoom, note text is smaller than about 4 screen pixels: unreadable, so not drawn. */
const MIN_TEXT_SCALE = 0.2;
/** Above this many notes in view, a moving camera draws notes as plain rectangles (drawPlain). */
const MOTION_DETAIL_LIMIT = 150;
/** Plain notes narrower than this on screen get no border: it would be most of the note. */
const PLAIN_BORDER_MIN_PX = 12;
/** Above this many notes in view at rest, the full-detail layer is a bitmap drawn in slices. */
const DETAIL_BITMAP_MIN = 400;
/** Time per slice of drawing that bitmap (one slice per frame). */
const DETAIL_SLICE_MS = 10;

function noteRect(p: { x: number; y: number }): Rect {
  return { x: p.x, y: p.y, width: NOTE_WIDTH, height: NOTE_HEIGHT };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
}

function sameCamera(a: Camera, b: Camera): boolean {
  return a.x === b.x && a.y === b.y && a.scale === b.scale;
}
/** The export shrinks text that does not fit down to this size before it makes a note taller. */
const FULL_TEXT_MIN_SIZE = 9;
/** Notes moved by the document glide this long (seconds), unless more than GLIDE_LIMIT move at once. */
const GLIDE_S = 0.3;
const GLIDE_LIMIT = 300;

function inside(p: { x: number; y: number }, r: Rect): boolean {
  return p.x >= r.x && p.y >= r.y && p.x + NOTE_WIDTH <= r.x + r.width && p.y + NOTE_HEIGHT <= r.y + r.height;
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Above this many moved notes in one event, re-adding all nodes in order is cheaper than moving each. */
const BULK_REORDER = 200;

/**
 * A group drawn through the camera. Its own Konva transform is the camera at rest (what
 * getClientRect of its children reports: NoteLayer.setCamera); the rest of the way to the current
 * camera goes on the canvas context when it draws. `draw` draws instead of Konva's loop over the
 * children when it returns true; the context is then where the children's own transforms apply.
 */
function cameraGroup(camera: () => Camera, draw?: (canvas: SceneCanvas, c: Camera) => boolean): Konva.Group {
  const group = new Konva.Group({ listening: false });
  const drawChildren = group.drawScene;
  group.drawScene = function (this: Konva.Group, ...args: Parameters<Konva.Group['drawScene']>) {
    const [can] = args;
    const canvas = can ?? this.getLayer()?.getCanvas();
    if (!canvas) return this;
    const ctx = canvas.getContext();
    const c = camera();
    const k = c.scale / this.scaleX();
    ctx.save();
    try {
      ctx.translate(c.x - this.x() * k, c.y - this.y() * k);
      ctx.scale(k, k);
      if (!draw?.(canvas, c)) drawChildren.apply(this, args);
    } finally {
      ctx.restore();
    }
    return this;
  };
  return group;
}

export class NoteLayer {
  readonly layer = new Konva.Layer({ listening: false });
  readonly dragLayer = new Konva.Layer({ listening: false });
  private cam: Camera = { x: 0, y: 0, scale: 1 };
  /** The note groups not being dragged, in z order, drawn through the camera. */
  private readonly group = cameraGroup(
    () => this.cam,
    (canvas, c) => this.drawNotes(canvas, c),
  );
  /** On the drag layer under the dragged notes, so above every other note (addAbove). */
  private readonly above = cameraGroup(() => this.cam);
  /** The note groups being dragged. */
  private readonly dragGroup = cameraGroup(() => this.cam);
  /** The camera moves over a crowded view: the notes layer draws `snapshot` and plain rectangles, not its nodes. */
  private plain = false;
  /** Counts changes of what the notes layer shows; `drawn`: the version and camera of its last full-detail draw. */
  private version = 0;
  private drawn: { version: number; cam: Camera } | null = null;
  /** The notes layer's pixels at the start of a camera movement, while they are still what it shows. */
  private snapshot: { canvas: HTMLCanvasElement; version: number; world: Rect } | null = null;
  private snapshotCanvas: HTMLCanvasElement | null = null;
  /**
   * The full-detail drawing of the notes in view at camera `cam`, made for `base`; `next`: how far
   * through `order` it got (complete at the end). `dirty`: world rectangles changed since.
   */
  private detail: { canvas: SceneCanvas; cam: Camera; base: number; next: number; complete: boolean } | null = null;
  /** Bumped by changes that need the whole layer drawn again (not a patch). */
  private base = 0;
  private dirty: Rect[] = [];
  private sliceFrame = 0;
  private inViewCount = 0;
  /** The notes layer shows full detail (not the plain drawing of a moving camera or of a bitmap in progress). */
  fullDetail = true;
  private readonly nodes = new Map<string, NoteNode>();
  private readonly views = new Map<string, NoteView>();
  /** Ids bottom first, by (z, id): the drawing order of the notes layer. */
  private order: string[] = [];
  /** Where each note is drawn right now (document position, or a live drag position). */
  readonly drawnPositions = new Map<string, { x: number; y: number }>();
  /** Running glides by note id (placeNode). */
  private readonly glides = new Map<string, Konva.Tween>();
  private readonly localDrag = new Map<string, { x: number; y: number }>();
  private readonly remoteDrag = new Map<string, { x: number; y: number }>();
  private selected = new Set<string>();
  private editing: string | null = null;
  /** Visible world rectangle (with margin); notes outside it are not drawn. Null: draw all. */
  private visibleRect: Rect | null = null;
  private textShown = true;
  /** Font sizes from real text widths, cached by text: measured when a text changes, not per frame. */
  private fit: FontFit = noteFontFit('en');

  /**
   * `countedDraw`: replaces each note group's drawScene to count note draws (DrawStats).
   * `belongs`: which notes this layer draws (those of one canvas); all when absent.
   * `countPlain`: told how many notes each plain pass drew as rectangles (DrawStats).
   */
  constructor(
    private readonly countedDraw?: Konva.Group['drawScene'],
    private readonly belongs?: NoteFilter,
    private readonly countPlain?: (notes: number) => void,
  ) {
    this.layer.add(this.group);
    this.dragLayer.add(this.above, this.dragGroup);
  }

  /**
   * Where the camera is: both layers draw through it (the caller redraws). `moving`: more steps
   * follow; only a camera at rest becomes the camera groups' Konva transform (one pass over every
   * note node, once per movement).
   */
  setCamera(c: Camera, moving = false): void {
    this.cam = { ...c };
    if (moving) return;
    for (const g of [this.group, this.above, this.dragGroup]) g.setAttrs({ x: c.x, y: c.y, scaleX: c.scale, scaleY: c.scale });
  }

  /** Adds nodes (world coordinates) drawn above every note not being dragged: the frames' headers. */
  addAbove(...nodes: Konva.Group[]): void {
    this.above.add(...nodes);
    this.dragLayer.batchDraw();
  }

  /** Notes are hyphenated by the board's language; set before the first `load`. */
  setLanguage(language: string): void {
    this.fit = noteFontFit(language);
  }

  /** The fitter of the drawn text, for the editor to show the same size. */
  get fontFit(): FontFit {
    return this.fit;
  }

  /** Draws every note of the document from scratch (construction). */
  load(notes: Y.Map<Y.Map<unknown>>): void {
    for (const n of this.nodes.values()) n.group.destroy();
    this.nodes.clear();
    this.views.clear();
    this.drawnPositions.clear();
    const views = allNoteViews(notes, this.fit, this.belongs);
    for (const v of views) this.create(v);
    this.order = views.map((v) => v.id);
    for (const id of this.order) {
      const node = this.nodes.get(id)!;
      if (this.overrideOf(id)) node.group.moveTo(this.dragGroup);
      else this.group.add(node.group);
    }
    this.draw();
  }

  /** Applies one observeDeep batch; returns the ids whose nodes were created, changed or removed. */
  apply(notes: Y.Map<Y.Map<unknown>>, events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): { changed: Set<string>; removed: string[] } {
    return this.refresh(notes, touchedNoteIds(events));
  }

  /** Brings the nodes of these notes in line with the document (and with `belongs`). */
  refresh(notes: Y.Map<Y.Map<unknown>>, ids: Iterable<string>): { changed: Set<string>; removed: string[] } {
    const plan = planNoteChanges(this.views, notes, ids, this.fit, this.belongs);
    const changed = new Set<string>();
    const moved: string[] = [];
    const rects: Rect[] = [];
    const at = (id: string) => {
      const p = this.drawnPositions.get(id);
      if (p) rects.push(noteRect(p));
    };
    for (const id of plan.remove) {
      at(id);
      this.glides.get(id)?.destroy();
      this.glides.delete(id);
      this.nodes.get(id)?.group.destroy();
      this.nodes.delete(id);
      this.views.delete(id);
      this.drawnPositions.delete(id);
      this.localDrag.delete(id);
      this.selected.delete(id);
    }
    if (plan.remove.length > 0) {
      const gone = new Set(plan.remove);
      this.order = this.order.filter((id) => !gone.has(id));
    }
    for (const v of plan.create) {
      this.create(v);
      at(v.id);
      moved.push(v.id);
      changed.add(v.id);
    }
    // Moves that arrive from the document glide (a "tidy up", someone's drop): people see where notes
    // went. A local drop or a crowded change lands at once.
    const glide = plan.update.length <= GLIDE_LIMIT;
    for (const { view, changes } of plan.update) {
      const node = this.nodes.get(view.id)!;
      at(view.id);
      this.views.set(view.id, view);
      changed.add(view.id);
      for (const c of changes) {
        if (c === 'position') this.placeNode(view.id, glide);
        else if (c === 'fill') node.rect.fill(view.fill);
        else if (c === 'text') node.text.setAttrs({ text: view.text, fontSize: view.fontSize });
        else if (c === 'z') moved.push(view.id);
      }
    }
    if (moved.length > 0) this.restack(moved);
    for (const { view } of plan.update) at(view.id);
    // A bitmap half drawn walks `order`, which a new, removed or restacked note changes: start it again.
    if (moved.length > 0 || plan.remove.length > 0) this.restartDetail();
    this.draw(rects);
    return { changed, removed: plan.remove };
  }

  private create(v: NoteView): void {
    const group = new Konva.Group({ x: v.x, y: v.y, listening: false, noteId: v.id });
    if (this.countedDraw) group.drawScene = this.countedDraw;
    const rect = new Konva.Rect({
      width: NOTE_WIDTH,
      height: NOTE_HEIGHT,
      fill: v.fill,
      cornerRadius: 3,
      stroke: this.selected.has(v.id) ? SELECTED_BORDER : BORDER,
      strokeWidth: this.selected.has(v.id) ? 3 : 1,
      // Borders keep their screen width at any zoom, so a selection stays visible when zoomed out.
      strokeScaleEnabled: false,
      perfectDrawEnabled: false,
      shadowForStrokeEnabled: false,
      listening: false,
    });
    const text = new Konva.Text({
      x: NOTE_PADDING,
      y: NOTE_PADDING,
      width: TEXT_WIDTH,
      height: TEXT_HEIGHT,
      text: v.text,
      fontSize: v.fontSize,
      fontFamily: NOTE_FONT_FAMILY,
      lineHeight: NOTE_LINE_HEIGHT,
      fill: '#212121',
      wrap: 'word',
      ellipsis: true,
      visible: this.textShown && this.editing !== v.id,
      perfectDrawEnabled: false,
      listening: false,
    });
    group.add(rect, text);
    this.nodes.set(v.id, { group, rect, text });
    this.views.set(v.id, v);
    this.placeNode(v.id);
  }

  /** Puts moved or new nodes at their z position; nodes on the drag layer wait until they come back. */
  private restack(moved: string[]): void {
    const result = reorder(this.order, this.views, moved);
    this.order = result.order;
    if (result.placements.length > BULK_REORDER) {
      this.group.removeChildren();
      const groups = this.order.filter((id) => !this.overrideOf(id)).map((id) => this.nodes.get(id)!.group);
      if (groups.length > 0) this.group.add(...groups);
      return;
    }
    for (const p of result.placements) this.restackOne(p.id);
  }

  /** Moves one node directly above its nearest predecessor (in z order) that is on the notes layer. */
  private restackOne(id: string): void {
    const node = this.nodes.get(id);
    if (!node || this.overrideOf(id)) return;
    const g = node.group;
    if (g.getParent() !== this.group) g.moveTo(this.group);
    let i = this.order.indexOf(id) - 1;
    while (i >= 0 && this.nodes.get(this.order[i])?.group.getParent() !== this.group) i--;
    if (i < 0) {
      g.zIndex(0);
      return;
    }
    const pred = this.nodes.get(this.order[i])!.group;
    g.zIndex(g.index < pred.index ? pred.index : pred.index + 1);
  }

  private overrideOf(id: string): { x: number; y: number } | undefined {
    return this.localDrag.get(id) ?? this.remoteDrag.get(id);
  }

  /**
   * Positions a node where it should be drawn now and on the layer that fits its drag state.
   * `glide`: animate there (hit testing and culling use the final position at once).
   */
  private placeNode(id: string, glide = false): void {
    const node = this.nodes.get(id);
    const view = this.views.get(id);
    if (!node || !view) return;
    const o = this.overrideOf(id);
    const pos = o ?? { x: view.x, y: view.y };
    const from = node.group.position();
    this.drawnPositions.set(id, pos);
    const visible = this.inView(pos) || this.inView(from);
    this.glides.get(id)?.destroy();
    this.glides.delete(id);
    if (glide && !o && visible && Math.hypot(from.x - pos.x, from.y - pos.y) > 2 && !reducedMotion()) {
      const tween = new Konva.Tween({
        node: node.group,
        duration: GLIDE_S,
        easing: Konva.Easings.EaseInOut,
        x: pos.x,
        y: pos.y,
        onFinish: () => this.glides.delete(id),
      });
      this.glides.set(id, tween);
      tween.play();
    } else {
      node.group.position(pos);
    }
  }

  private inView(p: { x: number; y: number }): boolean {
    const v = this.visibleRect;
    return v === null || (p.x < v.x + v.width && p.x + NOTE_WIDTH > v.x && p.y < v.y + v.height && p.y + NOTE_HEIGHT > v.y);
  }

  /**
   * The visible world rectangle: notes outside it are not drawn (culled when the layer draws, so a
   * camera step flips no node's visibility); note text is hidden when it would be too small to read.
   * `moving`: the camera is moving (the caller calls again without it once it stopped); over more
   * than MOTION_DETAIL_LIMIT visible notes the notes layer then draws `drawPlain`. Null: draw
   * everything (PNG export).
   */
  setViewport(view: Rect | null, scale: number, moving = false): void {
    const margin = view ? Math.max(view.width, view.height) * 0.1 : 0;
    this.visibleRect = view && { x: view.x - margin, y: view.y - margin, width: view.width + 2 * margin, height: view.height + 2 * margin };
    let visibleCount = 0;
    if (view) for (const p of this.drawnPositions.values()) if (this.inView(p)) visibleCount++;
    else visibleCount = this.drawnPositions.size;
    this.inViewCount = visibleCount;
    const plain = moving && view !== null && visibleCount > MOTION_DETAIL_LIMIT;
    if (plain && !this.plain) this.takeSnapshot();
    this.plain = plain;
    if (!plain) {
      const showText = view === null || scale >= MIN_TEXT_SCALE;
      if (showText !== this.textShown) {
        this.textShown = showText;
        for (const [id, n] of this.nodes) n.text.visible(showText && this.editing !== id);
        this.base++;
      }
    }
    // What is drawn depends on the camera only: the last full-detail bitmap stays valid (no version bump).
    this.layer.batchDraw();
    this.dragLayer.batchDraw();
  }

  /** The note groups in view, in z order (those on the drag layer are drawn there). */
  private drawDetail(canvas: SceneCanvas, c: Camera): void {
    if (canvas === this.layer.getCanvas()) this.drawn = { version: this.version, cam: c }; // not an export's canvas
    for (const id of this.order) {
      const g = this.nodes.get(id)?.group;
      if (g && g.parent === this.group && this.inView({ x: g.x(), y: g.y() })) g.drawScene(canvas);
    }
  }

  /**
   * The notes layer while the camera moves over a crowded view, in world coordinates (the camera is
   * on `ctx`): the bitmap of the last full-detail draw (`snapshot`, while nothing changed since),
   * and under it every visible note not being dragged that the bitmap does not wholly cover (all of
   * them without a bitmap) as a filled rectangle with a one-pixel border, in z order, as one path
   * per run of notes of one colour (two fills: border, then face); selected ones outlined. Stacked
   * notes of one run merge into one shape until the camera stops. The nodes are not drawn.
   */
  private drawPlain(canvas: SceneCanvas): void {
    const konvaCtx = canvas.getContext();
    konvaCtx.save();
    // World coordinates: the camera group's own transform, which Konva applies only to its children.
    konvaCtx.translate(this.group.x(), this.group.y());
    konvaCtx.scale(this.group.scaleX(), this.group.scaleY());
    this.drawPlainWorld(konvaCtx._context);
    konvaCtx.restore();
  }

  private drawPlainWorld(ctx: CanvasRenderingContext2D): void {
    const v = this.visibleRect;
    if (this.snapshot && (this.snapshot.version !== this.version || this.glides.size > 0)) this.snapshot = null;
    const covered = this.snapshot?.world;
    const px = 1 / this.cam.scale;
    const border = NOTE_WIDTH * this.cam.scale >= PLAIN_BORDER_MIN_PX ? px : 0;
    const run: Array<{ x: number; y: number }> = [];
    const selected: Array<{ x: number; y: number }> = [];
    let fill = '';
    let drawn = 0;
    const flush = () => {
      if (run.length === 0) return;
      if (border > 0) {
        ctx.beginPath();
        for (const p of run) ctx.rect(p.x, p.y, NOTE_WIDTH, NOTE_HEIGHT);
        ctx.fillStyle = BORDER;
        ctx.fill();
      }
      ctx.beginPath();
      for (const p of run) ctx.rect(p.x + border, p.y + border, NOTE_WIDTH - 2 * border, NOTE_HEIGHT - 2 * border);
      ctx.fillStyle = fill;
      ctx.fill();
      drawn += run.length;
      run.length = 0;
    };
    for (const id of this.order) {
      const node = this.nodes.get(id);
      if (!node || this.overrideOf(id)) continue;
      const p = { x: node.group.x(), y: node.group.y() }; // a running glide's position too
      if (v && !this.inView(p)) continue;
      if (covered && inside(p, covered)) continue;
      const f = this.views.get(id)!.fill;
      if (f !== fill) {
        flush();
        fill = f;
      }
      run.push(p);
      if (this.selected.has(id)) selected.push(p);
    }
    flush();
    // Over the rectangles: a note the bitmap shows in part is drawn whole below it, and the bitmap
    // holds that note's own pixels where they overlap.
    if (this.snapshot) ctx.drawImage(this.snapshot.canvas, covered!.x, covered!.y, covered!.width, covered!.height);
    if (selected.length > 0) {
      ctx.beginPath();
      for (const p of selected) ctx.rect(p.x, p.y, NOTE_WIDTH, NOTE_HEIGHT);
      ctx.strokeStyle = SELECTED_BORDER;
      ctx.lineWidth = 3 * px;
      ctx.stroke();
    }
    this.countPlain?.(drawn);
  }

  /** Local drag positions (null ends the drag of those ids). */
  setLocalDrag(positions: ReadonlyMap<string, { x: number; y: number }> | null, ids: Iterable<string>): void {
    this.setOverrides(this.localDrag, positions, ids);
  }

  /** Live drags of other users, replacing the previous set. */
  setRemoteDrags(positions: ReadonlyMap<string, { x: number; y: number }>): void {
    if (this.remoteDrag.size === 0 && positions.size === 0) return;
    const ids = new Set([...this.remoteDrag.keys(), ...positions.keys()]);
    this.setOverrides(this.remoteDrag, positions, ids);
  }

  private setOverrides(
    target: Map<string, { x: number; y: number }>,
    positions: ReadonlyMap<string, { x: number; y: number }> | null,
    ids: Iterable<string>,
  ): void {
    let back = false;
    let lifted = false;
    const rects: Rect[] = [];
    for (const id of ids) {
      const p = positions?.get(id);
      const wasOver = this.overrideOf(id) !== undefined;
      if (p) target.set(id, p);
      else target.delete(id);
      const isOver = this.overrideOf(id) !== undefined;
      const node = this.nodes.get(id);
      const view = this.views.get(id);
      if (!node || !view) continue;
      if (isOver && !wasOver) {
        node.group.moveTo(this.dragGroup);
        lifted = true;
        rects.push(noteRect(view));
      }
      this.placeNode(id);
      if (!isOver && wasOver) {
        this.restackOne(id);
        back = true;
        rects.push(noteRect(view));
      }
    }
    this.dragLayer.batchDraw();
    if (back || lifted) {
      this.restartDetail(); // the notes layer's children changed
      this.draw(rects);
    }
  }

  setSelected(ids: Iterable<string>): void {
    const next = new Set(ids);
    const rects: Rect[] = [];
    for (const id of new Set([...this.selected, ...next])) {
      const on = next.has(id);
      if (on === this.selected.has(id)) continue;
      const n = this.nodes.get(id);
      n?.rect.setAttrs({ stroke: on ? SELECTED_BORDER : BORDER, strokeWidth: on ? 3 : 1 });
      const p = this.drawnPositions.get(id);
      if (p) rects.push(noteRect(p));
    }
    this.selected = next;
    this.draw(rects);
  }

  /**
   * For the PNG export: every note's whole text, never cut with "…": first smaller type (down to
   * FULL_TEXT_MIN_SIZE), then a taller note. `false` puts the fitted view back.
   */
  showFullText(on: boolean): void {
    for (const [id, n] of this.nodes) {
      const view = this.views.get(id)!;
      n.text.setAttrs({ ellipsis: !on, height: TEXT_HEIGHT, fontSize: view.fontSize, visible: on || (this.textShown && this.editing !== id) });
      n.rect.height(NOTE_HEIGHT);
      if (!on) continue;
      n.text.setAttrs({ height: 'auto' as unknown as number }); // Konva.Text measures the wrapped text
      let size = view.fontSize;
      while (n.text.height() > TEXT_HEIGHT && size > FULL_TEXT_MIN_SIZE) n.text.fontSize(--size);
      if (n.text.height() > TEXT_HEIGHT) n.rect.height(n.text.height() + 2 * NOTE_PADDING);
    }
    this.draw();
  }

  /** Hides the drawn text of the note being edited (the textarea shows it instead). */
  setEditing(id: string | null): void {
    const rects: Rect[] = [];
    for (const e of [this.editing, id]) {
      const p = e ? this.drawnPositions.get(e) : undefined;
      if (p) rects.push(noteRect(p));
    }
    if (this.editing) this.nodes.get(this.editing)?.text.visible(this.textShown);
    this.editing = id;
    if (id) this.nodes.get(id)?.text.visible(false);
    this.draw(rects);
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  view(id: string): NoteView | undefined {
    return this.views.get(id);
  }

  /** Note ids in drawing order: the notes layer, then the drag layer on top of it. */
  ids(): string[] {
    const out: string[] = [];
    for (const group of [this.group, this.dragGroup]) {
      for (const child of group.getChildren()) {
        const id = this.idOf(child);
        if (id) out.push(id);
      }
    }
    return out;
  }

  /** Ids bottom first in z order (for hit testing). */
  zOrder(): readonly string[] {
    return this.order;
  }

  get size(): number {
    return this.nodes.size;
  }

  private idOf(node: Konva.Node): string | undefined {
    const id: unknown = node.getAttr('noteId');
    return typeof id === 'string' ? id : undefined;
  }

  /**
   * Keeps the notes layer's pixels if they show the notes as they are now (drawn since the last
   * change, no glide running), with the world rectangle they cover.
   */
  private takeSnapshot(): void {
    this.snapshot = null;
    const d = this.drawn;
    if (!d || d.version !== this.version || this.glides.size > 0 || typeof document === 'undefined') return;
    const source = this.layer.getCanvas();
    const from = source._canvas;
    if (from.width === 0 || from.height === 0) return;
    const canvas = (this.snapshotCanvas ??= document.createElement('canvas'));
    if (canvas.width !== from.width || canvas.height !== from.height) {
      canvas.width = from.width;
      canvas.height = from.height;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(from, 0, 0);
    const ratio = source.getPixelRatio();
    const c = d.cam;
    const world = { x: -c.x / c.scale, y: -c.y / c.scale, width: from.width / ratio / c.scale, height: from.height / ratio / c.scale };
    this.snapshot = { canvas, version: this.version, world };
  }

  /** Something the notes layer shows changed: within `rects` (world), or anywhere when absent. */
  private draw(rects?: Rect[]): void {
    this.version++;
    if (rects) this.dirty.push(...rects);
    else this.base++;
    this.layer.batchDraw();
    this.dragLayer.batchDraw();
  }

  private restartDetail(): void {
    if (this.detail && !this.detail.complete) this.base++;
  }

  /** The notes group's drawing (`cameraGroup`): plain, the detail bitmap, or the note groups themselves. */
  private drawNotes(canvas: SceneCanvas, c: Camera): boolean {
    const own = canvas === this.layer.getCanvas();
    if (this.plain) {
      this.fullDetail = false;
      this.drawPlain(canvas);
      return true;
    }
    // An export's canvas, a few notes in view, or notes gliding (they move every frame): draw the nodes.
    if (!own || this.glides.size > 0 || this.inViewCount <= DETAIL_BITMAP_MIN) {
      if (own) {
        this.detail = null;
        this.dirty = [];
        this.fullDetail = true;
      }
      this.drawDetail(canvas, c);
      return true;
    }
    const d = this.detail;
    if (d && d.complete && d.base === this.base && sameCamera(d.cam, c) && d.canvas.width === canvas.width && d.canvas.height === canvas.height) {
      this.patchDetail(d.canvas, c);
      const ctx = canvas.getContext();
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(d.canvas._canvas, 0, 0);
      ctx.restore();
      this.drawn = { version: this.version, cam: c };
      this.fullDetail = true;
      this.snapshot = null;
      return true;
    }
    this.fullDetail = false;
    this.drawPlain(canvas);
    this.scheduleDetailSlice();
    return true;
  }

  private scheduleDetailSlice(): void {
    if (this.sliceFrame !== 0 || typeof requestAnimationFrame !== 'function') return;
    this.sliceFrame = requestAnimationFrame(() => {
      this.sliceFrame = 0;
      this.detailSlice();
    });
  }

  /** Draws the next DETAIL_SLICE_MS of note groups into the detail bitmap (a fresh one if needed). */
  private detailSlice(): void {
    if (this.plain || this.glides.size > 0 || this.inViewCount <= DETAIL_BITMAP_MIN) return;
    const layerCanvas = this.layer.getCanvas();
    const c = this.cam;
    let d = this.detail;
    if (!d || d.base !== this.base || !sameCamera(d.cam, c) || d.canvas.width !== layerCanvas.width || d.canvas.height !== layerCanvas.height) {
      const canvas = d?.canvas ?? new SceneCanvas({ width: 0, height: 0, pixelRatio: layerCanvas.getPixelRatio() });
      canvas.pixelRatio = layerCanvas.getPixelRatio();
      canvas.setSize(layerCanvas.width / canvas.pixelRatio, layerCanvas.height / canvas.pixelRatio); // clears it
      d = this.detail = { canvas, cam: { ...c }, base: this.base, next: 0, complete: false };
      this.dirty = []; // a fresh drawing has every change so far
    }
    if (d.complete) return;
    const end = performance.now() + DETAIL_SLICE_MS;
    const ctx = d.canvas.getContext();
    ctx.save();
    this.toRestCamera(ctx, c);
    while (d.next < this.order.length) {
      const g = this.nodes.get(this.order[d.next++])?.group;
      if (g && g.parent === this.group && this.inView({ x: g.x(), y: g.y() })) g.drawScene(d.canvas);
      if ((d.next & 15) === 0 && performance.now() > end) break;
    }
    ctx.restore();
    if (d.next >= this.order.length) {
      d.complete = true;
      this.layer.batchDraw();
    } else {
      this.scheduleDetailSlice();
    }
  }

  /** The way from the camera groups' Konva transform (the camera at rest) to the camera `c`. */
  private toRestCamera(ctx: Konva.Context, c: Camera): void {
    const k = c.scale / this.group.scaleX();
    ctx.translate(c.x - this.group.x() * k, c.y - this.group.y() * k);
    ctx.scale(k, k);
  }

  /** Redraws the changed rectangles of the detail bitmap: cleared, then every note in view over them, in z order. */
  private patchDetail(canvas: SceneCanvas, c: Camera): void {
    if (this.dirty.length === 0) return;
    const pad = 4 / c.scale; // selection borders and antialiasing outside a note's rectangle
    const rects = this.dirty.map((r) => ({ x: r.x - pad, y: r.y - pad, width: r.width + 2 * pad, height: r.height + 2 * pad }));
    this.dirty = [];
    const ctx = canvas.getContext();
    ctx.save();
    ctx.translate(c.x, c.y);
    ctx.scale(c.scale, c.scale);
    ctx.beginPath();
    for (const r of rects) ctx.rect(r.x, r.y, r.width, r.height);
    ctx.clip();
    for (const r of rects) ctx.clearRect(r.x, r.y, r.width, r.height);
    ctx.scale(1 / c.scale, 1 / c.scale);
    ctx.translate(-c.x, -c.y);
    this.toRestCamera(ctx, c);
    for (const id of this.order) {
      const g = this.nodes.get(id)?.group;
      if (!g || g.parent !== this.group) continue;
      const r = noteRect({ x: g.x(), y: g.y() });
      if (this.inView(r) && rects.some((d) => overlaps(r, d))) g.drawScene(canvas);
    }
    ctx.restore();
  }
}
