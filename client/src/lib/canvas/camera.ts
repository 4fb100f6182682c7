// Camera math: world <-> screen for a stage that is scaled by `scale` and offset by (x, y).
// screen = world * scale + offset. Pure, so zoom behaviour is unit-tested without a browser.
import { NOTE_WIDTH, NOTE_HEIGHT } from '$shared/board/schema.ts';
import type { Rect } from './noteView.ts';

export interface Camera {
  x: number;
  y: number;
  scale: number;
}

const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;

function clampScale(s: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));
}

export function toWorld(cam: Camera, p: { x: number; y: number }): { x: number; y: number } {
  return { x: (p.x - cam.x) / cam.scale, y: (p.y - cam.y) / cam.scale };
}

export function toScreen(cam: Camera, p: { x: number; y: number }): { x: number; y: number } {
  return { x: p.x * cam.scale + cam.x, y: p.y * cam.scale + cam.y };
}

/** Zooms by `factor` keeping the world point under the screen point `at` where it is. */
export function zoomAround(cam: Camera, at: { x: number; y: number }, factor: number): Camera {
  const scale = clampScale(cam.scale * factor);
  const world = toWorld(cam, at);
  return { scale, x: at.x - world.x * scale, y: at.y - world.y * scale };
}

/**
 * Camera that shows `rect` centred in a view of `width` x `height`, with `margin` screen pixels around
 * it. `bottomInset` screen pixels at the bottom are left out of the fit (a floating bar covers them).
 */
export function fitRect(rect: Rect, width: number, height: number, margin = 40, maxScale = 1.5, bottomInset = 0): Camera {
  // The inset never takes more than half the view: a short view still shows the rect usefully.
  const usable = height - Math.min(Math.max(0, bottomInset), height / 2);
  const w = Math.max(1, width - 2 * margin);
  const h = Math.max(1, usable - 2 * margin);
  const scale = clampScale(Math.min(w / Math.max(1, rect.width), h / Math.max(1, rect.height), maxScale));
  return {
    scale,
    x: width / 2 - (rect.x + rect.width / 2) * scale,
    y: usable / 2 - (rect.y + rect.height / 2) * scale,
  };
}

/**
 * A camera as kept while its canvas is out of sight: the world point at the centre of the view and
 * the zoom, so a view of another size (the 7S tabs' panel, a rotated phone) shows the same place.
 */
export interface KeptCamera {
  centerX: number;
  centerY: number;
  scale: number;
}

export function keepCamera(cam: Camera, width: number, height: number): KeptCamera {
  const c = toWorld(cam, { x: width / 2, y: height / 2 });
  return { centerX: c.x, centerY: c.y, scale: cam.scale };
}

export function restoreCamera(kept: KeptCamera, width: number, height: number): Camera {
  const scale = clampScale(kept.scale);
  return { scale, x: width / 2 - kept.centerX * scale, y: height / 2 - kept.centerY * scale };
}

/** The world rectangle a view of `width` x `height` shows. */
export function visibleWorld(cam: Camera, width: number, height: number): Rect {
  const tl = toWorld(cam, { x: 0, y: 0 });
  return { x: tl.x, y: tl.y, width: width / cam.scale, height: height / cam.scale };
}

/**
 * Two-finger gesture: the camera that keeps the world point that was under the first midpoint
 * under the current midpoint, scaled by the change in finger distance (pinch zoom + pan at once).
 */
export function pinchCamera(
  start: Camera,
  startMid: { x: number; y: number },
  startDist: number,
  mid: { x: number; y: number },
  dist: number,
): Camera {
  const scale = clampScale(start.scale * (dist / Math.max(1, startDist)));
  const world = toWorld(start, startMid);
  return { scale, x: mid.x - world.x * scale, y: mid.y - world.y * scale };
}

/** Wheel delta to zoom factor; ctrl+wheel (trackpad pinch in browsers) sends small deltas, so it is steeper. */
export function wheelZoomFactor(deltaY: number, deltaMode: number, ctrlKey: boolean): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const k = ctrlKey ? 0.01 : 0.0015;
  return Math.exp(-Math.max(-100, Math.min(100, px)) * k);
}

/**
 * Where the note editor goes (container pixels, and its zoom): over the note, but never below
 * `minScale`, so typing stays readable when zoomed out (on a phone the whole board is tiny). A grown
 * editor is centred on the note and kept inside the view.
 */
export function editorBox(
  cam: Camera,
  note: { x: number; y: number },
  viewWidth: number,
  viewHeight: number,
  minScale: number,
): { x: number; y: number; scale: number } {
  const tl = toScreen(cam, note);
  if (cam.scale >= minScale) return { x: tl.x, y: tl.y, scale: cam.scale };
  const c = toScreen(cam, { x: note.x + NOTE_WIDTH / 2, y: note.y + NOTE_HEIGHT / 2 });
  const w = NOTE_WIDTH * minScale;
  const h = NOTE_HEIGHT * minScale;
  const clamp = (v: number, max: number) => (max < 4 ? v : Math.min(Math.max(v, 4), max));
  return { x: clamp(c.x - w / 2, viewWidth - w - 4), y: clamp(c.y - h / 2, viewHeight - h - 4), scale: minScale };
}

