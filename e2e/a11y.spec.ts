// axe-core in the real page: no serious or critical accessibility violations on the home page
// and on a board, in both views.
import { test, expect } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { addNoteInOutline, joinBoard, showCanvas, showOutline } from './support/board.ts';
import { seriousViolations } from './support/axe.ts';

test('the home page has no serious accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('create-submit')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // Also with the links and QR code shown.
  await page.getByTestId('create-title').fill('Accessible SWOT');
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('qr-participant')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a board has no serious accessibility violations in outline and canvas view', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'Accessible board' });
  await joinBoard(page, board.links.facilitator, 'Fiona');
  await showOutline(page);
  await addNoteInOutline(page, 'swot.strengths', 'Clear value proposition');
  await addNoteInOutline(page, 'swot.threats', 'Price pressure');
  expect(await seriousViolations(page)).toEqual([]);
  await showCanvas(page);
  expect(await seriousViolations(page)).toEqual([]);
  // The facilitator's canvas dialog, with a removed canvas in it.
  await page.getByTestId('manage-canvases').click();
  await page.getByTestId('canvas-add-submit').click();
  await expect(page.getByTestId('canvas-row')).toHaveCount(2);
  await page.getByTestId('canvas-row').last().getByTestId('canvas-remove').click();
  await expect(page.getByTestId('removed-canvas')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the join form and the error page have no serious accessibility violations', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'Accessible join' });
  await page.goto(board.links.viewer);
  await expect(page.getByTestId('join-role')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const wrong = new URL(board.links.participant);
  wrong.hash = 'not-a-token-the-server-issued';
  await page.goto('about:blank');
  await page.goto(wrong.toString());
  await expect(page.getByTestId('join-error')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
