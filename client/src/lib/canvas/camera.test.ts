import { describe, it, expect } from 'vitest';
import {
  cameraBetween,
  editorBox,
  fitRect,
  frameCamera,
  initialCamera,
  keepCamera,
  restoreCamera,
  READABLE_SCALE,
  panToReveal,
  pinchCamera,
  toScreen,
  toWorld,
  visibleWorld,
  zoomAround,
  wheelZoomFactor,
  MAX_SCALE,
} from './camera.ts';

describe('camera', () => {
  it('keeps the world point under the pointer when zooming', () => {
    const cam = { x: 30, y: -20, scale: 0.7 };
    const at = { x: 400, y: 250 };
    const before = toWorld(cam, at);
    const after = toWorld(zoomAround(cam, at, 1.8), at);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('never zooms beyond the limits', () => {
    expect(zoomAround({ x: 0, y: 0, scale: 3 }, { x: 0, y: 0 }, 100).scale).toBe(MAX_SCALE);
  });

  it('fits a rectangle centred in the view', () => {
    const cam = fitRect({ x: 0, y: 0, width: 1920, height: 1280 }, 1000, 800, 40);
    const vis = visibleWorld(cam, 1000, 800);
    expect(vis.x).toBeLessThanOrEqual(0);
    expect(vis.y).toBeLessThanOrEqual(0);
    expect(vis.x + vis.width).toBeGreaterThanOrEqual(1920);
    expect(vis.y + vis.height).toBeGreaterThanOrEqual(1280);
    expect(toScreen(cam, { x: 960, y: 640 })).toEqual({ x: 500, y: 400 });
  });

  it('pinch zooms and pans around the fingers', () => {
    const start = { x: 0, y: 0, scale: 1 };
    const cam = pinchCamera(start, { x: 100, y: 100 }, 100, { x: 150, y: 120 }, 200);
    expect(cam.scale).toBe(2);
    expect(toScreen(cam, { x: 100, y: 100 })).toEqual({ x: 150, y: 120 });
  });

  it('zooms in on wheel up and out on wheel down', () => {
    expect(wheelZoomFactor(-100, 0, false)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0, false)).toBeLessThan(1);
  });

  it('lays the editor exactly over the note when zoomed in', () => {
    expect(editorBox({ x: 10, y: 20, scale: 2 }, { x: 100, y: 50 }, 800, 600, 1)).toEqual({ x: 210, y: 120, scale: 2 });
  });

  it('grows the editor to full size around the note when zoomed out, inside the view', () => {
    const box = editorBox({ x: 0, y: 0, scale: 0.25 }, { x: 0, y: 0 }, 400, 300, 1);
    expect(box.scale).toBe(1);
    expect(box.x).toBeGreaterThanOrEqual(4);
    expect(box.y).toBeGreaterThanOrEqual(4);
  });

  it('pans just enough to show an off-screen note whole, and not at all for a visible one', () => {
    const cam = { x: 0, y: 0, scale: 1 };
    expect(panToReveal(cam, { x: 100, y: 100 }, 800, 600)).toBeNull();
    // Note 160 x 120 at x 700: its right edge must come to 800 - 24.
    expect(panToReveal(cam, { x: 700, y: 100 }, 800, 600)).toEqual({ x: -84, y: 0, scale: 1 });
    // Above and left of the view: its top-left comes to (24, 24).
    expect(panToReveal({ x: 0, y: 0, scale: 2 }, { x: -50, y: -10 }, 800, 600)).toEqual({ x: 124, y: 44, scale: 2 });
  });

  const strengths = { x: 0, y: 0, width: 960, height: 640 };
  const board = { x: 0, y: 0, width: 1920, height: 1280 };
  const inside = (outer: { x: number; y: number; width: number; height: number }, r: typeof outer) =>
    r.x >= outer.x - 1e-6 && r.y >= outer.y - 1e-6 && r.x + r.width <= outer.x + outer.width + 1e-6 && r.y + r.height <= outer.y + outer.height + 1e-6;

  it('fits one frame whole with a small margin, filling the view in one direction', () => {
    const cam = frameCamera(strengths, 1280, 800);
    const vis = visibleWorld(cam, 1280, 800);
    expect(inside(vis, strengths)).toBe(true);
    const tl = toScreen(cam, { x: 0, y: 0 });
    const br = toScreen(cam, { x: 960, y: 640 });
    expect(Math.min(tl.x, tl.y, 1280 - br.x, 800 - br.y)).toBeGreaterThan(4);
    expect(Math.min(tl.y, 800 - br.y)).toBeLessThan(20);
  });

  const topRow = { x: 0, y: 0, width: 1920, height: 640 };
  const regions = [board, topRow, strengths];

  it('opens at a readable zoom on a laptop, a phone and a projector (issue 8: 42%, 38%, 66% before)', () => {
    // Canvas sizes below the header, toolbar and canvas navigator.
    for (const [w, h] of [[1366, 600], [390, 640], [1920, 920]]) {
      expect(initialCamera(regions, w, h, 64).scale).toBeGreaterThanOrEqual(READABLE_SCALE);
    }
  });

  it('shows as much as stays readable: the whole board on a projector, the top row on a laptop, a quadrant\'s corner on a phone', () => {
    const projector = visibleWorld(initialCamera(regions, 1920, 1000), 1920, 1000);
    expect(inside(projector, board)).toBe(true);
    const laptop = visibleWorld(initialCamera(regions, 1366, 600, 64), 1366, 600);
    expect(inside(laptop, topRow)).toBe(true);
    expect(inside(laptop, board)).toBe(false);
    const phone = visibleWorld(initialCamera(regions, 390, 640, 64), 390, 640);
    expect(phone.x).toBeLessThanOrEqual(0);
    expect(phone.y).toBeLessThanOrEqual(0);
  });

  it('opens a layout that asks for an overview whole on a laptop and a projector, and readable on a phone', () => {
    // The 7S figure with its legend: about 4700 x 1200.
    const figure = { x: 0, y: 0, width: 4700, height: 1200 };
    const first = { x: 720, y: 0, width: 720, height: 400 };
    const sevens = [figure, { x: 720, y: 0, width: 2880, height: 400 }, first];
    for (const [w, h] of [[1366, 545], [1920, 860]]) {
      expect(inside(visibleWorld(initialCamera(sevens, w, h, 64, true), w, h), figure)).toBe(true);
      expect(inside(visibleWorld(initialCamera(sevens, w, h, 64), w, h), figure)).toBe(false);
    }
    expect(initialCamera(sevens, 390, 640, 64, true).scale).toBeGreaterThanOrEqual(READABLE_SCALE);
  });

  it('leaves a bottom inset free when fitting, centring the rect in the band above it', () => {
    const cam = fitRect(board, 1000, 800, 32, 1.5, 64);
    const tl = toScreen(cam, { x: 0, y: 0 });
    const br = toScreen(cam, { x: 1920, y: 1280 });
    expect(br.y).toBeLessThanOrEqual(800 - 64 - 32 + 1e-6);
    expect(tl.y).toBeGreaterThanOrEqual(32 - 1e-6);
    expect((tl.y + br.y) / 2).toBeCloseTo((800 - 64) / 2);
    expect((tl.x + br.x) / 2).toBeCloseTo(500);
    // Without an inset the fit is unchanged.
    expect(fitRect(board, 1000, 800, 32, 1.5, 0)).toEqual(fitRect(board, 1000, 800, 32, 1.5));
  });

  it('passes the bottom inset through the frame and first-view fits', () => {
    const frame = toScreen(frameCamera(strengths, 1280, 800, 64), { x: 960, y: 640 });
    expect(frame.y).toBeLessThanOrEqual(800 - 64 + 1e-6);
    const desk = initialCamera(regions, 1920, 1100, 64);
    expect(toScreen(desk, { x: 0, y: 1280 }).y).toBeLessThanOrEqual(1100 - 64 + 1e-6);
  });

  it('never lets the inset take more than half of a short view', () => {
    const cam = fitRect(board, 1000, 400, 0, 1.5, 1000);
    expect(toScreen(cam, { x: 0, y: 0 }).y).toBeCloseTo(0);
    expect(toScreen(cam, { x: 0, y: 1280 }).y).toBeCloseTo(200);
  });

  it('animates between cameras keeping the view centre on a straight line', () => {
    const a = fitRect(board, 1000, 800, 32);
    const b = frameCamera({ x: 960, y: 640, width: 960, height: 640 }, 1000, 800);
    expect(cameraBetween(a, b, 0, 1000, 800)).toEqual(a);
    expect(cameraBetween(a, b, 1, 1000, 800)).toEqual(b);
    const half = cameraBetween(a, b, 0.5, 1000, 800);
    expect(half.scale).toBeCloseTo(Math.sqrt(a.scale * b.scale));
    const centre = (c: typeof a) => toWorld(c, { x: 500, y: 400 });
    expect(centre(half).x).toBeCloseTo((centre(a).x + centre(b).x) / 2);
    expect(centre(half).y).toBeCloseTo((centre(a).y + centre(b).y) / 2);
  });
});

describe('keepCamera / restoreCamera', () => {
  it('shows the same world point at the centre at the same zoom, in a view of the same or another size', () => {
    const cam = { x: -340, y: 120, scale: 1.6 };
    const kept = keepCamera(cam, 1200, 700);
    expect(restoreCamera(kept, 1200, 700)).toEqual(cam);
    const other = restoreCamera(kept, 800, 500);
    expect(other.scale).toBe(1.6);
    expect(toWorld(other, { x: 400, y: 250 })).toEqual(toWorld(cam, { x: 600, y: 350 }));
  });
});
