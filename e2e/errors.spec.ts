// A bad link shows a page that says what is wrong and what to do, before anyone types a name, and
// never a blank canvas (issue 8).
import { test, expect, type Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { en } from '../shared/src/i18n/en.ts';

test('a link with a wrong token fails before the name form, and says to ask for a new link', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'Error SWOT' });
  const link = new URL(board.links.participant);
  link.hash = 'this-token-was-never-issued-by-the-server';
  await page.goto(link.toString());
  await expectErrorWithoutNameForm(page, 'unauthorized');
  await expect(page.getByTestId('join-error')).toContainText(en['errorPage.unauthorized']);
  await expect(page.getByTestId('join-error-next')).toHaveText(en['errorPage.askLink']);
});

test('a link to a board that does not exist fails before the name form', async ({ page }) => {
  await page.goto('/b/AAAAAAAAAAAAAAAA#some-token-for-a-board-that-is-not-there');
  await expectErrorWithoutNameForm(page, 'not_found');
  await expect(page.getByTestId('join-error')).toContainText(en['errorPage.not_found']);
  await expect(page.getByTestId('join-error-next')).toHaveText(en['errorPage.checkLink']);
});

test('a board link without a token tells the user to ask for one', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'No token SWOT' });
  await page.goto(`/b/${board.id}`);
  await expectErrorWithoutNameForm(page, 'no_session');
  await expect(page.getByTestId('join-error')).toContainText(en['errorPage.no_session']);
  await expect(page.getByTestId('join-error-next')).toHaveText(en['errorPage.askLink']);
});

async function expectErrorWithoutNameForm(page: Page, error: string): Promise<void> {
  await expect(page.getByTestId('join-error')).toHaveAttribute('data-error', error);
  await expect(page.getByTestId('join-name')).toHaveCount(0);
  await expect(page.getByTestId('canvas')).toHaveCount(0);
}
