// The quickscan of the 11 core activities (issue 9) in three browsers: a facilitator on a laptop
// (the form's radio buttons), a participant in the outline (selects) and a participant on a phone
// (taps). All three see the means, spreads and the weakest-first order computed by hand below, live;
// the facilitator starts a second round, and the comparison shows the change per activity. A Dutch
// board shows the method's Dutch terms.
import { test, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { addCanvas } from '../shared/src/board/canvases.ts';
import type { CreateBoardResponse, SessionResponse } from '../shared/src/protocol.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { seriousViolations } from './support/axe.ts';
import { canvasViewOpener } from './support/canvasView.ts';

interface ScanBoard {
  board: CreateBoardResponse;
  canvasId: string;
}

/** A board with a quickscan canvas, set up by a program with the shared operations. */
async function scanBoard(request: APIRequestContext, baseURL: string, language: 'en' | 'nl'): Promise<ScanBoard> {
  const res = await request.post('/api/boards', { data: { title: 'Quickscan e2e', template: 'swot', language } });
  expect(res.status(), await res.text()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const program = await BoardProgram.join(request, baseURL, board.links.facilitator, 'Setup');
  const canvasId = addCanvas(program.doc, { kind: 'quickscan', title: 'Quickscan' });
  // Closed once the canvas is on the server: the next session to join gets it.
  await expect.poll(async () => (await exportOf(request, board, board.links.facilitator)).canvases.some((c) => c.id === canvasId)).toBe(true);
  program.close();
  return { board, canvasId };
}

interface ExportedScan {
  canvases: { id: string; kind: string; analysis: { current: string; rounds: { id: string; activities: Record<string, { count: number; mean: number | null; stdev: number | null }>; weakest: string[] }[]; changes: { from: string; to: string; activities: Record<string, { change: number | null }> }[] } }[];
}

/** GET /api/boards/<id>/export with a session of `link`. */
async function exportOf(request: APIRequestContext, board: CreateBoardResponse, link: string): Promise<ExportedScan> {
  const token = decodeURIComponent(new URL(link).hash.slice(1));
  const s = await request.post(`/api/boards/${board.id}/sessions`, { data: { token, name: 'Exporter' } });
  expect(s.status()).toBe(200);
  const { session } = (await s.json()) as SessionResponse;
  const res = await request.get(`/api/boards/${board.id}/export?format=json`, { headers: { authorization: `Bearer ${session}` } });
  expect(res.status()).toBe(200);
  return (await res.json()) as ExportedScan;
}

const openScan = canvasViewOpener(test, 'quickscan');

const activity = (page: Page, id: string) => page.locator(`[data-testid="quickscan-activity"][data-activity="${id}"]`);
const row = (page: Page, id: string) => page.locator(`[data-testid="quickscan-row"][data-activity="${id}"]`);

async function contexts(browser: Browser): Promise<{ desk: BrowserContext; other: BrowserContext; phone: BrowserContext }> {
  return {
    desk: await browser.newContext(),
    other: await browser.newContext(),
    phone: await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }),
  };
}

