// Scores are undone like notes: Undo and Redo (buttons, Ctrl+Z, Ctrl+Shift+Z) take back this user's
// own last score on a matrix or a 7S, never anyone else's. And a 7S's Notes tab keeps its camera
// while the user scores in another tab.
import { test, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { addCanvas } from '../shared/src/board/canvases.ts';
import { createNote } from '../shared/src/board/notes.ts';
import type { CreateBoardResponse } from '../shared/src/protocol.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { canvasViewOpener } from './support/canvasView.ts';

const openMatrix = canvasViewOpener(test, 'matrix');
const open7s = canvasViewOpener(test, 'sevens');

/** A board with a strength and an opportunity on the SWOT, and a matrix and a 7S added by a program. */
async function scoringBoard(request: APIRequestContext, baseURL: string) {
  const res = await request.post('/api/boards', { data: { title: 'Score undo e2e', template: 'swot', language: 'en' } });
  expect(res.status(), await res.text()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const program = await BoardProgram.join(request, baseURL, board.links.facilitator, 'Setup');
  const doc = program.doc;
  const row = createNote(doc, { canvas: 'swot', frame: 'swot.strengths', text: 'Strong brand', x: 16, y: 72, color: 'yellow', author: 'Setup' });
  const column = createNote(doc, { canvas: 'swot', frame: 'swot.opportunities', text: 'B2B market', x: 16, y: 712, color: 'yellow', author: 'Setup' });
  const matrix = addCanvas(doc, { kind: 'confrontation', title: 'Matrix' });
  const sevens = addCanvas(doc, { kind: '7s', title: '7S' });
  return { board, program, row, column, matrix, sevens };
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test('undo and redo take back this user\'s own matrix scores one at a time, and leave another participant\'s alone', async ({ browser, request, baseURL }) => {
  const b = await scoringBoard(request, baseURL!);
  const fac = await newPage(browser);
  const par = await newPage(browser);
  try {
    await openMatrix(fac, b.board.links.facilitator, b.matrix, 'Fiona');
    await openMatrix(par, b.board.links.participant, b.matrix, 'Pieter');
    const cell = (p: Page) => p.locator(`[data-testid="matrix-cell"][data-row="${b.row}"][data-column="${b.column}"]`);

    await cell(par).click(); // Pieter: 0
    await expect(cell(par)).toHaveAttribute('data-score', '0');
    await cell(fac).click(); // Fiona: 0
    await cell(fac).click(); // Fiona changes it to + (1)
    await expect(cell(fac)).toHaveAttribute('data-score', '1');

    await fac.getByTestId('undo').click();
    await expect(cell(fac)).toHaveAttribute('data-score', '0');
    await cell(fac).focus();
    await fac.keyboard.press('Control+z');
    await expect(cell(fac)).toHaveAttribute('data-score', '');
    await expect(fac.getByTestId('undo')).toBeDisabled();
    await fac.keyboard.press('Control+Shift+z');
    await expect(cell(fac)).toHaveAttribute('data-score', '0');
    await fac.getByTestId('redo').click();
    await expect(cell(fac)).toHaveAttribute('data-score', '1');
    await expect(fac.getByTestId('redo')).toBeDisabled();

    // Pieter's own score stayed through all of it, and his undo takes back only his.
    await expect(cell(par)).toHaveAttribute('data-score', '0');
    await par.getByTestId('undo').click();
    await expect(cell(par)).toHaveAttribute('data-score', '');
    await fac.getByTestId('view-outline').click();
    await expect(fac.getByTestId('matrix-outline').getByRole('combobox', { name: 'Strong brand × B2B market' })).toHaveValue('1');
  } finally {
    b.program.close();
    await fac.context().close();
    await par.context().close();
  }
});

test('on a 7S, Ctrl+Z on a score\'s select takes that score back', async ({ browser, request, baseURL }) => {
  const b = await scoringBoard(request, baseURL!);
  const fac = await newPage(browser);
  try {
    await open7s(fac, b.board.links.facilitator, b.sevens, 'Fiona');
    await fac.getByTestId('sevens-tab-score').click();
    const select = fac.locator('[data-testid="sevens-score-select"][data-element="strategy"][data-state="current"]');
    await select.selectOption('3');
    await select.selectOption('4');
    await select.focus();
    await fac.keyboard.press('Control+z');
    await expect(select).toHaveValue('3');
    await fac.keyboard.press('Control+Shift+z');
    await expect(select).toHaveValue('4');
  } finally {
    b.program.close();
    await fac.context().close();
  }
});

test('the 7S Notes tab keeps its zoom and place while the user scores in another tab', async ({ browser, request, baseURL }) => {
  const b = await scoringBoard(request, baseURL!);
  const fac = await newPage(browser);
  try {
    await open7s(fac, b.board.links.facilitator, b.sevens, 'Fiona');
    await expect(fac.getByTestId('canvas')).toBeVisible();
    const zoom = fac.locator('.zoom-level');
    // What others following this user see: the world rectangle in view.
    const viewport = () => fac.evaluate(() => JSON.stringify((window as unknown as { __board: { provider: { awareness: { getLocalState(): { viewport: unknown } } } } }).__board.provider.awareness.getLocalState().viewport));
    const fitted = await zoom.textContent();
    await fac.getByTestId('zoom-in').click();
    await fac.getByTestId('zoom-in').click();
    await expect(zoom).not.toHaveText(fitted!);
    const zoomed = (await zoom.textContent())!;
    await expect.poll(viewport).not.toBe('null');
    const place = await viewport();

    await fac.getByTestId('sevens-tab-score').click();
    await expect(fac.getByTestId('canvas')).toHaveCount(0);
    await fac.getByTestId('sevens-tab-notes').click();
    await expect(fac.getByTestId('canvas')).toBeVisible();
    await expect(zoom).toHaveText(zoomed);
    await expect.poll(viewport).toBe(place);
  } finally {
    b.program.close();
    await fac.context().close();
  }
});
