// The 7S model in three browsers: a facilitator on a laptop (the Score tab), a participant in the
// outline view (its labelled selects) and a participant on a phone. Each scores some elements; all
// three see the means, spreads, gaps, subtotals, the order by gap and the fit matrix computed by
// hand below. A Dutch board shows the 7S in Dutch, to a participant and to a viewer.
import { test, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { addCanvas } from '../shared/src/board/canvases.ts';
import { createNote } from '../shared/src/board/notes.ts';
import { sevensFrameId } from '../shared/src/canvases/sevens/sevensLayout.ts';
import { sevensKind } from '../shared/src/canvases/sevens/sevensKind.ts';
import type { SevensElement, SevensState } from '../shared/src/canvases/sevens/sevensModel.ts';
import type { CreateBoardResponse, Locale } from '../shared/src/protocol.ts';
import { nl } from '../shared/src/i18n/nl.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { expectLive, readNotes } from './support/board.ts';
import { seriousViolations } from './support/axe.ts';
import { canvasViewOpener } from './support/canvasView.ts';

interface SevensBoard {
  board: CreateBoardResponse;
  canvasId: string;
  program: BoardProgram;
}

/** A board with a 7S canvas and a note on the current state of shared values, set up by a program. */
async function sevensBoard(request: APIRequestContext, baseURL: string, language: Locale, note: string): Promise<SevensBoard> {
  const res = await request.post('/api/boards', { data: { title: '7S e2e', template: 'swot', language } });
  expect(res.status(), await res.text()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const program = await BoardProgram.join(request, baseURL, board.links.facilitator, 'Setup');
  const canvasId = addCanvas(program.doc, { kind: '7s', title: language === 'nl' ? '7S-model' : '7S model' });
  const frame = sevensKind.layout.frames.find((f) => f.id === sevensFrameId('sharedValues', 'current'))!;
  createNote(program.doc, { canvas: canvasId, frame: frame.id, text: note, x: frame.x + 20, y: frame.y + 90, color: 'yellow', author: 'Setup' });
  return { board, canvasId, program };
}

const open7s = canvasViewOpener(test, 'sevens');

type Scores = [SevensElement, SevensState, number][];

async function scoreIn(scope: Page | ReturnType<Page['getByTestId']>, scores: Scores): Promise<void> {
  for (const [element, state, value] of scores) {
    await scope.locator(`[data-testid="sevens-score-select"][data-element="${element}"][data-state="${state}"]`).selectOption(String(value));
  }
}

function row(scope: Page | ReturnType<Page['getByTestId']>, element: SevensElement) {
  return scope.locator(`[data-testid="sevens-result"][data-element="${element}"]`);
}

/** Everything the Results tab shows that the first test computes by hand, read in one round trip. */
interface ResultsSnapshot {
  people: string | undefined;
  /** element, current mean, desired mean, gap; in the order shown. */
  rows: string[][];
  /** group, current, desired, gap, mean gap. */
  subtotals: string[][];
  /** The means of the fit matrix's cells of the pair (both cells: the matrix is symmetric). */
  strategyStructure: string[];
  staffSkills: string[];
}

function resultsOf(page: Page): Promise<ResultsSnapshot | null> {
  return page.evaluate(() => {
    const results = document.querySelector<HTMLElement>('[data-testid="sevens-results"]');
    if (!results) return null;
    const all = (selector: string) => [...results.querySelectorAll<HTMLElement>(selector)].map((e) => e.dataset);
    const means = (a: string, b: string) => all(`[data-testid="sevens-fit-cell"][data-a="${a}"][data-b="${b}"]`).map((d) => d.mean ?? '');
    return {
      people: results.dataset.people,
      rows: all('[data-testid="sevens-result"]').map((d) => [d.element ?? '', d.currentMean ?? '', d.desiredMean ?? '', d.gap ?? '']),
      subtotals: all('[data-testid="sevens-subtotal"]').map((d) => [d.group ?? '', d.current ?? '', d.desired ?? '', d.gap ?? '', d.meanGap ?? '']),
      strategyStructure: means('strategy', 'structure'),
      staffSkills: means('staff', 'skills'),
    };
  });
}

async function contexts(browser: Browser): Promise<{ desk: BrowserContext; outline: BrowserContext; phone: BrowserContext }> {
  return {
    desk: await browser.newContext(),
    outline: await browser.newContext(),
    phone: await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }),
  };
}