test('three people score a quickscan; all see the hand-computed means, spread and weakest first; a second round compares', async ({ browser, request, baseURL }) => {
  const { board, canvasId } = await scanBoard(request, baseURL!, 'en');
  const ctx = await contexts(browser);
  try {
    const fac = await ctx.desk.newPage();
    const par = await ctx.other.newPage();
    const phone = await ctx.phone.newPage();
    await openScan(fac, board.links.facilitator, canvasId, 'Fiona');
    await openScan(par, board.links.participant, canvasId, 'Pieter');
    await openScan(phone, board.links.participant, canvasId, 'Sam');
    await expect(fac.getByTestId('quickscan-activity')).toHaveCount(11);
    await expect(fac.getByTestId('quickscan-progress')).toHaveText(/0 of 11 activities scored/);

    // Fiona, with the form: labelled radio buttons and a comment.
    await activity(fac, 'strategy').getByRole('radio', { name: '4: good' }).check();
    await activity(fac, 'crm').getByRole('radio', { name: '2: weak' }).check();
    await activity(fac, 'social').getByRole('radio', { name: '5: excellent' }).check();
    await fac.getByRole('textbox', { name: 'Comment on CRM functionality' }).fill('No shared customer view');
    await fac.getByRole('textbox', { name: 'Comment on CRM functionality' }).blur();
    await expect(fac.getByTestId('quickscan-progress')).toHaveText(/3 of 11 activities scored/);

    // Pieter, in the outline: selects named by the activity.
    await par.getByTestId('view-outline').click();
    const outline = par.getByTestId('quickscan-outline');
    await outline.getByRole('combobox', { name: 'Business strategy' }).selectOption('2');
    await outline.getByRole('combobox', { name: 'CRM functionality' }).selectOption('1');
    await outline.getByRole('combobox', { name: 'Social media' }).selectOption('1');
    await outline.getByRole('textbox', { name: 'Comment on Lead management' }).fill('Nobody follows up');
    await outline.getByRole('textbox', { name: 'Comment on Lead management' }).blur();

    // Sam, on the phone: taps on the segments.
    await activity(phone, 'strategy').getByRole('radio', { name: '3: fair' }).tap();
    await activity(phone, 'crm').getByRole('radio', { name: '2: weak' }).tap();
    await activity(phone, 'social').getByRole('radio', { name: '3: fair' }).tap();
    await expect(activity(phone, 'social')).toHaveAttribute('data-score', '3');

    // By hand (population spread): strategy 4,2,3 → 3.0 ±0.8; CRM 2,1,2 → 1.7 ±0.5; social 5,1,3 →
    // 3.0 ±1.6. Weakest first: CRM, then social before strategy (equal means, larger spread first).
    const expected: [string, string, string, string][] = [['strategy', '3.0', '0.8', '3'], ['crm', '1.7', '0.5', '3'], ['social', '3.0', '1.6', '3'], ['leads', '–', '–', '0']];
    await fac.getByTestId('quickscan-tab-results').click();
    await phone.getByTestId('quickscan-tab-results').tap();
    for (const page of [fac, phone]) {
      for (const [id, mean, stdev, count] of expected) {
        await expect(row(page, id)).toHaveAttribute('data-mean', mean);
        await expect(row(page, id)).toHaveAttribute('data-stdev', stdev);
        await expect(row(page, id)).toHaveAttribute('data-count', count);
      }
      await expect(page.getByTestId('quickscan-weak')).toHaveCount(3);
      expect(await page.getByTestId('quickscan-weak').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.activity))).toEqual(['crm', 'social', 'strategy']);
      await expect(page.getByTestId('quickscan-participants')).toHaveText('3 participants scored');
      await expect(page.getByTestId('quickscan-radar').getByRole('img')).toHaveAccessibleName('Radar of the mean score per activity, Round 1');
      await expect(page.getByTestId('quickscan-radar-band')).toHaveCount(1);
    }
    await expect(outline.locator('[data-testid="quickscan-outline-activity"][data-activity="crm"] [data-testid="quickscan-outline-mean"]')).toHaveText('Group: mean 1.7, spread ±0.5, 3 scores');
    await expect(outline.getByRole('combobox', { name: 'CRM functionality' })).toHaveAccessibleDescription('Group: mean 1.7, spread ±0.5, 3 scores');
    // Comments, a comment without a score too.
    await fac.locator('[data-testid="quickscan-comments"][data-activity="crm"] summary').click();
    await expect(fac.locator('[data-testid="quickscan-comments"][data-activity="crm"]')).toContainText('No shared customer view');
    await expect(fac.locator('[data-testid="quickscan-comments"][data-activity="leads"]')).toContainText('no score');

    // The export has the same numbers.
    const first = (await exportOf(request, board, board.links.viewer)).canvases.find((c) => c.id === canvasId)!.analysis;
    expect(first.rounds[0].activities.strategy).toMatchObject({ count: 3, mean: 3, stdev: expect.closeTo(Math.sqrt(2 / 3), 6) });
    expect(first.rounds[0].weakest).toEqual(['crm', 'social', 'strategy']);

    // Comparing needs a second round; only the facilitator starts it.
    await phone.getByTestId('quickscan-tab-compare').tap();
    await expect(phone.getByTestId('quickscan-compare-need')).toBeVisible();
    await expect(par.getByTestId('quickscan-tab-rounds')).toHaveCount(0);
    await fac.getByTestId('quickscan-tab-rounds').click();
    await fac.getByTestId('quickscan-start-round').click();
    await expect(fac.getByTestId('quickscan-round')).toHaveCount(2);
    await expect(fac.locator('[data-testid="quickscan-round"][data-round="2"]')).toHaveAttribute('data-current', 'true');
    await expect(phone.getByTestId('quickscan-scoring')).toHaveText(/Scoring: Round 2/);

    // Round 2: strategy 5, 3 → 4.0 (+1.0); CRM 4, 3 → 3.5 (+1.8 from 1.7); social not scored.
    await fac.getByTestId('quickscan-tab-score').click();
    await expect(fac.getByTestId('quickscan-progress')).toHaveText(/0 of 11 activities scored/);
    await activity(fac, 'strategy').getByRole('radio', { name: '5: excellent' }).check();
    await activity(fac, 'crm').getByRole('radio', { name: '4: good' }).check();
    await outline.getByRole('combobox', { name: 'Business strategy' }).selectOption('3');
    await outline.getByRole('combobox', { name: 'CRM functionality' }).selectOption('3');
    await expect(par.getByTestId('quickscan-outline-changes').locator('[data-activity="strategy"]')).toHaveText('Business strategy: up 1.0');

    await expect(phone.getByTestId('quickscan-comparison')).toHaveAttribute('data-from', '1');
    await expect(phone.getByTestId('quickscan-comparison')).toHaveAttribute('data-to', '2');
    const change = (id: string) => phone.locator(`[data-testid="quickscan-change"][data-activity="${id}"]`);
    await expect(change('strategy')).toHaveAttribute('data-change', '+1.0');
    await expect(change('strategy')).toHaveAttribute('data-direction', 'up');
    await expect(change('crm')).toHaveAttribute('data-change', '+1.8');
    await expect(change('social')).toHaveAttribute('data-direction', 'none');
    await expect(change('crm')).toContainText('up 1.8');
    await expect(phone.getByTestId('quickscan-radar-shape')).toHaveCount(2);

    // Round 1 is still there to look at.
    await fac.getByTestId('quickscan-tab-results').click();
    await fac.getByTestId('quickscan-round-pick').selectOption('1');
    await expect(row(fac, 'crm')).toHaveAttribute('data-mean', '1.7');
    const second = (await exportOf(request, board, board.links.viewer)).canvases.find((c) => c.id === canvasId)!.analysis;
    expect(second.changes).toHaveLength(1);
    expect(second.changes[0].activities.strategy.change).toBe(1);

    expect(await seriousViolations(phone)).toEqual([]);
  } finally {
    for (const c of Object.values(ctx)) await c.close();
  }
});

