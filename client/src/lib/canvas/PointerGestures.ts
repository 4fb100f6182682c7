// Pointer input on the canvas (mouse, pen and touch through Pointer Events):
// - press on a note: select it (Shift: toggle) and drag the selection;
// - press on empty space: pan; with Shift: box-select; with Space held: always pan;
// - double click / double tap: edit the note, or create one on empty space in a quadrant. What the
//   FIRST press hit decides which: the second press of a real double-click lands a few pixels off,
//   and at a low zoom that is often on a neighbouring note (issue 8: texts typed into the wrong note);
// - two fingers: pinch zoom and pan; wheel (and trackpad pinch, which arrives as ctrl+wheel): zoom.
// Hit testing is done here on world coordinates (NoteLayer.drawnPositions), not with Konva's hit
// canvas: with 2,000 notes a hit canvas would double the cost of every redraw of the notes layer.
import { pinchCamera, toWorld, wheelZoomFactor, zoomAround, type Camera } from './camera.ts';
import { rectFromPoints, type Rect } from './noteView.ts';

export interface GestureHost {
  camera(): Camera;
  /** `user`: a pan or zoom made by this user (stops following someone else). */
  setCamera(c: Camera, user: boolean): void;
  noteAt(world: { x: number; y: number }): string | undefined;
  readOnly(): boolean;
  spaceHeld(): boolean;
  selection(): string[];
  setSelection(ids: string[]): void;
  /** Starts a drag of these notes; returns false if nothing can be dragged. */
  beginDrag(ids: string[]): boolean;
  dragBy(dx: number, dy: number): void;
  endDrag(commit: boolean): void;
  /** Shows the box-select rectangle (world), or hides it with null. */
  showBox(r: Rect | null): void;
  boxSelect(r: Rect, additive: boolean): void;
  doubleClick(world: { x: number; y: number }, noteId: string | undefined): void;
  pointerAt(world: { x: number; y: number } | null): void;
  /** Mouse moving with no button pressed (hover feedback). */
  hover(world: { x: number; y: number }): void;
  focus(): void;
}

type Mode =
  | { kind: 'idle' }
  | { kind: 'pan'; last: { x: number; y: number }; moved: boolean; clearOnClick: boolean }
  | { kind: 'pendingDrag'; start: { x: number; y: number }; ids: string[]; hit: string }
  | { kind: 'drag'; start: { x: number; y: number } }
  | { kind: 'box'; startWorld: { x: number; y: number }; additive: boolean }
  | { kind: 'pinch'; cam: Camera; mid: { x: number; y: number }; dist: number };

/** Screen pixels a press may move and still count as a click (touch is less precise). */
const CLICK_SLOP = { mouse: 4, touch: 10 };
const DOUBLE_MS = 400;

export class PointerGestures {
  private readonly pointers = new Map<number, { x: number; y: number; type: string }>();
  private mode: Mode = { kind: 'idle' };
  /** The first press of a possible double-click: when, where (screen and world) and the note it hit. */
  private lastDown: { t: number; x: number; y: number; world: { x: number; y: number }; note: string | undefined } | null = null;
  private readonly listeners: Array<[string, EventListener, AddEventListenerOptions?]> = [];

  constructor(private readonly el: HTMLElement, private readonly host: GestureHost) {
    this.listen('pointerdown', (e) => this.down(e as PointerEvent));
    this.listen('pointermove', (e) => this.move(e as PointerEvent));
    this.listen('pointerup', (e) => this.up(e as PointerEvent, true));
    this.listen('pointercancel', (e) => this.up(e as PointerEvent, false));
    // Capture can be lost without a pointerup (e.g. the element is hidden mid-drag): end the gesture.
    this.listen('lostpointercapture', (e) => this.up(e as PointerEvent, true));
    // Any pointer, touch included: a finger lifted from the glass leaves too (after its pointerup),
    // and its cursor must not stay behind on everyone else's screen (issue 8).
    this.listen('pointerleave', () => this.host.pointerAt(null));
    this.listen('wheel', (e) => this.wheel(e as WheelEvent), { passive: false });
    // Safari sends its own pinch events for trackpads; the wheel handler covers other browsers.
    this.listen('gesturestart', (e) => e.preventDefault());
    this.listen('contextmenu', (e) => e.preventDefault());
  }

