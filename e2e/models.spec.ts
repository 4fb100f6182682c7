// The strategy models (issue 9, "The models"): canvases of labelled regions like the SWOT. A
// facilitator adds them from the canvas dialog, notes go into the region chosen by number key or by
// jumping there and using the toolbar, the outline lists them under that region, and a Dutch board
// shows the Dutch labels and prompts on the canvas itself (its Konva text).
import { test, expect } from './support/workshop.ts';
import type { Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { joinBoard, readNotes } from './support/board.ts';
import { expectNoteCount } from './support/canvas.ts';
import { addCanvas, closeManage, tab } from './support/canvases.ts';
import { frameAt, type Template } from '../shared/src/templates/index.ts';
import { destepKind } from '../shared/src/canvases/destep/destepKind.ts';
import { seriousViolations } from './support/axe.ts';

/** The canvas's text as drawn, with whether each piece shows (a prompt hides once its region has a note). */
async function canvasTexts(page: Page): Promise<{ text: string; visible: boolean }[]> {
  return page.evaluate(() => {
    type KText = { text(): string; isVisible(): boolean };
    type KStage = { container(): HTMLElement; find(selector: string): KText[] };
    const konva = (window as unknown as { Konva?: { stages: KStage[] } }).Konva;
    const host = document.querySelector('[data-testid="canvas"]');
    const stage = konva?.stages.find((s) => host?.contains(s.container()));
    return stage ? stage.find('Text').map((t) => ({ text: t.text(), visible: t.isVisible() })) : [];
  });
}

async function shownTexts(page: Page): Promise<string[]> {
  return (await canvasTexts(page)).filter((t) => t.visible).map((t) => t.text);
}

/** The region under the centre of this user's view (the viewport the renderer publishes): waits out a camera glide. */
async function viewCentreFrame(page: Page, layout: Template): Promise<string | undefined> {
  const v = await page.evaluate(() => {
    type Rect = { x: number; y: number; width: number; height: number };
    const board = (window as unknown as { __board?: { provider: { awareness: { getLocalState(): { viewport?: Rect | null } | null } } } }).__board;
    return board?.provider.awareness.getLocalState()?.viewport ?? null;
  });
  return v ? frameAt(layout, v.x + v.width / 2, v.y + v.height / 2)?.id : undefined;
}

/** Types into the note editor that adding opened, and closes it. */
async function write(page: Page, text: string): Promise<void> {
  await expect(page.getByTestId('note-editor')).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

async function newest(page: Page, before: Set<string>) {
  let found: Awaited<ReturnType<typeof readNotes>>[number] | undefined;
  await expect.poll(async () => (found = (await readNotes(page)).find((n) => !before.has(n.id)))?.text ?? '').not.toBe('');
  return found!;
}

const ids = async (page: Page) => new Set((await readNotes(page)).map((n) => n.id));

test('a facilitator adds DESTEP and BCG canvases and puts notes in chosen regions by keyboard and toolbar; the outline lists them there', async ({ workshop }) => {
  const { fac, par } = await workshop('Strategy models');
  // Every model is offered in the dialog, by its name.
  const dialogKinds = fac.getByTestId('canvas-add-kind').locator('option');
  const destep = await addCanvas(fac, 'destep', 'Market');
  await expect(dialogKinds).toContainText(['Mission, vision and objectives', 'Value disciplines', 'Porter’s generic strategies', 'DESTEP analysis', 'Porter’s five forces', 'Ansoff growth matrix', 'BCG matrix']);
  await closeManage(fac);
  await expect(fac.getByTestId('canvas-area')).toHaveAttribute('data-kind', 'destep');
  const canvas = fac.getByTestId('canvas');
  await expect(canvas).toHaveAttribute('aria-label', /1 to 6: in Demographic, Economic, Social-cultural, Technological, Ecological, Political-legal/);
  await expect.poll(() => shownTexts(fac)).toContain('What do climate, raw materials and sustainability ask of us?');

  // By keyboard: 5 is the fifth factor, Ecological.
  await canvas.focus();
  let before = await ids(fac);
  await fac.keyboard.press('5');
  await write(fac, 'Customers ask for recycled packaging');
  const byKey = await newest(fac, before);
  expect(byKey).toMatchObject({ frame: 'destep.ecological', color: 'green', text: 'Customers ask for recycled packaging' });
  // Its region's prompt gives way to the note; the others still ask.
  await expect.poll(() => shownTexts(fac)).not.toContain('What do climate, raw materials and sustainability ask of us?');
  expect(await shownTexts(fac)).toContain('Which laws, rules and policies affect us?');

  // By the toolbar: jump to Political-legal, then "Add note" puts the note in the region in view.
  const jump = fac.getByRole('toolbar', { name: 'Jump to factor' });
  await expect(jump.getByTestId('jump-frame')).toHaveCount(6);
  await jump.getByRole('button', { name: 'Political-legal' }).click();
  await expect.poll(() => viewCentreFrame(fac, destepKind.layout)).toBe('destep.politicalLegal');
  before = await ids(fac);
  await fac.getByTestId('add-note').click();
  await write(fac, 'New privacy law in 2027');
  expect(await newest(fac, before)).toMatchObject({ frame: 'destep.politicalLegal', color: 'purple' });

  // The participant sees both in the navigator's count.
  await expect(tab(par, 'Market').getByTestId('canvas-count')).toHaveAttribute('data-count', '2');

  // A BCG: key 3 is the cash cows; a number past its four regions adds nothing.
  const bcg = await addCanvas(fac, 'bcg', 'Portfolio');
  await closeManage(fac);
  await expect(fac.getByTestId('canvas-area')).toHaveAttribute('data-canvas-id', bcg);
  await expect.poll(() => shownTexts(fac)).toEqual(expect.arrayContaining(['Relative market share', 'Market growth', 'High', 'Low']));
  await fac.getByTestId('canvas').focus();
  await fac.keyboard.press('7');
  before = await ids(fac);
  await fac.keyboard.press('3');
  await write(fac, 'Service contracts');
  expect(await newest(fac, before)).toMatchObject({ frame: 'bcg.cashCow', text: 'Service contracts' });
  await expectNoteCount(fac, 1);

  // The outline: each canvas's regions in order, the notes under theirs, an empty region's question,
  // and every control named for its note and region.
  await fac.getByTestId('view-outline').click();
  const market = fac.locator(`[data-testid="outline-canvas"][data-canvas-id="${destep}"]`);
  await expect(market.getByTestId('outline-frame').locator('h3')).toHaveText([/^Demographic/, /^Economic/, /^Social-cultural/, /^Technological/, /^Ecological/, /^Political-legal/]);
  const ecological = market.locator('[data-testid="outline-frame"][data-frame="destep.ecological"]');
  await expect(ecological.getByRole('textbox', { name: 'Text of note 1 in Ecological' })).toHaveValue('Customers ask for recycled packaging');
  await expect(ecological.getByRole('combobox', { name: 'Region of note 1' }).locator('option')).toHaveText(['Demographic', 'Economic', 'Social-cultural', 'Technological', 'Ecological', 'Political-legal']);
  await expect(market.locator('[data-testid="outline-frame"][data-frame="destep.politicalLegal"] textarea')).toHaveValue('New privacy law in 2027');
  await expect(market.locator('[data-testid="outline-frame"][data-frame="destep.demographic"] [data-testid="outline-prompt"]')).toHaveText('How are population, age and households changing?');
  const portfolio = fac.locator(`[data-testid="outline-canvas"][data-canvas-id="${bcg}"]`);
  await expect(portfolio.locator('[data-testid="outline-frame"][data-frame="bcg.cashCow"] textarea')).toHaveValue('Service contracts');
  // Adding from the outline: into the region whose button was pressed.
  before = await ids(fac);
  await portfolio.getByRole('button', { name: 'Add note to Star' }).click();
  await expect(portfolio.getByRole('textbox', { name: 'Text of note 1 in Star' })).toBeFocused();
  await fac.keyboard.type('Online configurator');
  expect(await newest(fac, before)).toMatchObject({ frame: 'bcg.star', color: 'yellow' });
  expect(await seriousViolations(fac)).toEqual([]);
  await fac.getByTestId('view-canvas').click();
  expect(await seriousViolations(fac)).toEqual([]);

  // The confrontation matrix has no note regions: none of the note tools over it (issue 7 leftover).
  await expect(fac.getByTestId('add-note')).toBeVisible();
  await addCanvas(fac, 'confrontation', 'Matrix');
  await closeManage(fac);
  await expect(fac.getByTestId('canvas-area')).toHaveAttribute('data-kind', 'confrontation');
  for (const tool of ['add-note', 'color-yellow', 'tidy-up', 'duplicate-selected', 'delete-selected', 'zoom-fit', 'export-png']) {
    await expect(fac.getByTestId(tool), tool).toHaveCount(0);
  }
});

test('a Dutch board shows the models’ Dutch region labels, prompts and axes', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'Strategiesessie', language: 'nl' });
  await joinBoard(page, board.links.facilitator, 'Femke');
  await addCanvas(page, 'destep', '');
  await closeManage(page);
  await expect(tab(page, 'DESTEP-analyse')).toHaveAttribute('aria-current', 'page');
  await expect.poll(() => shownTexts(page)).toEqual(expect.arrayContaining([
    'Demografisch', 'Economisch', 'Sociaal-cultureel', 'Technologisch', 'Ecologisch', 'Politiek-juridisch',
    'Welke wetten, regels en welk beleid raken ons?', 'Hoe ontwikkelen groei, prijzen, rente en bestedingen zich?',
  ]));
  await expect(page.getByRole('toolbar', { name: 'Spring naar factor' }).getByRole('button', { name: 'Sociaal-cultureel' })).toBeVisible();
  await expect(page.getByTestId('canvas')).toHaveAttribute('aria-label', /1 tot 6: in Demografisch, Economisch, Sociaal-cultureel, Technologisch, Ecologisch, Politiek-juridisch/);

  await addCanvas(page, 'bcg', '');
  await closeManage(page);
  await expect(tab(page, 'BCG-matrix')).toHaveAttribute('aria-current', 'page');
  await expect.poll(() => shownTexts(page)).toEqual(expect.arrayContaining([
    'Ster', 'Vraagteken', 'Melkkoe', 'Poedel', 'Relatief marktaandeel', 'Marktgroei', 'Hoog', 'Laag',
    'Welke producten zijn leider in een volwassen markt en leveren geld op?',
  ]));
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('3');
  await write(page, 'Onderhoudscontracten');
  await expect.poll(() => shownTexts(page)).not.toContain('Welke producten zijn leider in een volwassen markt en leveren geld op?');

  await page.getByTestId('view-outline').click();
  const cashCows = page.locator('[data-testid="outline-frame"][data-frame="bcg.cashCow"]');
  await expect(cashCows.locator('h3')).toHaveText(/^Melkkoe/);
  await expect(cashCows.getByRole('textbox', { name: 'Tekst van notitie 1 in Melkkoe' })).toHaveValue('Onderhoudscontracten');
  await expect(page.locator('[data-testid="outline-frame"][data-frame="bcg.dog"] [data-testid="outline-prompt"]')).toHaveText('Welke producten hebben een klein aandeel in een markt die nauwelijks groeit?');

  // Mission and objectives: the SMART checklist stays on the objectives, notes or not.
  await page.getByTestId('view-canvas').click();
  await addCanvas(page, 'mission', '');
  await closeManage(page);
  await expect.poll(() => shownTexts(page)).toEqual(expect.arrayContaining(['Doelstellingen', 'SMART: WAT, METING, EIGENAAR, DATUM', 'Wie zijn we en waarom bestaan we?']));
});
