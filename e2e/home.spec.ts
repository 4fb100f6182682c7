// The home page: links can be copied, the browser remembers the boards it created and the name
// its user joins with.
import { test, expect } from '@playwright/test';
import { en } from '../shared/src/i18n/en.ts';
import { enterNameIfAsked, expectLive, joinBoard } from './support/board.ts';

test('copy buttons, remembered boards and a remembered name', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const page = await context.newPage();
    await page.goto('/');
    for (const title of ['First workshop', 'Second workshop']) {
      await page.getByTestId('create-title').fill(title);
      await page.getByTestId('create-submit').click();
      await expect(page.getByTestId('my-boards')).toContainText(title);
    }
    const participantLink = await page.getByTestId('link-participant').inputValue();
    await page.getByTestId('copy-participant').click();
    await expect(page.getByTestId('copy-participant')).toContainText(en['home.links.copied']);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(participantLink);

    // After a reload both boards are still listed, and a listed board opens as facilitator.
    await page.reload();
    const myBoards = page.getByTestId('my-boards');
    await expect(myBoards).toContainText('First workshop');
    await expect(myBoards).toContainText('Second workshop');
    await myBoards.getByRole('link', { name: 'First workshop' }).click();
    await enterNameIfAsked(page, 'Fiona');
    await expectLive(page);
    await expect(page.locator('[data-testid="participant"][data-self="true"]')).toHaveAttribute('data-role', 'facilitator');
    expect(page.url().startsWith(`${baseURL}/b/`)).toBe(true);

    // The name entered once is offered again on the next board's join form.
    await page.goto(participantLink);
    const name = page.getByTestId('join-name');
    await expect(name).toBeVisible();
    await expect(name).toHaveValue('Fiona');
    await joinBoard(page, participantLink, 'Fiona');
    await expect(page.locator('[data-testid="participant"][data-self="true"]')).toHaveAttribute('data-role', 'participant');
  } finally {
    await context.close();
  }
});
