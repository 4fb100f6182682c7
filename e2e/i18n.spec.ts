// Dutch is a first-class language: the UI follows the browser and can be switched on the board.
import { test, expect, type Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { joinBoard, outlineFrame, showOutline } from './support/board.ts';
import { nl } from '../shared/src/i18n/nl.ts';

const DUTCH_QUADRANTS = {
  'swot.strengths': 'Sterkten',
  'swot.weaknesses': 'Zwakten',
  'swot.opportunities': 'Kansen',
  'swot.threats': 'Bedreigingen',
} as const;

async function expectDutchQuadrants(page: Page): Promise<void> {
  for (const [frame, label] of Object.entries(DUTCH_QUADRANTS)) {
    await expect(outlineFrame(page, frame)).toContainText(label);
  }
}

test('a Dutch browser gets the Dutch UI', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'SWOT verkoopteam', language: 'nl' });
  const context = await browser.newContext({ locale: 'nl-NL' });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByTestId('create-submit')).toHaveText(nl['home.create.submit']);
    await joinBoard(page, board.links.participant, 'Pieter');
    await expect(page.getByTestId('locale-switch')).toHaveValue('nl');
    await expect(page.getByTestId('connection-status')).toContainText(nl['status.live']);
    await showOutline(page);
    await expectDutchQuadrants(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  } finally {
    await context.close();
  }
});

test('the language can be switched to Dutch on the board', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Switch SWOT' });
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await joinBoard(page, board.links.participant, 'Pat');
    await showOutline(page);
    await expect(outlineFrame(page, 'swot.strengths')).toContainText('Strengths');
    await page.getByTestId('locale-switch').selectOption('nl');
    await expectDutchQuadrants(page);
    await expect(page.getByTestId('view-canvas')).toContainText(nl['toolbar.viewCanvas']);
  } finally {
    await context.close();
  }
});