test('three people score the 7S on a laptop, in the outline and on a phone; all see the hand-computed means and gaps', async ({ browser, request, baseURL }) => {
  const s = await sevensBoard(request, baseURL!, 'en', 'Customer first');
  const ctx = await contexts(browser);
  try {
    const [fac, par, phone] = await Promise.all([ctx.desk.newPage(), ctx.outline.newPage(), ctx.phone.newPage()]);
    // The three people are independent: they join and score at the same time, as in a workshop.
    await Promise.all([
      (async () => {
        await open7s(fac, s.board.links.facilitator, s.canvasId, 'Fiona');
        // The notes tab is the region canvas: a jump bar of one button per element.
        await expect(fac.getByTestId('sevens-tab-notes')).toHaveAttribute('aria-selected', 'true');
        await expect(fac.getByTestId('jump-frame')).toHaveCount(7);
        await expect(fac.getByRole('button', { name: 'Shared values' })).toBeVisible();

        // Fiona in the Score tab.
        await fac.getByTestId('sevens-tab-score').click();
        await expect(fac.getByTestId('sevens-progress')).toHaveText('0 of 14 scores given');
        await scoreIn(fac, [['strategy', 'current', 2], ['strategy', 'desired', 5], ['structure', 'current', 3], ['structure', 'desired', 3], ['sharedValues', 'current', 2], ['sharedValues', 'desired', 4], ['staff', 'current', 4], ['staff', 'desired', 4]]);
        await expect(fac.getByTestId('sevens-progress')).toHaveText('8 of 14 scores given');
        await fac.getByTestId('sevens-fit-form').locator('summary').click();
        await fac.getByRole('combobox', { name: 'Strategy – Structure' }).selectOption('4');
        await expect(fac.getByTestId('sevens-fit-progress')).toHaveText('1 of 21 pairs rated');
      })(),
      (async () => {
        // Pieter in the outline: selects named by element and state.
        await open7s(par, s.board.links.participant, s.canvasId, 'Pieter');
        await par.getByTestId('view-outline').click();
        const outline = par.getByTestId('sevens-outline');
        await expect(outline.locator('[data-testid="outline-frame"][data-frame="7s.sharedValues.current"] [data-testid="outline-note-text"]')).toHaveValue('Customer first');
        await expect(outline.locator('[data-testid="outline-frame"][data-frame="7s.sharedValues.current"] [data-testid="outline-note-frame"] option:checked')).toHaveText('Shared values · Current');
        await outline.getByRole('combobox', { name: 'Strategy, current' }).selectOption('3');
        await outline.getByRole('combobox', { name: 'Strategy, desired' }).selectOption('4');
        await outline.getByRole('combobox', { name: 'Structure, current' }).selectOption('4');
        await outline.getByRole('combobox', { name: 'Structure, desired' }).selectOption('3');
        await outline.getByRole('combobox', { name: 'Shared values, current' }).selectOption('3');
        await outline.getByRole('combobox', { name: 'Shared values, desired' }).selectOption('5');
        await outline.getByTestId('sevens-fit-form').locator('summary').click();
        await outline.getByRole('combobox', { name: 'Strategy – Structure' }).selectOption('2');
      })(),
      (async () => {
        // Sam on the phone.
        await open7s(phone, s.board.links.participant, s.canvasId, 'Sam');
        await phone.getByTestId('sevens-tab-score').tap();
        await scoreIn(phone, [['strategy', 'current', 1], ['strategy', 'desired', 5], ['sharedValues', 'current', 1], ['sharedValues', 'desired', 5], ['staff', 'current', 3], ['staff', 'desired', 5]]);
        await phone.getByTestId('sevens-fit-form').locator('summary').tap();
        await phone.getByRole('combobox', { name: 'Staff – Skills' }).selectOption('5');
      })(),
    ]);

    // By hand (population spread):
    //   strategy      current 2 3 1 → 2.0 (0.8), desired 5 4 5 → 4.7 (0.5), gap +2.7
    //   shared values current 2 3 1 → 2.0 (0.8), desired 4 5 5 → 4.7 (0.5), gap +2.7 (equal: method order)
    //   staff         current 4 3   → 3.5 (0.5), desired 4 5   → 4.5 (0.5), gap +1.0
    //   structure     current 3 4   → 3.5 (0.5), desired 3 3   → 3.0 (0.0), gap -0.5
    //   systems, style, skills: no scores, last in the method's order.
    //   hard: current 2 + 3.5 = 5.5, desired 4.67 + 3 = 7.7, gaps 2.67 - 0.5 = +2.2, per element +1.1
    //   soft: current 2 + 3.5 = 5.5, desired 4.67 + 4.5 = 9.2, gaps 2.67 + 1 = +3.7, per element +1.8
    //   fit: strategy-structure 4, 2 → 3.0 (both cells of the symmetric matrix); staff-skills 5 → 5.0.
    await fac.getByTestId('sevens-tab-results').click();
    await phone.getByTestId('sevens-tab-results').tap();
    const expected: ResultsSnapshot = {
      people: '3',
      rows: [
        ['strategy', '2.0', '4.7', '+2.7'],
        ['sharedValues', '2.0', '4.7', '+2.7'],
        ['staff', '3.5', '4.5', '+1.0'],
        ['structure', '3.5', '3.0', '-0.5'],
        ['systems', '–', '–', '–'],
        ['style', '–', '–', '–'],
        ['skills', '–', '–', '–'],
      ],
      subtotals: [
        ['hard', '5.5', '7.7', '+2.2', '+1.1'],
        ['soft', '5.5', '9.2', '+3.7', '+1.8'],
      ],
      strategyStructure: ['3.0', '3.0'],
      staffSkills: ['5.0', '5.0'],
    };
    // Each page's whole results, read at once, until they are the hand-computed ones.
    await Promise.all([fac, phone, par].map((page) => expect.poll(() => resultsOf(page)).toEqual(expected)));
    // The spread as shown, and the row read as a table row.
    await expect(row(fac, 'strategy').locator('th, td')).toHaveText(['1', /Strategy\s+Hard/, '2.0', '0.8', '4.7', '0.5', '+2.7', '']);

    // Live: Sam changes a score and everyone's results follow.
    await phone.getByTestId('sevens-tab-score').tap();
    await scoreIn(phone, [['staff', 'desired', 4]]);
    await expect(row(fac, 'staff')).toHaveAttribute('data-gap', '+0.5');
    await expect(row(par.getByTestId('sevens-outline'), 'staff')).toHaveAttribute('data-gap', '+0.5');

    // A reload keeps one's own scores: they are the document's, under the same participant.
    await par.reload();
    await expectLive(par);
    await par.getByTestId('view-outline').click();
    await expect(par.getByTestId('sevens-outline').getByRole('combobox', { name: 'Strategy, desired' })).toHaveValue('4');
  } finally {
    s.program.close();
    for (const c of Object.values(ctx)) await c.close();
  }
});

