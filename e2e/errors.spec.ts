// A bad link shows a page that says what is wrong, never a blank canvas.
import { test, expect } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { en } from '../shared/src/i18n/en.ts';

test('a link with a wrong token shows the error page', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'Error SWOT' });
  const link = new URL(board.links.participant);
  link.hash = 'this-token-was-never-issued-by-the-server';
  await page.goto(link.toString());
  await submitNameIfAsked(page);
  await expect(page.getByTestId('join-error')).toContainText(en['error.unauthorized']);
  await expect(page.getByTestId('canvas')).toHaveCount(0);
});

test('a link to a board that does not exist shows the error page', async ({ page }) => {
  await page.goto('/b/AAAAAAAAAAAAAAAA#some-token-for-a-board-that-is-not-there');
  await submitNameIfAsked(page);
  await expect(page.getByTestId('join-error')).toBeVisible();
  await expect(page.getByTestId('join-error')).toContainText(/does not exist|not valid/);
  await expect(page.getByTestId('canvas')).toHaveCount(0);
});

test('a board link without a token tells the user to ask for one', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'No token SWOT' });
  await page.goto(`/b/${board.id}`);
  await expect(page.getByTestId('join-error')).toContainText(en['error.no_session']);
  await expect(page.getByTestId('canvas')).toHaveCount(0);
});

async function submitNameIfAsked(page: import('@playwright/test').Page): Promise<void> {
  const name = page.getByTestId('join-name');
  const error = page.getByTestId('join-error');
  await expect(name.or(error).first()).toBeVisible();
  if (await name.isVisible()) {
    await name.fill('Eve');
    await page.getByTestId('join-submit').click();
  }
}
