// The customer pyramid in real browsers (issue 9): a facilitator imports a fixture CSV with the file
// picker and sees the counts per level computed by hand below, with the bad line and its reason; a
// participant in another browser sees the same counts at once and chooses a strategy the
// facilitator sees; a re-import asks first. On a Dutch board a Dutch facilitator drops a Dutch file
// and reads Dutch labels everywhere.
import { test, expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { addCanvas } from '../shared/src/board/canvases.ts';
import type { CreateBoardResponse } from '../shared/src/protocol.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { enterNameIfAsked, expectLive, showOutline } from './support/board.ts';
import { seriousViolations } from './support/axe.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/pyramid-accounts.csv', import.meta.url));

/**
 * The fixture by hand: 50 customers with revenue now (10,000.50 down in steps of 190), so top =
 * round(1% of 50) = 1, large = round(2) = 2, medium = round(7.5) = 8, small = 39; 3 customers without
 * revenue now (inactive), 2 prospects, 1 suspect; line 58 ("n/a" as revenue) is rejected.
 * Movement: last period has 51 active customers (customer 11 had none: won; two had revenue and
 * have none now: lost), so its medium level is customers 4-10 and 12; customer 12 is small now
 * (down 1); the other 48 stay.
 */
const EXPECTED = { top: 1, large: 2, medium: 8, small: 39, inactive: 3, prospect: 2, suspect: 1 };
const MOVEMENT = { up: 0, down: 1, same: 48, won: 1, lost: 2 };