test('a Dutch board shows the quickscan in Dutch: activities, scale, tabs and numbers', async ({ browser, request, baseURL }) => {
  const { board, canvasId } = await scanBoard(request, baseURL!, 'nl');
  const context = await browser.newContext({ locale: 'nl-NL' });
  try {
    const page = await context.newPage();
    await openScan(page, board.links.participant, canvasId, 'Eva');
    await expect(page.getByTestId('quickscan-activity').locator('legend')).toHaveText([
      /1\s+Bedrijfsstrategie/, /2\s+SWOT en marktpositie/, /3\s+Marketing en verkoop/, /4\s+Leadmanagement/, /5\s+Interne klantgerichtheid/,
      /6\s+Klanttevredenheid/, /7\s+Medewerkerstevredenheid/, /8\s+Klachtenmanagement/, /9\s+CRM-functionaliteit/, /10\s+Klantsegmentatie/, /11\s+Sociale media/,
    ]);
    await expect(page.getByTestId('quickscan-tab-score')).toHaveText('Scoren');
    await expect(page.getByTestId('quickscan-scoring')).toHaveText('Nu gescoord: Ronde 1');
    await activity(page, 'complaints').getByRole('radio', { name: '2: matig' }).check();
    await expect(page.getByTestId('quickscan-progress')).toHaveText(/1 van 11 activiteiten gescoord/);
    await expect(page.getByRole('textbox', { name: 'Toelichting bij Klachtenmanagement' })).toBeVisible();
    await page.getByTestId('quickscan-tab-results').click();
    await expect(row(page, 'complaints')).toHaveAttribute('data-mean', '2,0');
    await expect(page.getByTestId('quickscan-weakest')).toContainText('Klachtenmanagement');
    await expect(page.getByTestId('quickscan-participants')).toHaveText('1 deelnemer heeft gescoord');
    await page.getByTestId('view-outline').click();
    await expect(page.getByTestId('quickscan-outline').getByRole('combobox', { name: 'Klachtenmanagement' })).toHaveValue('2');
  } finally {
    await context.close();
  }
});
