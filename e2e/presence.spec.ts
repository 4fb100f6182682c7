// Presence: others' cursors with names (which one can hide), and following another user's view.
import { test, expect } from './support/workshop.ts';
import type { Page } from '@playwright/test';
import { showCanvas } from './support/board.ts';
import { canvasBox } from './support/canvas.ts';

test('remote cursors show with names, can be hidden, and a user can follow another view', async ({ workshop }) => {
  const { fac, par } = await workshop('Presence SWOT');
  await showCanvas(fac);
  await showCanvas(par);

  // Fiona's pointer over the canvas appears on Pieter's canvas as a cursor labelled "Fiona".
  const box = await canvasBox(fac);
  await fac.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await fac.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.4, { steps: 5 });
  await expect.poll(() => visibleCanvasText(par, 'Fiona')).toBe(true);

  await par.getByTestId('toggle-cursors').check();
  await expect.poll(() => visibleCanvasText(par, 'Fiona')).toBe(false);
  await par.getByTestId('toggle-cursors').uncheck();
  await fac.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.45, { steps: 3 });
  await expect.poll(() => visibleCanvasText(par, 'Fiona')).toBe(true);

  // Pieter follows Fiona: when she zooms in, his view zooms with her.
  const follow = par.locator('[data-testid="participant"][data-role="facilitator"]').getByTestId('follow');
  await par.getByTestId('participants-toggle').click();
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  const before = await zoomLevel(par);
  for (let i = 0; i < 3; i++) await fac.getByTestId('zoom-in').click();
  const facZoom = await zoomLevel(fac);
  expect(facZoom).toBeGreaterThan(before);
  await expect.poll(() => zoomLevel(par)).toBe(facZoom);

  // His own zoom ends following.
  await par.getByTestId('zoom-out').click();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
});

/** Whether the page's canvas draws a visible Konva text node reading exactly `text`. */
async function visibleCanvasText(page: Page, text: string): Promise<boolean> {
  return page.evaluate((t) => {
    type KNode = { getClassName(): string; text?: () => string; isVisible(): boolean };
    type KStage = { container(): HTMLElement; find(fn: (n: KNode) => boolean): KNode[] };
    const konva = (window as unknown as { Konva?: { stages: KStage[] } }).Konva;
    const host = document.querySelector('[data-testid="canvas"]');
    const stage = konva?.stages.find((s) => host?.contains(s.container()));
    if (!stage) return false;
    return stage.find((n) => n.getClassName() === 'Text' && n.text?.() === t).some((n) => n.isVisible());
  }, text);
}

/** The zoom level the toolbar shows, in percent. */
async function zoomLevel(page: Page): Promise<number> {
  const text = await page.locator('.zoom-level').innerText();
  return Number(text.replace('%', '').trim());
}
