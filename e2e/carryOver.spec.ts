// Issue 11, "Carry-over", in a real browser: a facilitator makes the next workshop from a board
// with an open and a done action and a scored quickscan round. The new board shows the open action
// for review (kept with one click) and not the done one, and its quickscan compares this round with
// the previous workshop's result. With SHOTS_DIR set, the last test saves screenshots of the review
// card and the comparison at laptop and phone size, in English and Dutch.
import path from 'node:path';
import { test, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { createAction } from '../shared/src/canvases/actions/actionOperations.ts';
import { setQuickscanScore } from '../shared/src/canvases/quickscan/quickscanOperations.ts';
import type { ActivityId } from '../shared/src/canvases/quickscan/quickscanActivities.ts';
import type { CreateBoardResponse, Locale, NextWorkshopResponse, SessionResponse } from '../shared/src/protocol.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { createBoard } from './support/api.ts';
import { joinBoard, enterNameIfAsked, expectLive } from './support/board.ts';
import { linkToCanvas } from './support/canvasView.ts';
import { seriousViolations } from './support/axe.ts';

const TEXT = {
  en: { title: 'Acme spring', open: 'Call back the customers we lost', done: 'Clean up the CRM' },
  nl: { title: 'Acme voorjaar', open: 'Verloren klanten terugbellen', done: 'Het CRM opschonen' },
} as const;

/** Scores per participant of the quickscan's round 1 (only these activities). */
type Scores = Partial<Record<ActivityId, number>>;

async function score(request: APIRequestContext, baseURL: string, board: CreateBoardResponse, name: string, scores: Scores): Promise<void> {
  const p = await BoardProgram.join(request, baseURL, board.links.participant, name);
  for (const [activity, value] of Object.entries(scores)) setQuickscanScore(p.doc, { canvasId: 'quickscan', participantId: p.participantId, round: '1', activity: activity as ActivityId }, value);
  await stored(request, board, (e) => e.canvases.some((c) => c.kind === 'quickscan' && c.analysis.rounds.some((r: { scoredBy: Record<string, number> }) => r.scoredBy[p.participantId] === Object.keys(scores).length)));
  p.close();
}

/** A workshop board where Ann wrote an open and a done action and Ann and Bob scored the quickscan. */
async function previousWorkshop(request: APIRequestContext, baseURL: string, language: Locale): Promise<CreateBoardResponse> {
  const t = TEXT[language];
  const board = await createBoard(request, { title: t.title, template: 'workshop', language });
  const ann = await BoardProgram.join(request, baseURL, board.links.participant, 'Ann');
  createAction(ann.doc, { canvas: 'actions', title: t.open, owner: 'Ann', due: '2026-03-31', priority: 'high', author: 'Ann' });
  createAction(ann.doc, { canvas: 'actions', title: t.done, status: 'done', author: 'Ann' });
  await stored(request, board, (e) => e.canvases.some((c) => c.kind === 'actions' && c.analysis.actions.length === 2));
  ann.close();
  await score(request, baseURL, board, 'Ann', { strategy: 3, marketing: 2, leads: 2, customers: 4, crm: 2, social: 3 });
  await score(request, baseURL, board, 'Bob', { strategy: 4, marketing: 3, leads: 1, customers: 4, crm: 3, social: 2 });
  return board;
}

interface Exported {
  canvases: { kind: string; analysis: any }[];
}

/** Waits until the board's JSON export (the server's live document) satisfies `check`. */
async function stored(request: APIRequestContext, board: CreateBoardResponse, check: (e: Exported) => boolean): Promise<void> {
  const session = await sessionOf(request, board, board.links.viewer);
  await expect
    .poll(async () => check((await (await request.get(`/api/boards/${board.id}/export?format=json`, { headers: { authorization: `Bearer ${session}` } })).json()) as Exported))
    .toBe(true);
}

async function sessionOf(request: APIRequestContext, board: { id: string }, link: string): Promise<string> {
  const res = await request.post(`/api/boards/${board.id}/sessions`, { data: { token: decodeURIComponent(new URL(link).hash.slice(1)), name: 'Setup' } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as SessionResponse).session;
}

async function openCanvas(page: Page, link: string, canvasId: string, name: string): Promise<void> {
  await page.goto(linkToCanvas(link, canvasId));
  await enterNameIfAsked(page, name);
  await expectLive(page);
}

/** Another canvas of the open board, through the navigator. */
async function showCanvas(page: Page, canvasId: string): Promise<void> {
  await page.locator(`[data-testid="canvas-tab"][data-canvas-id="${canvasId}"]`).click();
  await expect(page.locator(`[data-testid="canvas-tab"][data-canvas-id="${canvasId}"]`)).toHaveAttribute('aria-current', 'page');
}

test('the next workshop shows the open action for review and compares its quickscan with the previous workshop', async ({ browser, request, baseURL }) => {
  const board = await previousWorkshop(request, baseURL!, 'en');
  const context = await browser.newContext();
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    // The facilitator opened the board here once: the home page lists it with its buttons.
    await joinBoard(page, board.links.facilitator, 'Fiona');
    await page.goto('/');
    const listed = page.locator('[data-testid="my-board"]').filter({ hasText: 'Acme spring' });
    await listed.getByTestId('next-workshop').click();
    const dialog = page.getByTestId('duplicate-dialog');
    await expect(dialog).toHaveAttribute('data-next-workshop', 'true');
    await expect(dialog).toContainText('open actions come along for review');
    await expect(page.getByTestId('duplicate-title')).toHaveValue('Acme spring – next workshop');
    await page.getByTestId('duplicate-title').fill('Acme autumn');
    await page.getByTestId('duplicate-submit').click();
    await expect(page.getByTestId('created-board')).toContainText('Acme autumn');
    const link = (await page.getByTestId('open-board').getAttribute('href'))!;
    const created = { id: new URL(link).pathname.split('/').pop()! } as CreateBoardResponse;

    // The actions canvas: the open action, waiting for review; the done one stayed behind.
    await openCanvas(page, link, 'actions', 'Fiona');
    await expect(page.locator('h1')).toHaveText('Acme autumn');
    const card = page.getByTestId('action-card');
    await expect(card).toHaveCount(1);
    await expect(card).toHaveAttribute('data-review', 'true');
    await expect(card.getByTestId('action-title')).toHaveValue('Call back the customers we lost');
    await expect(card.getByTestId('action-review')).toContainText(/From the previous workshop \(\d{1,2} \w+ \d{4}\): review/);
    await expect(card.getByTestId('action-owner-name')).toHaveValue('Ann');
    await expect(card.getByTestId('action-due')).toHaveValue('2026-03-31');
    await expect(page.getByTestId('actions-to-review')).toHaveAttribute('data-count', '1');
    expect(await seriousViolations(page), 'the review card').toEqual([]);
    // One click keeps it: the review mark goes, where it came from stays.
    await card.getByTestId('action-review-keep').click();
    await expect(card).toHaveAttribute('data-review', 'false');
    await expect(card.getByTestId('action-review')).toHaveCount(0);
    await expect(card.getByTestId('action-carried')).toContainText('Carried over from the previous workshop “Acme spring”');
    await expect(card.getByTestId('action-carried')).toContainText('due then 31 March 2026');
    await expect(page.getByTestId('actions-to-review')).toHaveCount(0);

    // Someone scores CRM in the new workshop's first round; the comparison is against the previous workshop.
    const participantLink = await participantLinkOf(request, created, link);
    const cora = await BoardProgram.join(request, baseURL!, participantLink, 'Cora');
    setQuickscanScore(cora.doc, { canvasId: 'quickscan', participantId: cora.participantId, round: '1', activity: 'crm' }, 4);
    await showCanvas(page, 'quickscan');
    await page.getByTestId('quickscan-tab-compare').click();
    const comparison = page.getByTestId('quickscan-comparison');
    await expect(comparison).toHaveAttribute('data-from', '~previous');
    await expect(comparison).toHaveAttribute('data-to', '1');
    await expect(page.getByTestId('quickscan-compare-from').locator('option:checked')).toHaveText(/^Previous workshop · /);
    await expect(page.getByTestId('quickscan-compare-previous')).toContainText('previous workshop “Acme spring”');
    expect(await seriousViolations(page), 'the comparison').toEqual([]);
    // CRM: Ann 2 and Bob 3 then (2.5), Cora 4 now.
    await expect(page.locator('[data-testid="quickscan-change"][data-activity="crm"]')).toHaveAttribute('data-change', '+1.5');
    await expect(page.locator('[data-testid="quickscan-change"][data-activity="crm"]')).toHaveAttribute('data-direction', 'up');
    await expect(page.locator('[data-testid="quickscan-change"][data-activity="leads"]')).toHaveAttribute('data-direction', 'none');
    // The earlier round is no round the facilitator edits or scores.
    await page.getByTestId('quickscan-tab-rounds').click();
    await expect(page.getByTestId('quickscan-round')).toHaveCount(1);
    cora.close();
  } finally {
    await context.close();
  }
  expect(errors).toEqual([]);
});

/** The participant link of a board, as its facilitator sees it (GET /api/boards/<id>/links). */
async function participantLinkOf(request: APIRequestContext, board: { id: string }, facilitatorLink: string): Promise<string> {
  const session = await sessionOf(request, board, facilitatorLink);
  const res = await request.get(`/api/boards/${board.id}/links`, { headers: { authorization: `Bearer ${session}` } });
  const { links } = (await res.json()) as { links: { role: string; url: string }[] };
  return links.find((l) => l.role === 'participant')!.url;
}

test('screenshots: the review card and the comparison with the previous workshop, laptop and phone, en and nl', async ({ browser, request, baseURL }) => {
  const dir = process.env.SHOTS_DIR;
  test.skip(!dir, 'set SHOTS_DIR to save screenshots');
  for (const locale of ['en', 'nl'] as Locale[]) await shoot(browser, request, baseURL!, locale, dir!);
});

async function shoot(browser: Browser, request: APIRequestContext, baseURL: string, locale: Locale, dir: string): Promise<void> {
  const board = await previousWorkshop(request, baseURL, locale);
  const session = await sessionOf(request, board, board.links.facilitator);
  const res = await request.post(`/api/boards/${board.id}/next-workshop`, { data: {}, headers: { authorization: `Bearer ${session}` } });
  expect(res.status()).toBe(201);
  const next = (await res.json()) as NextWorkshopResponse;
  await score(request, baseURL, next, 'Cora', { strategy: 4, marketing: 3, leads: 3, customers: 3, crm: 4, social: 3 });
  await score(request, baseURL, next, 'Dirk', { strategy: 4, marketing: 2, leads: 2, customers: 4, crm: 3, social: 4 });
  for (const size of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    const phone = size.width < 500;
    const context = await browser.newContext({ viewport: size, locale, ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
    try {
      const page = await context.newPage();
      await openCanvas(page, next.links.facilitator, 'actions', 'Fiona');
      await expect(page.getByTestId('action-review')).toBeVisible();
      await page.screenshot({ path: path.join(dir, `carry-review-${size.width}-${locale}.png`) });
      await showCanvas(page, 'quickscan');
      await page.getByTestId('quickscan-tab-compare').click();
      await expect(page.getByTestId('quickscan-compare-previous')).toBeVisible();
      await page.screenshot({ path: path.join(dir, `carry-compare-${size.width}-${locale}.png`), fullPage: true });
      // The home page's dialog, for the board this browser just opened as facilitator.
      await page.goto('/');
      await page.locator('[data-testid="my-board"]').filter({ hasText: TEXT[locale].title }).getByTestId('next-workshop').click();
      await expect(page.getByTestId('duplicate-dialog')).toBeVisible();
      await page.screenshot({ path: path.join(dir, `carry-dialog-${size.width}-${locale}.png`) });
    } finally {
      await context.close();
    }
  }
}