let pageErrors: string[] = [];
test.beforeEach(() => {
  pageErrors = [];
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function pyramidBoard(request: import('@playwright/test').APIRequestContext, baseURL: string, language: 'en' | 'nl') {
  const res = await request.post('/api/boards', { data: { title: 'Pyramid e2e', template: 'swot', language } });
  expect(res.status(), await res.text()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const program = await BoardProgram.join(request, baseURL, board.links.facilitator, 'Setup');
  const canvasId = addCanvas(program.doc, { kind: 'pyramid', title: language === 'nl' ? 'Klantenpiramide' : 'Customer pyramid' });
  return { board, canvasId, program };
}

async function openPyramid(page: Page, link: string, canvasId: string, name: string): Promise<void> {
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  const u = new URL(link);
  u.searchParams.set('canvas', canvasId);
  await page.goto(u.toString());
  await enterNameIfAsked(page, name);
  await expectLive(page);
  await expect(page.getByTestId('pyramid')).toBeVisible();
}

async function expectCounts(page: Page, counts: Record<string, number>): Promise<void> {
  for (const [level, count] of Object.entries(counts)) {
    await expect(page.locator(`[data-testid="pyramid-level"][data-level="${level}"]`)).toHaveAttribute('data-count', String(count));
    await expect(page.locator(`[data-testid="pyramid-band"][data-level="${level}"]`)).toHaveAttribute('data-count', String(count));
  }
}

test('a facilitator imports a CSV and everyone sees the hand-computed counts per level; the team picks strategies', async ({ browser, request, baseURL }) => {
  const { board, canvasId, program } = await pyramidBoard(request, baseURL!, 'en');
  const desk = await browser.newContext({ locale: 'en-GB' });
  const other = await browser.newContext({ locale: 'en-GB' });
  try {
    const fac = await desk.newPage();
    const par = await other.newPage();
    await openPyramid(fac, board.links.facilitator, canvasId, 'Fiona');
    await openPyramid(par, board.links.participant, canvasId, 'Pat');
    await expect(fac.getByTestId('pyramid-empty')).toContainText('Import a CSV file');
    await expect(par.getByTestId('pyramid-empty')).toContainText('The facilitator imports');
    await expect(par.getByTestId('pyramid-import')).toHaveCount(0);

    await fac.getByTestId('pyramid-file').setInputFiles(FIXTURE);
    const result = fac.getByTestId('pyramid-import-result');
    await expect(result).toHaveAttribute('data-imported', '56');
    await expect(result).toContainText('56 accounts imported from “pyramid-accounts.csv”.');
    await expect(fac.getByTestId('pyramid-import-rejected').locator('li')).toHaveText([
      'Line 58 revenue_current “n/a” is not an amount: write a number such as 1250.50, without text.',
    ]);
    await expectCounts(fac, EXPECTED);
    await expectCounts(par, EXPECTED);
    await expect(fac.getByTestId('pyramid-total-count')).toHaveText('56');
    for (const [key, n] of Object.entries(MOVEMENT)) await expect(par.getByTestId(`pyramid-movement-${key}`)).toHaveAttribute('data-count', String(n));

    // The participant chooses a strategy (the team's setting); the facilitator sees it.
    await par.getByRole('combobox', { name: 'Strategy for Small customers' }).selectOption('reduce');
    await expect(fac.getByRole('combobox', { name: 'Strategy for Small customers' })).toHaveValue('reduce');
    expect(await seriousViolations(par)).toEqual([]);

    // The facilitator moves the top account down by hand: kept as an override and shown.
    await fac.getByTestId('pyramid-tab-accounts').click();
    await fac.getByRole('combobox', { name: 'Level of Customer 01' }).selectOption('large');
    await expect(fac.locator('[data-testid="pyramid-account"][data-override="true"]')).toContainText('moved by hand');
    await fac.getByTestId('pyramid-tab-pyramid').click();
    await expectCounts(par, { ...EXPECTED, top: 0, large: 3 });
    await expect(par.getByTestId('pyramid-overrides')).toHaveText('✋ 1 account moved by hand');

    // A re-import asks first; the override stays with the same name.
    await fac.getByTestId('pyramid-import-close').click();
    await fac.getByTestId('pyramid-file').setInputFiles(FIXTURE);
    await expect(fac.getByTestId('pyramid-import-confirm')).toContainText('Replace the 56 accounts on this pyramid with the 56 from “pyramid-accounts.csv”?');
    await fac.getByTestId('pyramid-import-yes').click();
    await expect(fac.getByTestId('pyramid-import-result')).toHaveAttribute('data-imported', '56');
    await expectCounts(par, { ...EXPECTED, top: 0, large: 3 });
  } finally {
    await desk.close();
    await other.close();
    program.close();
  }
});

test('a Dutch board: a Dutch file dropped on the pyramid, Dutch labels on every part', async ({ browser, request, baseURL }) => {
  const { board, canvasId, program } = await pyramidBoard(request, baseURL!, 'nl');
  const ctx = await browser.newContext({ locale: 'nl-NL' });
  try {
    const fac = await ctx.newPage();
    await openPyramid(fac, board.links.facilitator, canvasId, 'Fenna');
    const csv = '\ufeffNaam;Omzet_huidig;Omzet_vorig;Status\r\nJansen BV;1.250,50;1000;klant\r\nDe Vries;0;300;klant\r\nNieuw BV;0;0;prospect\r\nFout;veel;0;klant\r\n';
    // A drop as the browser makes it: a DataTransfer holding the file.
    const transfer = await fac.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'klanten.csv', { type: 'text/csv' }));
      return dt;
    }, csv);
    const view = fac.getByTestId('pyramid');
    await view.dispatchEvent('dragover', { dataTransfer: transfer });
    await expect(fac.getByTestId('pyramid-drop')).toHaveText('Laat het CSV-bestand los om het te importeren');
    await view.dispatchEvent('drop', { dataTransfer: transfer });
    const result = fac.getByTestId('pyramid-import-result');
    await expect(result).toContainText('3 klanten geïmporteerd uit “klanten.csv”.');
    await expect(fac.getByTestId('pyramid-import-rejected').locator('li')).toHaveText(['Regel 5 Omzet_huidig “veel” is geen bedrag: schrijf een getal zoals 1250,50, zonder tekst.']);
    await expectCounts(fac, { top: 0, large: 0, medium: 0, small: 1, inactive: 1, prospect: 1, suspect: 0 });
    await expect(fac.getByTestId('pyramid-tab-pyramid')).toHaveText('Piramide');
    await expect(fac.getByTestId('pyramid-tab-accounts')).toHaveText('Klanten');
    await expect(fac.getByTestId('pyramid-tab-setup')).toHaveText('Instellen');
    await expect(fac.getByTestId('pyramid-level').locator('th')).toHaveText([
      'Topklanten',
      'Grote klanten',
      'Middelgrote klanten',
      'Kleine klanten',
      'Inactieve klanten',
      'Prospects',
      'Suspects',
    ]);
    await expect(fac.getByRole('combobox', { name: 'Strategie voor Topklanten' })).toHaveValue('retain');
    await expect(fac.getByRole('combobox', { name: 'Strategie voor Topklanten' }).locator('option:checked')).toHaveText('Vasthouden');
    await expect(fac.getByTestId('pyramid-movement')).toContainText('Verschuivingen sinds de vorige periode');
    await fac.getByTestId('pyramid-tab-accounts').click();
    await fac.getByTestId('pyramid-add').click();
    await expect(fac.getByTestId('pyramid-account-form')).toContainText('Klant toevoegen');
    await fac.getByTestId('pyramid-form-name').fill('Handwerk BV');
    await fac.getByTestId('pyramid-form-current').fill('99,5');
    await fac.getByTestId('pyramid-form-save').click();
    await expect(fac.getByTestId('pyramid-account')).toHaveCount(4);
    await expect(fac.getByTestId('pyramid-account').filter({ hasText: 'Handwerk BV' })).toContainText('99,5');
    await fac.getByTestId('pyramid-tab-setup').click();
    await expect(fac.getByTestId('pyramid-setup')).toContainText('Verdeling van de actieve klanten');
    expect(await seriousViolations(fac)).toEqual([]);

    // The outline: the same numbers, a labelled strategy control per level, in Dutch.
    await showOutline(fac);
    const outline = fac.getByTestId('pyramid-outline');
    await expect(outline.locator('caption')).toHaveText('Klantenpiramide: aantal klanten en omzet per niveau, en de strategie voor elk');
    await outline.getByRole('combobox', { name: 'Strategie voor Inactieve klanten' }).selectOption('reduce');
    await expect(outline.locator('[data-testid="pyramid-level"][data-level="small"]')).toHaveAttribute('data-count', '2');
    await fac.getByTestId('view-canvas').click();
    await fac.getByTestId('pyramid-tab-pyramid').click();
    await expect(fac.getByRole('combobox', { name: 'Strategie voor Inactieve klanten' })).toHaveValue('reduce');
  } finally {
    await ctx.close();
    program.close();
  }
});