/**
 * The camera panned just enough to show a note whole, `margin` pixels inside the view edge, or null
 * when it is in view already. Keyboard users move through notes they cannot see otherwise.
 */
export function panToReveal(cam: Camera, note: { x: number; y: number }, viewWidth: number, viewHeight: number, margin = 24): Camera | null {
  const tl = toScreen(cam, note);
  const w = NOTE_WIDTH * cam.scale;
  const h = NOTE_HEIGHT * cam.scale;
  const shift = (start: number, size: number, view: number) => (start < margin ? margin - start : start + size > view - margin ? view - margin - (start + size) : 0);
  const dx = shift(tl.x, w, viewWidth);
  const dy = shift(tl.y, h, viewHeight);
  return dx === 0 && dy === 0 ? null : { ...cam, x: cam.x + dx, y: cam.y + dy };
}

/**
 * The least zoom the first view opens at: note text (12 to 20 px) is then at least ~7 px on screen
 * (issue 8: the whole board at 35-42% on a laptop or phone made much of it about 5 px high).
 */
export const READABLE_SCALE = 0.6;
/**
 * The least zoom the whole board opens at for a layout whose figure is the point (`Template.overview`,
 * the 7S: shared values in the middle of six): region headers (44 px) are then at least 11 px. Below
 * it (a phone) the readable rule applies.
 */
export const OVERVIEW_SCALE = 0.25;
/** Screen pixels around a fitted frame (zoomToFrame and the phone's first view). */
const FRAME_MARGIN = 12;
/** Screen pixels around the whole board when fitted. */
const BOARD_MARGIN = 32;
/** A fit never zooms in further than this (a near-empty board or a small frame is not blown up). */
const FIT_MAX_SCALE = 1.5;

/** The camera that shows one frame whole, centred above `bottomInset`, with a small margin. */
export function frameCamera(frame: Rect, viewWidth: number, viewHeight: number, bottomInset = 0): Camera {
  return fitRect(frame, viewWidth, viewHeight, FRAME_MARGIN, FIT_MAX_SCALE, bottomInset);
}

/**
 * The first view of a board, fitted by readability rather than only by the board's outline: the
 * first of `regions` (largest first: the whole board, the top row of quadrants, the first quadrant)
 * that fits at READABLE_SCALE or more; when none does (a phone), the last region's top-left corner at
 * READABLE_SCALE, so its header and first notes are readable and the rest is a pan away. With
 * `overview`, the whole board wins from OVERVIEW_SCALE up.
 */
export function initialCamera(regions: readonly Rect[], viewWidth: number, viewHeight: number, bottomInset = 0, overview = false): Camera {
  for (const [i, r] of regions.entries()) {
    const cam = i === 0 ? boardCamera(r, viewWidth, viewHeight, bottomInset) : frameCamera(r, viewWidth, viewHeight, bottomInset);
    if (cam.scale >= (i === 0 && overview ? OVERVIEW_SCALE : READABLE_SCALE)) return cam;
  }
  const last = regions[regions.length - 1];
  if (!last) return { x: 0, y: 0, scale: 1 };
  return { scale: READABLE_SCALE, x: FRAME_MARGIN - last.x * READABLE_SCALE, y: FRAME_MARGIN - last.y * READABLE_SCALE };
}

/** The camera that shows the whole board, centred above `bottomInset`, at most FIT_MAX_SCALE. */
export function boardCamera(board: Rect, viewWidth: number, viewHeight: number, bottomInset = 0): Camera {
  return fitRect(board, viewWidth, viewHeight, BOARD_MARGIN, FIT_MAX_SCALE, bottomInset);
}

/**
 * The camera a fraction `t` (0..1) of the way from `a` to `b`: the world point at the view centre
 * moves in a straight line and the zoom changes geometrically, so a zoom-out-and-in looks even
 * (linear offsets would swing the view sideways while the scale changes).
 */
export function cameraBetween(a: Camera, b: Camera, t: number, viewWidth: number, viewHeight: number): Camera {
  if (t <= 0) return { ...a };
  if (t >= 1) return { ...b };
  const mid = { x: viewWidth / 2, y: viewHeight / 2 };
  const ca = toWorld(a, mid);
  const cb = toWorld(b, mid);
  const scale = a.scale * Math.pow(b.scale / a.scale, t);
  const cx = ca.x + (cb.x - ca.x) * t;
  const cy = ca.y + (cb.y - ca.y) * t;
  return { scale, x: mid.x - cx * scale, y: mid.y - cy * scale };
}

/** Ease-in-out (cubic) for camera animations. */
export function easeInOut(t: number): number {
  return t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2;
}