test('a Dutch board shows the 7S in Dutch; a viewer sees the results but no scoring', async ({ browser, request, baseURL }) => {
  const s = await sevensBoard(request, baseURL!, 'nl', 'Klant eerst');
  const parContext = await browser.newContext();
  const viewerContext = await browser.newContext();
  try {
    const par = await parContext.newPage();
    await open7s(par, s.board.links.participant, s.canvasId, 'Pieter');
    await expect(par.getByTestId('sevens-tab-notes')).toHaveText(nl['sevens.tab.notes']);
    await expect(par.getByRole('toolbar', { name: nl['sevens.jump'] })).toBeVisible();
    for (const key of ['sevens.element.strategy', 'sevens.element.sharedValues', 'sevens.element.staff', 'sevens.element.skills'] as const) {
      await expect(par.getByRole('button', { name: nl[key] })).toBeVisible();
    }

    await par.getByTestId('sevens-tab-score').click();
    await expect(par.getByTestId('sevens-score')).toContainText(nl['sevens.group.hardElements']);
    await expect(par.getByTestId('sevens-score')).toContainText(nl['sevens.group.softElements']);
    await par.getByRole('combobox', { name: 'Gedeelde waarden, huidig' }).selectOption('2');
    await par.getByRole('combobox', { name: 'Gedeelde waarden, gewenst' }).selectOption('5');
    await par.getByRole('combobox', { name: 'Vaardigheden, huidig' }).selectOption('3');
    await expect(par.getByTestId('sevens-progress')).toHaveText('3 van 14 scores gegeven');

    await par.getByTestId('sevens-tab-results').click();
    const results = par.getByTestId('sevens-results');
    await expect(row(results, 'sharedValues')).toHaveAttribute('data-gap', '+3,0');
    await expect(row(results, 'sharedValues')).toContainText('Gedeelde waarden');
    await expect(row(results, 'sharedValues')).toContainText('Zacht');
    await expect(results.getByRole('columnheader', { name: 'Verschil', exact: true })).toBeVisible();
    await expect(results).toContainText('Scores van 1 persoon');
    expect(await seriousViolations(par)).toEqual([]);
    await par.getByTestId('sevens-tab-score').click();
    await par.getByTestId('sevens-fit-form').locator('summary').click();
    expect(await seriousViolations(par)).toEqual([]);

    // The outline's regions carry the Dutch element and state names.
    await par.getByTestId('view-outline').click();
    await expect(par.locator('[data-testid="outline-frame"][data-frame="7s.sharedValues.current"] h3')).toContainText(/Gedeelde waarden\s*Huidig/);
    await expect(par.locator('[data-testid="outline-frame"][data-frame="7s.staff.desired"] h3')).toContainText(/Personeel\s*Gewenst/);
    expect(await seriousViolations(par)).toEqual([]);

    const viewer = await viewerContext.newPage();
    await open7s(viewer, s.board.links.viewer, s.canvasId, 'Vera');
    await expect(viewer.getByTestId('sevens-tab-score')).toHaveCount(0);
    await expect(viewer.getByText(nl['sevens.score.viewer'])).toBeVisible();
    await viewer.getByTestId('sevens-tab-results').click();
    await expect(row(viewer.getByTestId('sevens-results'), 'sharedValues')).toHaveAttribute('data-desired-mean', '5,0');
    await viewer.getByTestId('view-outline').click();
    await expect(viewer.getByTestId('sevens-outline')).toBeVisible();
    await expect(viewer.getByTestId('sevens-score-select')).toHaveCount(0);
  } finally {
    s.program.close();
    await parContext.close();
    await viewerContext.close();
  }
});

