// Pointer-level helpers for the Konva canvas. Positions come from the page: the canvas container's
// box, and (when the renderer exposes them) the Konva nodes' own client rectangles.
import { expect, type Page } from '@playwright/test';

export interface Box { x: number; y: number; width: number; height: number }

export async function canvasBox(page: Page): Promise<Box> {
  const canvas = page.getByTestId('canvas');
  await expect(canvas).toBeVisible();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('canvas has no box');
  return box;
}

export async function expectNoteCount(page: Page, count: number): Promise<void> {
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-note-count', String(count));
}

/**
 * Screen rectangle of a note's Konva node, found by its id (Konva is a global, `window.Konva`, and
 * the renderer's stage sits inside `[data-testid=canvas]`). Undefined when no node carries the id.
 */
export async function noteScreenBox(page: Page, id: string): Promise<Box | undefined> {
  return page.evaluate((noteId) => {
    type KNode = {
      id(): string;
      name(): string;
      getAttr(k: string): unknown;
      getClassName(): string;
      getClientRect(): { x: number; y: number; width: number; height: number };
      getParent(): KNode | null;
    };
    type KStage = KNode & { container(): HTMLElement; find(fn: (n: KNode) => boolean): KNode[] };
    const konva = (window as unknown as { Konva?: { stages: KStage[] } }).Konva;
    const host = document.querySelector('[data-testid="canvas"]');
    const stage = konva?.stages.find((s) => host?.contains(s.container()));
    if (!stage) return undefined;
    const carries = (n: KNode) =>
      n.id() === noteId || n.getAttr('noteId') === noteId || n.name().split(' ').includes(noteId);
    const found = stage.find(carries);
    if (found.length === 0) return undefined;
    // The outermost node carrying the id is the whole note (group), not its text or shadow.
    const outer = found.find((n) => !found.some((m) => m !== n && isAncestor(m, n))) ?? found[0];
    const r = outer.getClientRect();
    const c = stage.container().getBoundingClientRect();
    return { x: c.left + r.x, y: c.top + r.y, width: r.width, height: r.height };

    function isAncestor(a: KNode, b: KNode): boolean {
      for (let p = b.getParent(); p; p = p.getParent()) if (p === a) return true;
      return false;
    }
  }, id);
}

/** Presses at `from`, moves in small steps (Konva needs real pointermoves to start a drag), releases at `to`. */
export async function dragWithMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 5, from.y + 5, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

/** Note ids the renderer has a Konva node for (`BoardRendererApi.renderedNoteIds`), sorted. */
export async function renderedNoteIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const r = (window as unknown as { __board?: { renderer: { renderedNoteIds(): string[] } | null } }).__board?.renderer;
    return r ? [...r.renderedNoteIds()].sort() : [];
  });
}

/**
 * Page position of a world point, from the viewport the renderer publishes through awareness. Waits
 * until that viewport matches the canvas's current shape (it is throttled, so it may lag a resize).
 * The fitted board is not centred in the canvas (the quadrant jump bar's band is left free), so tests
 * find board places through this instead of the canvas centre.
 */
export async function worldToPage(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = await canvasBox(page);
  type View = { x: number; y: number; width: number; height: number };
  const read = () =>
    page.evaluate(() => {
      type Aw = { getLocalState(): { viewport?: View | null } | null };
      const board = (window as unknown as { __board?: { provider: { awareness: Aw } } }).__board;
      return board?.provider.awareness.getLocalState()?.viewport ?? null;
    });
  let view: View | null = null;
  await expect
    .poll(async () => {
      view = await read();
      return view !== null && Math.abs(view.width / view.height - box.width / box.height) < 0.02;
    }, { message: 'the renderer publishes a viewport of the canvas shape' })
    .toBe(true);
  const v = view as unknown as View;
  const scale = box.width / v.width;
  return { x: box.x + (p.x - v.x) * scale, y: box.y + (p.y - v.y) * scale };
}

/**
 * A double tap as a person makes one: its touch events stamped 60-150 ms apart (CDP `timestamp`),
 * however late a loaded page gets to handle them. Two `touchscreen.tap` calls are stamped when the
 * page has handled the previous one, which under load is more than a double tap's 400 ms apart.
 */
export async function doubleTap(page: Page, x: number, y: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const start = Date.now() / 1000;
    const point = [{ x, y }];
    const steps = [
      { type: 'touchStart', touchPoints: point, at: 0 },
      { type: 'touchEnd', touchPoints: [], at: 0.06 },
      { type: 'touchStart', touchPoints: point, at: 0.15 },
      { type: 'touchEnd', touchPoints: [], at: 0.21 },
    ];
    for (const s of steps) await cdp.send('Input.dispatchTouchEvent', { type: s.type as 'touchStart', touchPoints: s.touchPoints, timestamp: start + s.at });
  } finally {
    await cdp.detach();
  }
}
