// Issue 11, the action plan in real browsers: a participant turns a strategic option of the matrix
// into an action with one click, fills in owner, date and measure until the SMART check clears,
// and the facilitator downloads the Markdown plan, which holds that action with its source. The plan
// view shows the customer pyramid per level, and a level's strategy becomes an action in one click.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { addCanvas } from '../shared/src/board/canvases.ts';
import { createNote } from '../shared/src/board/notes.ts';
import { setOptionChosen } from '../shared/src/canvases/confrontation/confrontationOperations.ts';
import { setAccount } from '../shared/src/canvases/pyramid/accounts.ts';
import type { CreateBoardResponse } from '../shared/src/protocol.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { enterNameIfAsked, expectLive } from './support/board.ts';
import { seriousViolations } from './support/axe.ts';
import { linkToCanvas } from './support/canvasView.ts';

async function open(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await enterNameIfAsked(page, name);
  await expectLive(page);
}

test('a participant makes an action of a matrix option, completes it, and the facilitator exports it', async ({ browser, request, baseURL }) => {
  const res = await request.post('/api/boards', { data: { title: 'Acme plan', template: 'confrontation', language: 'en' } });
  expect(res.status()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const program = await BoardProgram.join(request, baseURL!, board.links.facilitator, 'Setup');
  const note = (frame: string, text: string, x: number, y: number) => createNote(program.doc, { canvas: 'swot', frame, text, x, y, color: 'yellow', author: 'Setup' });
  const s = note('swot.strengths', 'Strong brand', 16, 72);
  note('swot.weaknesses', 'Slow delivery', 976, 72);
  const o = note('swot.opportunities', 'Growing B2B market', 16, 712);
  note('swot.threats', 'New competitor', 976, 712);
  setOptionChosen(program.doc, 'confrontation', s, o, true);
  const actionsCanvas = addCanvas(program.doc, { kind: 'actions', title: 'Action plan' });

  const parContext = await browser.newContext();
  const facContext = await browser.newContext({ acceptDownloads: true });
  const par = await parContext.newPage();
  const fac = await facContext.newPage();
  const errors: string[] = [];
  for (const p of [par, fac]) p.on('pageerror', (e) => errors.push(e.message));

  await open(par, linkToCanvas(board.links.participant, 'confrontation'), 'Pieter');
  await par.getByTestId('matrix-tab-options').click();
  const option = par.locator(`[data-testid="matrix-option"][data-row="${s}"][data-column="${o}"]`);
  await option.getByTestId('matrix-option-make-action').click();
  await option.getByTestId('matrix-option-open-action').click();

  await expect(par.getByTestId('actions')).toBeVisible();
  const card = par.getByTestId('action-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('action-title')).toHaveValue('How can we use Strong brand to seize Growing B2B market?');
  await expect(card.getByTestId('action-source')).toContainText('Confrontation matrix');
  await expect(card.getByTestId('action-smart')).toHaveText('Still missing: a KPI (how it is measured), an owner, a due date');
  await expect(card).toHaveAttribute('data-smart', 'false');

  await card.getByTestId('action-owner').selectOption({ label: 'Pieter' });
  await card.getByTestId('action-due').fill('2026-03-31');
  await card.getByTestId('action-kpi').fill('Repeat orders per quarter');
  await card.getByTestId('action-target').fill('from 12 to 20');
  await card.getByTestId('action-target').press('Tab');
  await expect(card.getByTestId('action-smart')).toContainText('SMART: complete');
  await expect(card).toHaveAttribute('data-smart', 'true');
  expect(await seriousViolations(par), 'actions canvas').toEqual([]);

  await open(fac, linkToCanvas(board.links.facilitator, actionsCanvas), 'Fiona');
  await expect(fac.getByTestId('action-card')).toHaveAttribute('data-smart', 'true');
  await fac.getByTestId('plan-open').click();
  await expect(fac.getByTestId('plan-action')).toContainText('Pieter');
  expect(await seriousViolations(fac), 'plan view').toEqual([]);
  const [download] = await Promise.all([fac.waitForEvent('download'), fac.getByTestId('plan-export-md').click()]);
  expect(download.suggestedFilename()).toBe('acme-plan-action-plan.md');
  const md = readFileSync((await download.path())!, 'utf8');
  expect(md).toContain('### 1\\. How can we use Strong brand to seize Growing B2B market?');
  expect(md).toContain('- Owner: Pieter');
  expect(md).toContain('- Due date: 31 March 2026');
  expect(md).toContain('- KPI (what is measured): Repeat orders per quarter → from 12 to 20');
  expect(md).toContain('- Source: Confrontation matrix (S1 × O1): How can we use Strong brand to seize Growing B2B market?');
  expect(md).toContain('- SMART: complete');
  expect(errors).toEqual([]);
  program.close();
  await parContext.close();
  await facContext.close();
});

test('the plan view shows the customer pyramid per level, and one click makes a level strategy an action', async ({ browser, request, baseURL }) => {
  const res = await request.post('/api/boards', { data: { title: 'Acme klanten', template: 'confrontation', language: 'nl' } });
  const board = (await res.json()) as CreateBoardResponse;
  const program = await BoardProgram.join(request, baseURL!, board.links.facilitator, 'Setup');
  const pyramid = addCanvas(program.doc, { kind: 'pyramid', title: 'Klantenpiramide' });
  for (const [name, current] of [['Bakker BV', 50000], ['Jansen & Zn', 20000], ['De Wit', 10000]] as const) {
    setAccount(program.doc, pyramid, { name, current, previous: current, status: 'customer' });
  }
  const actionsCanvas = addCanvas(program.doc, { kind: 'actions', title: 'Actieplan' });
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page, linkToCanvas(board.links.participant, actionsCanvas), 'Pieter');
  await page.getByTestId('plan-open').click();
  const section = page.getByTestId('plan-pyramid');
  await expect(section).toContainText('Strategie per klantniveau: Klantenpiramide');
  // Three customers by the default shares (1/4/15%) are all small customers.
  const level = section.getByTestId('plan-level');
  await expect(level).toHaveCount(1);
  await expect(level).toContainText('Kleine klanten');
  await expect(level).toContainText('Promoveren (standaard)');
  await expect(level).toContainText('Bakker BV (50.000), Jansen & Zn (20.000), De Wit (10.000)');
  expect(await seriousViolations(page), 'plan view with a pyramid').toEqual([]);
  await level.getByTestId('plan-level-make-action').click();
  await expect(level).not.toContainText('Maak actie');
  await page.getByTestId('plan-back').click();
  const card = page.getByTestId('action-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('action-title')).toHaveValue('Promoveren: Kleine klanten');
  await expect(card.getByTestId('action-source')).toContainText('Klantenpiramide');
  expect(errors).toEqual([]);
  program.close();
  await context.close();
});
