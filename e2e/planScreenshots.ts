// Screenshots of the action plan (issue 11) for a look before a change lands: the actions canvas
// and the printable plan view at laptop, phone and projector size, in English and Dutch, on a board
// with a scored matrix, chosen options and three actions (one complete, two not yet).
// Run: npx tsx e2e/planScreenshots.ts [outDir]   (default /tmp/plan-shots; not part of npm test)
import type { Browser } from 'playwright-core';
import { request as playwrightRequest } from '@playwright/test';
import path from 'node:path';
import { contextOptions, join, runScreenshots } from './support/screenshotRun.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import type { CreateBoardResponse, Locale } from '../shared/src/protocol.ts';
import { addCanvas } from '../shared/src/board/canvases.ts';
import { createNote } from '../shared/src/board/notes.ts';
import { setOptionChosen, setScore } from '../shared/src/canvases/confrontation/confrontationOperations.ts';
import { createAction } from '../shared/src/canvases/actions/actionOperations.ts';
import { setElementScore } from '../shared/src/canvases/sevens/sevensOperations.ts';
import { setQuickscanScore } from '../shared/src/canvases/quickscan/quickscanOperations.ts';
import { setAccount } from '../shared/src/canvases/pyramid/accounts.ts';

const outDir = process.argv[2] ?? '/tmp/plan-shots';
const TEXT = {
  en: { notes: ['Strong brand', 'Loyal customers', 'Slow delivery', 'Growing B2B market', 'Online sales', 'New competitor'], a: ['Call the top 10 customers every quarter', 'Train the sales team'], kpi: 'Repeat orders per quarter', target: 'from 12 to 20', owner: 'Ann de Vries' },
  nl: { notes: ['Sterk merk', 'Trouwe klanten', 'Trage levering', 'Groeiende B2B-markt', 'Online verkoop', 'Nieuwe concurrent'], a: ['Elk kwartaal de top 10 klanten bellen', 'Verkoopteam trainen'], kpi: 'Herhaalorders per kwartaal', target: 'van 12 naar 20', owner: 'Ann de Vries' },
};

async function setUp(baseUrl: string, locale: Locale): Promise<{ board: CreateBoardResponse; actions: string }> {
  const request = await playwrightRequest.newContext({ baseURL: baseUrl });
  const res = await request.post('/api/boards', { data: { title: locale === 'nl' ? 'Strategiesessie Acme' : 'Acme strategy session', template: 'confrontation', language: locale } });
  const board = (await res.json()) as CreateBoardResponse;
  const p = await BoardProgram.join(request, baseUrl, board.links.facilitator, 'Fiona');
  const t = TEXT[locale];
  const frames = ['swot.strengths', 'swot.strengths', 'swot.weaknesses', 'swot.opportunities', 'swot.opportunities', 'swot.threats'];
  const ids = t.notes.map((text, i) => createNote(p.doc, { canvas: 'swot', frame: frames[i], text, x: i % 2 === 0 ? 16 : 976, y: frames[i].includes('opp') || frames[i].includes('threat') ? 712 + (i % 2) * 140 : 72 + (i % 2) * 140, color: 'yellow', author: 'Fiona' }));
  const [s1, s2, w1, o1, o2, t1] = ids;
  for (const [r, c, v] of [[s1, o1, 2], [s2, o2, 1], [w1, t1, 2], [s1, t1, 1], [w1, o1, 1]] as const) setScore(p.doc, { canvasId: 'confrontation', participantId: p.participantId, row: r, column: c }, v);
  setOptionChosen(p.doc, 'confrontation', s1, o1, true);
  setOptionChosen(p.doc, 'confrontation', w1, t1, true);
  const sevens = addCanvas(p.doc, { kind: '7s', title: '7S' });
  for (const [e, c, d] of [['staff', 2, 5], ['systems', 2, 4], ['style', 3, 4]] as const) {
    setElementScore(p.doc, { canvasId: sevens, participantId: p.participantId }, e, 'current', c);
    setElementScore(p.doc, { canvasId: sevens, participantId: p.participantId }, e, 'desired', d);
  }
  const scan = addCanvas(p.doc, { kind: 'quickscan', title: 'Quickscan' });
  for (const [a, v] of [['crm', 2], ['leads', 1], ['complaints', 3], ['strategy', 5]] as const) setQuickscanScore(p.doc, { canvasId: scan, participantId: p.participantId, round: '1', activity: a }, v);
  const pyramid = addCanvas(p.doc, { kind: 'pyramid', title: locale === 'nl' ? 'Klantenpiramide' : 'Customer pyramid' });
  const names = ['Bakker Bouw BV', 'Jansen & Zonen', 'De Wit Installatietechniek', 'Visser Logistiek', 'Smit Metaal', 'Mulder Groep', 'Bos Techniek', 'Meijer Handel'];
  for (let i = 0; i < 40; i++) {
    setAccount(p.doc, pyramid, { name: `${names[i % names.length]}${i >= names.length ? ` ${Math.floor(i / names.length) + 1}` : ''}`, current: i % 9 === 8 ? 0 : Math.round(200000 / (i + 1)), previous: Math.round(180000 / ((i + 3) % 40 + 1)), status: 'customer' });
  }
  setAccount(p.doc, pyramid, { name: 'Van Dijk Retail', current: 0, previous: 0, status: 'prospect' });
  const actions = addCanvas(p.doc, { kind: 'actions', title: locale === 'nl' ? 'Actieplan' : 'Action plan' });
  createAction(p.doc, { canvas: actions, title: t.a[0], owner: t.owner, due: '2026-03-31', kpi: t.kpi, target: t.target, priority: 'high', author: 'Fiona', source: { kind: 'matrixOption', canvasId: 'confrontation', row: s1, column: o1, label: t.a[0] } });
  createAction(p.doc, { canvas: actions, title: t.a[1], status: 'inProgress', author: 'Fiona' });
  createAction(p.doc, { canvas: actions, title: '', author: 'Fiona' });
  await new Promise((r) => setTimeout(r, 500));
  p.close();
  await request.dispose();
  return { board, actions };
}

async function shots(browser: Browser, baseUrl: string, locale: Locale): Promise<void> {
  const { board, actions } = await setUp(baseUrl, locale);
  for (const size of ['laptop', 'phone', 'projector'] as const) {
    const context = await browser.newContext(contextOptions(locale, size));
    const page = await context.newPage();
    await join(page, board.links.participant, 'Pieter');
    await page.goto(board.links.participant.replace(/#.*/, `?canvas=${actions}`));
    await page.getByTestId('actions').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(outDir, `actions-${locale}-${size}.png`) });
    await page.getByTestId('plan-open').click();
    await page.getByTestId('plan-view').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outDir, `plan-${locale}-${size}.png`) });
    await page.getByTestId('plan-sevens').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, `plan-${locale}-${size}-sections.png`) });
    await page.getByTestId('plan-pyramid').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, `plan-${locale}-${size}-pyramid.png`) });
    await page.goto(board.links.participant.replace(/#.*/, '?canvas=confrontation'));
    await page.getByTestId('matrix-tab-options').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outDir, `options-${locale}-${size}.png`) });
    await context.close();
  }
}

runScreenshots({ outDir, tmpPrefix: 'plan-screens-' }, async (browser, baseUrl) => {
  for (const locale of ['en', 'nl'] as const) await shots(browser, baseUrl, locale);
});
