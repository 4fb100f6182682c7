// The "jump to quadrant" control: one press shows a single SWOT quadrant filling the canvas (what a
// phone can read), another brings back the whole board. Checked through what the user gets: the
// zoom level, and where "Add note" (which adds at the centre of the view) puts a note.
import { test, expect } from './support/workshop.ts';
import type { Page } from '@playwright/test';
import { readNotes, showCanvas } from './support/board.ts';
import { frameAt, swotTemplate } from '../shared/src/templates/index.ts';

async function zoomPercent(page: Page): Promise<number> {
  const text = (await page.locator('.zoom-level').textContent()) ?? '';
  return Number.parseInt(text, 10);
}

/**
 * The quadrant under the centre of this user's view, from the viewport the renderer publishes in
 * awareness (for followers). Waiting on it lets a camera animation finish before a note is added.
 */
async function viewCentreFrame(page: Page): Promise<string | undefined> {
  const v = await page.evaluate(() => {
    type Rect = { x: number; y: number; width: number; height: number };
    const board = (window as unknown as { __board?: { provider: { awareness: { getLocalState(): { viewport?: Rect | null } | null } } } }).__board;
    return board?.provider.awareness.getLocalState()?.viewport ?? null;
  });
  return v ? frameAt(swotTemplate, v.x + v.width / 2, v.y + v.height / 2)?.id : undefined;
}

/** Adds a note at the view centre with the toolbar button and returns its quadrant. */
async function addNoteAtCentre(page: Page): Promise<string> {
  const before = new Set((await readNotes(page)).map((n) => n.id));
  await page.getByTestId('add-note').click();
  let frame = '';
  await expect
    .poll(async () => {
      frame = (await readNotes(page)).find((n) => !before.has(n.id))?.frame ?? '';
      return frame;
    }, { message: 'a new note' })
    .not.toBe('');
  await page.keyboard.press('Escape');
  return frame;
}

test('jump buttons show one quadrant and the whole board again', async ({ workshop }) => {
  const { fac } = await workshop('Jump SWOT');
  await showCanvas(fac);
  const jump = fac.getByRole('toolbar', { name: 'Jump to quadrant' });
  await expect(jump.getByTestId('jump-frame')).toHaveCount(4);
  await expect(jump.getByRole('button', { name: 'Threats' })).toHaveAttribute('data-frame', 'swot.threats');

  await expect.poll(() => zoomPercent(fac)).toBeGreaterThan(0);
  // The first view is fitted for readability (issue 8); the whole board is further out.
  await fac.getByTestId('jump-fit').click();
  await expect.poll(() => zoomPercent(fac)).toBeLessThan(60);
  const fitted = await zoomPercent(fac);

  await fac.locator('[data-testid="jump-frame"][data-frame="swot.threats"]').click();
  await expect.poll(() => zoomPercent(fac)).toBeGreaterThan(fitted);
  await expect.poll(() => viewCentreFrame(fac)).toBe('swot.threats');
  const quadrant = await zoomPercent(fac);
  expect(await addNoteAtCentre(fac)).toBe('swot.threats');

  // Keyboard: arrows move along the control (toolbar pattern), Enter jumps.
  const threats = fac.locator('[data-testid="jump-frame"][data-frame="swot.threats"]');
  await threats.focus();
  await fac.keyboard.press('Home');
  await expect(fac.locator('[data-testid="jump-frame"][data-frame="swot.strengths"]')).toBeFocused();
  await fac.keyboard.press('Enter');
  await expect.poll(() => viewCentreFrame(fac)).toBe('swot.strengths');
  expect(await addNoteAtCentre(fac)).toBe('swot.strengths');

  await fac.getByTestId('jump-fit').click();
  await expect.poll(() => zoomPercent(fac)).toBeLessThan(quadrant);
});