  destroy(): void {
    for (const [type, fn, opts] of this.listeners) this.el.removeEventListener(type, fn, opts);
  }

  /** Aborts whatever gesture is running (Escape, read-only switch, destroy). */
  cancel(): void {
    this.finish(false);
    this.mode = { kind: 'idle' };
  }

  private listen(type: string, fn: EventListener, opts?: AddEventListenerOptions): void {
    this.el.addEventListener(type, fn, opts);
    this.listeners.push([type, fn, opts]);
  }

  private onCanvas(e: Event): boolean {
    return e.target === this.el || e.target instanceof HTMLCanvasElement;
  }

  private local(e: { clientX: number; clientY: number }): { x: number; y: number } {
    const r = this.el.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private down(e: PointerEvent): void {
    if (!this.onCanvas(e)) return; // e.g. the note editor
    if (e.pointerType === 'mouse' && e.button !== 0 && e.button !== 1) return;
    e.preventDefault();
    this.host.focus();
    const p = this.local(e);
    // A primary pointer going down means no other pointer is down: forget any whose up we missed.
    if (e.isPrimary) this.pointers.clear();
    this.pointers.set(e.pointerId, { ...p, type: e.pointerType });
    try {
      this.el.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic events in tests have no active pointer to capture; nothing to do.
    }
    if (this.pointers.size === 2) {
      this.finish(false);
      const [a, b] = [...this.pointers.values()];
      this.mode = { kind: 'pinch', cam: this.host.camera(), mid: midpoint(a, b), dist: distance(a, b) };
      this.lastDown = null;
      return;
    }
    if (this.pointers.size > 2) return;

    // When the press happened, not when it is handled: on a busy phone (or a loaded machine) the two
    // presses of a quick double tap can be handled more than DOUBLE_MS apart, and the tap became two
    // single taps (no note; the typing that followed ran as shortcuts).
    const now = e.timeStamp;
    const slop = e.pointerType === 'touch' ? CLICK_SLOP.touch * 2 : CLICK_SLOP.mouse * 2;
    const world = toWorld(this.host.camera(), p);
    const first = this.lastDown;
    if (first && now - first.t < DOUBLE_MS && distance(first, p) < slop) {
      this.lastDown = null;
      this.mode = { kind: 'idle' };
      this.host.doubleClick(first.world, first.note);
      return;
    }
    const under = this.host.noteAt(world);
    this.lastDown = { t: now, x: p.x, y: p.y, world, note: under };

    const hit = this.host.spaceHeld() || e.button === 1 ? undefined : under;
    if (hit) {
      const sel = this.host.selection();
      if (e.shiftKey) {
        this.host.setSelection(sel.includes(hit) ? sel.filter((id) => id !== hit) : [...sel, hit]);
        this.mode = { kind: 'idle' };
        return;
      }
      const ids = sel.includes(hit) ? sel : [hit];
      if (!sel.includes(hit)) this.host.setSelection(ids);
      this.mode = this.host.readOnly()
        ? { kind: 'pan', last: p, moved: false, clearOnClick: false }
        : { kind: 'pendingDrag', start: p, ids, hit };
      return;
    }
    if (e.shiftKey && !this.host.spaceHeld()) {
      this.mode = { kind: 'box', startWorld: world, additive: true };
      return;
    }
    this.mode = { kind: 'pan', last: p, moved: false, clearOnClick: !this.host.spaceHeld() && e.button === 0 };
  }

  private move(e: PointerEvent): void {
    const p = this.local(e);
    const cam = this.host.camera();
    const world = toWorld(cam, p);
    if (e.pointerType !== 'touch' || this.pointers.size <= 1) this.host.pointerAt(world);
    const tracked = this.pointers.get(e.pointerId);
    if (!tracked) {
      if (e.pointerType === 'mouse' && this.pointers.size === 0) this.host.hover(world);
      return;
    }
    tracked.x = p.x;
    tracked.y = p.y;
    const m = this.mode;
    const slop = e.pointerType === 'touch' ? CLICK_SLOP.touch : CLICK_SLOP.mouse;
    switch (m.kind) {
      case 'pinch': {
        if (this.pointers.size < 2) return;
        const [a, b] = [...this.pointers.values()];
        this.host.setCamera(pinchCamera(m.cam, m.mid, m.dist, midpoint(a, b), distance(a, b)), true);
        return;
      }
      case 'pan': {
        const dx = p.x - m.last.x;
        const dy = p.y - m.last.y;
        if (!m.moved && Math.hypot(dx, dy) < slop) return;
        m.moved = true;
        m.last = p;
        this.host.setCamera({ ...cam, x: cam.x + dx, y: cam.y + dy }, true);
        return;
      }
      case 'pendingDrag': {
        if (Math.hypot(p.x - m.start.x, p.y - m.start.y) < slop) return;
        if (!this.host.beginDrag(m.ids)) {
          this.mode = { kind: 'idle' };
          return;
        }
        this.mode = { kind: 'drag', start: m.start };
        this.host.dragBy((p.x - m.start.x) / cam.scale, (p.y - m.start.y) / cam.scale);
        return;
      }
      case 'drag':
        this.host.dragBy((p.x - m.start.x) / cam.scale, (p.y - m.start.y) / cam.scale);
        return;
      case 'box':
        this.host.showBox(rectFromPoints(m.startWorld, world));
        return;
    }
  }

  private up(e: PointerEvent, commit: boolean): void {
    if (!this.pointers.has(e.pointerId)) return;
    this.pointers.delete(e.pointerId);
    const m = this.mode;
    if (m.kind === 'pinch') {
      // One finger stays down: keep panning with it instead of jumping into another gesture.
      const rest = [...this.pointers.values()][0];
      this.mode = rest ? { kind: 'pan', last: { x: rest.x, y: rest.y }, moved: true, clearOnClick: false } : { kind: 'idle' };
      return;
    }
    if (this.pointers.size > 0) return;
    if (m.kind === 'pan' && !m.moved && m.clearOnClick && commit) this.host.setSelection([]);
    if (m.kind === 'pendingDrag' && commit && m.ids.length > 1) this.host.setSelection([m.hit]);
    if (m.kind === 'box' && commit) {
      this.host.boxSelect(rectFromPoints(m.startWorld, toWorld(this.host.camera(), this.local(e))), m.additive);
    }
    this.finish(commit);
    this.mode = { kind: 'idle' };
  }

  private finish(commit: boolean): void {
    if (this.mode.kind === 'drag') this.host.endDrag(commit);
    if (this.mode.kind === 'box') this.host.showBox(null);
  }

  private wheel(e: WheelEvent): void {
    if (!this.onCanvas(e)) return; // scrolling inside the note editor
    e.preventDefault();
    const cam = this.host.camera();
    const at = this.local(e);
    if (!e.ctrlKey && !e.metaKey && e.deltaMode === 0 && Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      // Horizontal trackpad scroll: pan sideways rather than zoom.
      this.host.setCamera({ ...cam, x: cam.x - e.deltaX }, true);
      return;
    }
    this.host.setCamera(zoomAround(cam, at, wheelZoomFactor(e.deltaY, e.deltaMode, e.ctrlKey)), true);
  }
}

function midpoint(a: { x: number; y: number }, b: { x: number; y: number }): { x: number; y: number } {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
