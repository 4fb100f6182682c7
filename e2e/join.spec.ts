// The join page says which board a link opens and as what, in the board's language, and the
// facilitator who just created the board is not asked for their name again (issue 8).
import { test, expect } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { expectLive } from './support/board.ts';
import { en } from '../shared/src/i18n/en.ts';
import { nl } from '../shared/src/i18n/nl.ts';

test('the join form shows the board title and the role, worded for that role', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'Acme SWOT 2026' });
  await page.goto(board.links.participant);
  await expect(page.getByTestId('join-title')).toHaveText('Acme SWOT 2026');
  await expect(page.getByTestId('join-role')).toHaveAttribute('data-role', 'participant');
  await expect(page.getByTestId('join-role')).toHaveText(en['join.as.participant']);
  await expect(page.getByText(en['join.intro'])).toBeVisible();

  // A viewer adds no notes: not told that others see "your notes".
  await page.goto('about:blank');
  await page.goto(board.links.viewer);
  await expect(page.getByTestId('join-role')).toHaveAttribute('data-role', 'viewer');
  await expect(page.getByTestId('join-role')).toHaveText(en['join.as.viewer']);
  await expect(page.getByText(en['join.intro.viewer'])).toBeVisible();
  await expect(page.getByText(en['join.intro'])).toHaveCount(0);
  await expect(page.getByTestId('join-submit')).toHaveText(en['join.submit.viewer']);
});

test('the join form follows the board language, not the browser', async ({ page, request }) => {
  // The test browser's locale is en-US.
  const board = await createBoard(request, { title: 'Verkoop SWOT', language: 'nl' });
  await page.goto(board.links.participant);
  await expect(page.getByText(nl['join.heading'])).toBeVisible();
  await expect(page.getByTestId('join-role')).toHaveText(nl['join.as.participant']);
  await expect(page.getByTestId('join-submit')).toHaveText(nl['join.submit']);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test('the facilitator who created the board goes straight in with the name from the home page', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('create-title').fill('Straight in');
  await page.getByTestId('create-name').fill('Fiona');
  await page.getByTestId('create-submit').click();
  await page.getByTestId('open-board').click();
  await expectLive(page);
  const self = page.locator('[data-testid="participant"][data-self="true"]');
  await expect(self).toHaveAttribute('data-role', 'facilitator');
  await expect(self).toContainText('Fiona');
});