test('every 7S region is reachable by keyboard (1-7 current, Shift+1-7 desired); the Score tab offers no note tools', async ({ page, request, baseURL }) => {
  const s = await sevensBoard(request, baseURL!, 'en', 'Customer first');
  await open7s(page, s.board.links.participant, s.canvasId, 'Kim');
  // The renderer is up (it publishes the count) before the first key.
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-note-count', '1');
  await page.getByTestId('canvas').focus();
  const frames: string[] = [];
  const newestFrame = async () => {
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-note-count', String(frames.length + 2));
    const notes = (await readNotes(page)).filter((n) => n.author === 'Kim' && !frames.includes(n.id));
    expect(notes).toHaveLength(1);
    frames.push(notes[0].id);
    await page.keyboard.press('Escape'); // ends typing
    await page.keyboard.press('Escape'); // clears the selection
    return notes[0].frame;
  };
  // Keys 8 and 9 and 8 more regions were out of reach before: 7 is Skills, Shift+7 its desired state.
  await page.keyboard.press('7');
  expect(await newestFrame()).toBe(sevensFrameId('skills', 'current'));
  await page.keyboard.press('Shift+Digit7');
  expect(await newestFrame()).toBe(sevensFrameId('skills', 'desired'));
  await page.keyboard.press('Shift+Digit1');
  expect(await newestFrame()).toBe(sevensFrameId('strategy', 'desired'));
  await page.keyboard.press('2');
  expect(await newestFrame()).toBe(sevensFrameId('structure', 'current'));
  // The help: the canvas's label and the jump buttons' tooltips name both keys.
  await expect(page.getByTestId('canvas')).toHaveAttribute('aria-label', /1 to 7: in Strategy, Structure, .*Skills; Shift with the number: the desired state/);
  await expect(page.locator('[data-testid="jump-frame"][data-frame="7s.skills.current"]')).toHaveAttribute('title', 'Skills · key 7: a note on the current state, Shift+7: on the desired state');

  // Score and Results show no notes: no "Add note" that would put one on Strategy unseen.
  await page.getByTestId('sevens-tab-score').click();
  await expect(page.getByTestId('sevens-score')).toBeVisible();
  await expect(page.getByTestId('add-note')).toHaveCount(0);
  await page.getByTestId('sevens-tab-results').click();
  await expect(page.getByTestId('sevens-results')).toBeVisible();
  await expect(page.getByTestId('add-note')).toHaveCount(0);
  expect(await readNotes(page)).toHaveLength(5);
  await page.getByTestId('sevens-tab-notes').click();
  await expect(page.getByTestId('add-note')).toBeVisible();
});

