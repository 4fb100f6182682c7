// Clear to join (issue 8): everyone in the room can be seen in the participant list, on a laptop
// and on a phone, each with a colour of their own. Eleven of the twelve people are real client
// connections from the test process (BoardConnection over y-websocket), the twelfth is the page.
import { test, expect, type Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { joinBoard } from './support/board.ts';
import { joinFromNode } from './support/nodeUsers.ts';
import { seriousViolations } from './support/axe.ts';
import type { BoardConnection } from '../client/src/lib/sync/BoardConnection.ts';

const NAMES = ['Ann', 'Bob', 'Chris', 'Daan', 'Eva', 'Femke', 'Gijs', 'Hans', 'Iris', 'Joost', 'Kim'];

for (const device of [
  { name: 'laptop', viewport: { width: 1366, height: 768 }, touch: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, touch: true },
]) {
  test(`the participant list shows all 12 people with distinct colours on a ${device.name}`, async ({ browser, request }) => {
    const board = await createBoard(request, { title: `Twelve on a ${device.name}` });
    const others: BoardConnection[] = [];
    const context = await browser.newContext({ viewport: device.viewport, hasTouch: device.touch, isMobile: device.touch });
    try {
      for (const name of NAMES) others.push(await joinFromNode(request, board.links.participant, name));
      const page = await context.newPage();
      await joinBoard(page, board.links.facilitator, 'Fiona');
      const people = page.getByTestId('participant');
      await expect(people).toHaveCount(12);

      // Everyone's name is on screen, whole, after the one click the page offers (no scrolling at 12).
      await openList(page);
      for (const name of ['Fiona', ...NAMES]) {
        await expect.soft(people.filter({ hasText: name }).locator('.participant-name'), name).toBeInViewport({ ratio: 1 });
      }
      // Distinct colours, the same in every browser: the page's dots match what each person publishes.
      await expect.configure({ soft: true }).poll(async () => new Set(await dotColours(page)).size, { message: 'distinct colours' }).toBe(12);
      const published = new Set(others.map((c) => (c.awareness.getLocalState() as { user: { color: string } }).user.color));
      expect.soft(published.size).toBe(11);
      for (const c of published) expect.soft(await dotColours(page)).toContain(c);
      await expect(page.getByTestId('participants-toggle')).toContainText('12');
      expect(await seriousViolations(page)).toEqual([]);

      // Escape closes the list and gives the keyboard back to the button.
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('participants-panel')).toBeHidden();
      await expect(page.getByTestId('participants-toggle')).toBeFocused();
    } finally {
      for (const c of others) c.destroy();
      await context.close();
    }
  });
}

test('three people whose names ask for the same colour get three colours, the same in every browser', async ({ browser, request }) => {
  // Bob, Joost and Pieter: one colour for all three when it came from a hash of the name (issue 8).
  const board = await createBoard(request, { title: 'Same colour' });
  const contexts = [await browser.newContext(), await browser.newContext(), await browser.newContext()];
  try {
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    await joinBoard(pages[0], board.links.facilitator, 'Bob');
    await joinBoard(pages[1], board.links.participant, 'Joost');
    await joinBoard(pages[2], board.links.participant, 'Pieter');
    for (const page of pages) await expect(page.getByTestId('participant')).toHaveCount(3);
    const byName = async (page: Page) => {
      const names = await page.getByTestId('participant').locator('.participant-name').allTextContents();
      const colours = await dotColours(page);
      return Object.fromEntries(names.map((n, i) => [n.replace(/\s*\(.*\)$/u, '').trim(), colours[i]]));
    };
    await expect.poll(async () => new Set(Object.values(await byName(pages[0]))).size, { message: 'three colours' }).toBe(3);
    const seen = await byName(pages[0]);
    for (const page of pages.slice(1)) await expect.poll(() => byName(page)).toEqual(seen);
  } finally {
    for (const c of contexts) await c.close();
  }
});

test('forty people fit in the list: it scrolls, and every name can be reached', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Forty' });
  const others: BoardConnection[] = [];
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    for (let i = 1; i < 40; i++) others.push(await joinFromNode(request, board.links.participant, `Person ${String(i).padStart(2, '0')}`));
    const page = await context.newPage();
    await joinBoard(page, board.links.facilitator, 'Fiona');
    await expect(page.getByTestId('participants-toggle')).toContainText('40');
    await openList(page);
    await expect(page.getByTestId('participant')).toHaveCount(40);
    const last = page.getByTestId('participant').filter({ hasText: 'Person 39' });
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport({ ratio: 1 });
    // The page itself did not grow: the list scrolls inside its panel.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    await expect.poll(async () => new Set(await dotColours(page)).size).toBe(40);
  } finally {
    for (const c of others) c.destroy();
    await context.close();
  }
});

/** Opens the participant list with its button (a page without one fails at the visibility checks that follow). */
async function openList(page: Page): Promise<void> {
  const toggle = page.getByTestId('participants-toggle');
  if ((await toggle.count()) === 0) return;
  await toggle.click();
  await expect(page.getByTestId('participants-panel')).toBeVisible();
}

/** Each listed person's colour, as drawn (the background of their dot or avatar). */
async function dotColours(page: Page): Promise<string[]> {
  return page.getByTestId('participant').evaluateAll((els) =>
    els.map((e) => {
      const dot = e.querySelector<HTMLElement>('[aria-hidden="true"]');
      const rgb = dot ? getComputedStyle(dot).backgroundColor.match(/\d+/g) ?? [] : [];
      return '#' + rgb.slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
    }),
  );
}
