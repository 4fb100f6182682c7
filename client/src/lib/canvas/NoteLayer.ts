// One Konva.Group (rect + text) per note, kept in z order, updated only for the notes an event
// touched. Notes being dragged (locally or by someone else) live on a separate drag layer, so a
// drag redraws that small layer instead of all notes.
import Konva from 'konva';
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

interface NoteNode {
  group: Konva.Group;
  rect: Konva.Rect;
  text: Konva.Text;
}

const BORDER = 'rgba(0,0,0,0.18)';
const SELECTED_BORDER = '#1565c0';
/** Below this zoom, note text is smaller than about 4 screen pixels: unreadable, so not drawn. */
const MIN_TEXT_SCALE = 0.2;
/** Above this many notes in view, a moving camera draws notes without text. */
const MOTION_TEXT_LIMIT = 400;
/** The export shrinks text that does not fit down to this size before it makes a note taller. */
const FULL_TEXT_MIN_SIZE = 9;
/** Notes moved by the document glide this long (seconds), unless more than GLIDE_LIMIT move at once. */
const GLIDE_S = 0.3;
const GLIDE_LIMIT = 300;

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Above this many moved notes in one event, re-adding all nodes in order is cheaper than moving each. */
const BULK_REORDER = 200;

export class NoteLayer {
  readonly layer = new Konva.Layer({ listening: false });
  readonly dragLayer = new Konva.Layer({ listening: false });
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
  private readonly fit = noteFontFit();

  /**
   * `countedDraw`: replaces each note group's drawScene to count note draws (DrawStats).
   * `belongs`: which notes this layer draws (those of one canvas); all when absent.
   */
  constructor(
    private readonly countedDraw?: Konva.Group['drawScene'],
    private readonly belongs?: NoteFilter,
  ) {}

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
      if (this.overrideOf(id)) node.group.moveTo(this.dragLayer);
      else this.layer.add(node.group);
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
    for (const id of plan.remove) {
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
      moved.push(v.id);
      changed.add(v.id);
    }
    // Moves that arrive from the document glide (a "tidy up", someone's drop): people see where notes
    // went. A local drop or a crowded change lands at once.
    const glide = plan.update.length <= GLIDE_LIMIT;
    for (const { view, changes } of plan.update) {
      const node = this.nodes.get(view.id)!;
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
    this.draw();
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
      this.layer.removeChildren();
      const groups = this.order.filter((id) => !this.overrideOf(id)).map((id) => this.nodes.get(id)!.group);
      if (groups.length > 0) this.layer.add(...groups);
      return;
    }
    for (const p of result.placements) this.restackOne(p.id);
  }

  /** Moves one node directly above its nearest predecessor (in z order) that is on the notes layer. */
  private restackOne(id: string): void {
    const node = this.nodes.get(id);
    if (!node || this.overrideOf(id)) return;
    const g = node.group;
    if (g.getParent() !== this.layer) g.moveTo(this.layer);
    let i = this.order.indexOf(id) - 1;
    while (i >= 0 && this.nodes.get(this.order[i])?.group.getParent() !== this.layer) i--;
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
    node.group.visible(visible);
    this.glides.get(id)?.destroy();
    this.glides.delete(id);
    if (glide && !o && visible && Math.hypot(from.x - pos.x, from.y - pos.y) > 2 && !reducedMotion()) {
      const tween = new Konva.Tween({
        node: node.group,
        duration: GLIDE_S,
        easing: Konva.Easings.EaseInOut,
        x: pos.x,
        y: pos.y,
        onFinish: () => {
          this.glides.delete(id);
          node.group.visible(this.inView(pos));
        },
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
   * Culls notes outside the visible world rectangle and hides note text when it would be too small
   * to read. Text is most of the cost of drawing notes; with 2,000 notes on screen at a low zoom
   * this keeps panning smooth. Pass null to draw everything (PNG export).
   */
  setViewport(view: Rect | null, scale: number, moving = false): void {
    const margin = view ? Math.max(view.width, view.height) * 0.1 : 0;
    this.visibleRect = view && { x: view.x - margin, y: view.y - margin, width: view.width + 2 * margin, height: view.height + 2 * margin };
    let changed = false;
    let visibleCount = 0;
    for (const n of this.nodes.values()) {
      const vis = this.inView(n.group.position());
      if (vis) visibleCount++;
      if (vis !== n.group.visible()) {
        n.group.visible(vis);
        changed = true;
      }
    }
    // While the camera moves over a crowded view, draw notes without text: text is about three
    // quarters of the drawing cost. It comes back when the movement stops (the caller debounces).
    const crowdedMotion = moving && visibleCount > MOTION_TEXT_LIMIT;
    const showText = view === null || (scale >= MIN_TEXT_SCALE && !crowdedMotion);
    if (showText !== this.textShown) {
      this.textShown = showText;
      for (const [id, n] of this.nodes) n.text.visible(showText && this.editing !== id);
      changed = true;
    }
    if (changed) this.draw();
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
    for (const id of ids) {
      const p = positions?.get(id);
      const wasOver = this.overrideOf(id) !== undefined;
      if (p) target.set(id, p);
      else target.delete(id);
      const isOver = this.overrideOf(id) !== undefined;
      const node = this.nodes.get(id);
      if (!node) continue;
      if (isOver && !wasOver) {
        node.group.moveTo(this.dragLayer);
        lifted = true;
      }
      this.placeNode(id);
      if (!isOver && wasOver) {
        this.restackOne(id);
        back = true;
      }
    }
    this.dragLayer.batchDraw();
    if (back || lifted) this.layer.batchDraw();
  }

  setSelected(ids: Iterable<string>): void {
    const next = new Set(ids);
    for (const id of new Set([...this.selected, ...next])) {
      const on = next.has(id);
      if (on === this.selected.has(id)) continue;
      const n = this.nodes.get(id);
      n?.rect.setAttrs({ stroke: on ? SELECTED_BORDER : BORDER, strokeWidth: on ? 3 : 1 });
    }
    this.selected = next;
    this.draw();
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
    if (this.editing) this.nodes.get(this.editing)?.text.visible(this.textShown);
    this.editing = id;
    if (id) this.nodes.get(id)?.text.visible(false);
    this.draw();
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
    for (const layer of [this.layer, this.dragLayer]) {
      for (const child of layer.getChildren()) {
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

  private draw(): void {
    this.layer.batchDraw();
    this.dragLayer.batchDraw();
  }
}