/** The view tabs of the canvas in view that a finger on their centre would miss (something lies over them). */
async function tabsCovered(page: Page): Promise<string[]> {
  return page.getByTestId('canvas-area').getByRole('tab').evaluateAll((tabs) =>
    tabs.flatMap((el) => {
      const r = el.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('[role="tab"]') === el ? [] : [el.id];
    }),
  );
}

test('on a phone with a note selected, the colours leave the Notes, Score and Results tabs usable', async ({ browser, request, baseURL }) => {
  const s = await sevensBoard(request, baseURL!, 'en', 'Customer first');
  for (const kind of ['confrontation', 'quickscan', 'pyramid']) addCanvas(s.program.doc, { kind, title: '' });
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const page = await phone.newPage();
    await open7s(page, s.board.links.participant, s.canvasId, 'Pia');
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-note-count', '1');
    // A new note is selected (and typed in; Escape ends the typing, the selection stays).
    await page.getByTestId('add-note').tap();
    await page.keyboard.type('Lean teams');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-note-count', '2');
    await expect(page.getByTestId('color-yellow')).toBeEnabled();
    await expect(page.getByTestId('canvas-area').getByRole('tab')).toHaveCount(3);
    expect(await tabsCovered(page)).toEqual([]);
    await expect(page.getByTestId('color-yellow')).toBeInViewport({ ratio: 1 });
    await page.getByTestId('sevens-tab-score').tap();
    await expect(page.getByTestId('sevens-score')).toBeVisible();

    // The other kinds with tabs (they have no notes to select): their tabs are in reach too.
    for (const kind of ['confrontation', 'quickscan', 'pyramid']) {
      await page.locator(`[data-testid="canvas-tab"][data-kind="${kind}"]`).tap();
      await expect(page.getByTestId('canvas-area')).toHaveAttribute('data-kind', kind);
      await expect(page.getByTestId('canvas-area').getByRole('tab').first()).toBeVisible();
      expect(await tabsCovered(page), kind).toEqual([]);
    }
  } finally {
    s.program.close();
    await phone.close();
  }
});
