// The confrontation matrix in three browsers: a facilitator (keyboard, English UI on a Dutch board),
// a participant in Dutch (the outline's selects) and a participant on a phone (taps). Each scores
// every cell; the means, sums and options all three see equal the ones computed by hand below.
import { test, expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { addCanvas } from '../shared/src/board/canvases.ts';
import { createNote, setNoteText } from '../shared/src/board/notes.ts';
import type { CreateBoardResponse } from '../shared/src/protocol.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { expectLive } from './support/board.ts';
import { seriousViolations } from './support/axe.ts';
import { canvasViewOpener } from './support/canvasView.ts';

interface MatrixBoard {
  board: CreateBoardResponse;
  canvasId: string;
  notes: { s: string; w: string; o: string; t: string };
  program: BoardProgram;
}

/**
 * A Dutch board with one note in each SWOT quadrant and a confrontation matrix (2 x 2 cells), set
 * up by a program with the shared operations. (Once `template: confrontation` is served, a board
 * made with it has the matrix already.)
 */
async function matrixBoard(request: APIRequestContext, baseURL: string): Promise<MatrixBoard> {
  const res = await request.post('/api/boards', { data: { title: 'Matrix e2e', template: 'swot', language: 'nl' } });
  expect(res.status(), await res.text()).toBe(201);
  const board = (await res.json()) as CreateBoardResponse;
  const program = await BoardProgram.join(request, baseURL, board.links.facilitator, 'Setup');
  const doc = program.doc;
  const note = (frame: string, text: string, x: number, y: number) => createNote(doc, { canvas: 'swot', frame, text, x, y, color: 'yellow', author: 'Setup' });
  const notes = {
    s: note('swot.strengths', 'Sterk merk', 16, 72),
    w: note('swot.weaknesses', 'Trage levering', 976, 72),
    o: note('swot.opportunities', 'Groeiende B2B-markt', 16, 712),
    t: note('swot.threats', 'Nieuwe concurrent', 976, 712),
  };
  const canvasId = addCanvas(doc, { kind: 'confrontation', title: 'Confrontatiematrix' });
  return { board, canvasId, notes, program };
}

const openMatrix = canvasViewOpener(test, 'matrix');

function cell(page: Page, row: string, column: string) {
  return page.locator(`[data-testid="matrix-cell"][data-row="${row}"][data-column="${column}"]`);
}

function result(page: Page, row: string, column: string) {
  return page.locator(`[data-testid="matrix-result"][data-row="${row}"][data-column="${column}"]`);
}

/** The people who open the matrix: each in their own browser, by their link, under their name. */
const PEOPLE = {
  fac: { link: 'facilitator', name: 'Fiona', context: {} }, // a laptop, English browser
  par: { link: 'participant', name: 'Pieter', context: { locale: 'nl-NL' } },
  phone: { link: 'participant', name: 'Sam', context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'nl-NL' } },
} as const satisfies Record<string, { link: 'facilitator' | 'participant'; name: string; context: BrowserContextOptions }>;
type Person = keyof typeof PEOPLE;

/** Opens the matrix for `who`, in that order, runs `body` with their pages, then closes all. */
async function withPeople<P extends Person>(browser: Browser, m: MatrixBoard, who: readonly P[], body: (pages: Record<P, Page>) => Promise<void>): Promise<void> {
  const contexts: BrowserContext[] = [];
  try {
    const pages = {} as Record<P, Page>;
    for (const p of who) {
      const context = await browser.newContext(PEOPLE[p].context);
      contexts.push(context);
      pages[p] = await context.newPage();
      await openMatrix(pages[p], m.board.links[PEOPLE[p].link], m.canvasId, PEOPLE[p].name);
    }
    await body(pages);
  } finally {
    m.program.close();
    for (const c of contexts) await c.close();
  }
}

test('three people score a matrix by keyboard, outline and taps; all see the hand-computed means, sums and options', async ({ browser, request, baseURL }) => {
  const m = await matrixBoard(request, baseURL!);
  const { s, w, o, t } = m.notes;
  await withPeople(browser, m, ['fac', 'par', 'phone'], async ({ fac, par, phone }) => {
    await fac.getByTestId('locale-switch').selectOption('en');

    // Rows strengths then weaknesses, columns opportunities then threats; quadrant labels in the
    // board's language (Dutch) even in Fiona's English screen.
    await expect(fac.getByTestId('matrix-row')).toHaveText([/S1\s+Sterk merk/, /Z1\s+Trage levering/]);
    await expect(fac.getByTestId('matrix-column')).toHaveText([/K1\s+Groeiende B2B-markt/, /B1\s+Nieuwe concurrent/]);
    await expect(fac.locator('[data-testid="matrix-quadrant"][data-quadrant="SO"]')).toHaveText(/SK\s+·?\s*Offensief/);
    await expect(fac.getByTestId('matrix-progress')).toHaveText('0 of 4 cells scored');
    await expect(par.getByTestId('matrix-progress')).toHaveText('0 van 4 cellen gescoord');

    // Fiona, by keyboard: digits score and move on; + steps; ArrowUp moves; Delete clears.
    await cell(fac, s, o).focus();
    await fac.keyboard.press('2'); // S×O = 2, on to S×T
    await fac.keyboard.press('1'); // S×T = 1, on to W×O
    await fac.keyboard.press('0'); // W×O = 0, on to W×T
    await fac.keyboard.press('+'); // W×T = 1
    await fac.keyboard.press('+'); // W×T = 2
    await expect(cell(fac, w, t)).toBeFocused();
    await fac.keyboard.press('ArrowUp');
    await expect(cell(fac, s, t)).toBeFocused();
    await fac.keyboard.press('Delete');
    await expect(fac.getByTestId('matrix-progress')).toHaveText('3 of 4 cells scored');
    await fac.keyboard.press('1');
    await expect(fac.getByTestId('matrix-progress')).toHaveText(/4 of 4 cells scored/);
    for (const [r, c, v] of [[s, o, '2'], [s, t, '1'], [w, o, '0'], [w, t, '2']]) await expect(cell(fac, r, c)).toHaveAttribute('data-score', v);
    await expect(cell(fac, s, o)).toHaveAccessibleName('Sterk merk × Groeiende B2B-markt, your score: ++ (strongly related)');

    // Pieter, in the outline: selects named by row and column.
    await par.getByTestId('view-outline').click();
    const outline = par.getByTestId('matrix-outline');
    await outline.getByRole('combobox', { name: 'Sterk merk × Groeiende B2B-markt' }).selectOption('1');
    await outline.getByRole('combobox', { name: 'Sterk merk × Nieuwe concurrent' }).selectOption('1');
    await outline.getByRole('combobox', { name: 'Trage levering × Groeiende B2B-markt' }).selectOption('2');
    await outline.getByRole('combobox', { name: 'Trage levering × Nieuwe concurrent' }).selectOption('0');
    await expect(par.getByTestId('matrix-outline-progress')).toHaveText('4 van 4 cellen gescoord');

    // Sam, on the phone: taps cycle 0 → + → ++ → empty.
    const tap = async (r: string, c: string, times: number) => {
      for (let i = 0; i < times; i++) await cell(phone, r, c).tap();
    };
    await tap(s, o, 3); // ++
    await tap(s, t, 1); // 0
    await tap(w, o, 2); // +
    await tap(w, t, 4); // past ++ to empty ...
    await expect(cell(phone, w, t)).toHaveAttribute('data-score', '');
    await tap(w, t, 3); // ... and round again to ++
    await expect(phone.getByTestId('matrix-progress')).toHaveText(/4 van 4 cellen gescoord/);

    // By hand: S×O 2,1,2 → 1.7 (spread 0.47); S×T 1,1,0 → 0.7; W×O 0,2,1 → 1.0 (spread 0.82 and
    // two steps apart: disagreement); W×T 2,0,2 → 1.3 (spread 0.94: disagreement).
    // Rows S 2.3, W 2.3; columns O 2.7, T 2.0; total 4.7.
    const expected: [string, string, string, boolean][] = [[s, o, '1.7', false], [s, t, '0.7', false], [w, o, '1.0', true], [w, t, '1.3', true]];
    await fac.getByTestId('matrix-tab-results').click();
    await phone.getByTestId('matrix-tab-results').tap();
    for (const [r, c, mean, flag] of expected) {
      await expect(result(fac, r, c)).toHaveAttribute('data-mean', mean);
      await expect(result(fac, r, c)).toHaveAttribute('data-disagreement', String(flag));
      await expect(result(phone, r, c)).toHaveAttribute('data-mean', mean.replace('.', ','));
      await expect(outline.locator(`[data-testid="matrix-outline-cell"][data-row="${r}"][data-column="${c}"] [data-testid="matrix-outline-mean"]`)).toHaveText(
        new RegExp(`gemiddelde ${mean.replace('.', ',')} \\(3 scores${flag ? ', meningen lopen uiteen' : ''}\\)`),
      );
    }
    await expect(result(fac, s, o)).toContainText('3 · ±0.5');
    await expect(fac.getByTestId('matrix-row-sum')).toHaveText(['2.3', '2.3']);
    await expect(fac.getByTestId('matrix-column-sum')).toHaveText(['2.7', '2.0']);
    await expect(fac.getByTestId('matrix-total')).toHaveText(/4\.7/);
    await expect(fac.getByTestId('matrix-quadrant')).toHaveText([/Σ 1\.7/, /Σ 0\.7/, /Σ 1\.0/, /Σ 1\.3/]);
    await expect(par.getByTestId('matrix-outline-quadrant')).toHaveText([/SK Offensief.*: 1,7/, /SB Defensief.*: 0,7/, /ZK Verbeteren.*: 1,0/, /ZB Crisis.*: 1,3/]);

    // The facilitator sees that all three finished.
    await expect(fac.getByTestId('matrix-finished')).toHaveAttribute('data-done', '3');
    await expect(fac.getByTestId('matrix-finished')).toHaveAttribute('data-total', '3');
    await expect(fac.getByTestId('matrix-finished')).toHaveText(/3 of 3 participants finished/);

    // Options ranked by mean, with the key issue in the board's language; Fiona chooses the top two.
    await fac.getByTestId('matrix-tab-options').click();
    const options = fac.getByTestId('matrix-option');
    await expect(options).toHaveCount(4);
    expect(await options.evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.row}:${(e as HTMLElement).dataset.column}`))).toEqual([`${s}:${o}`, `${w}:${t}`, `${w}:${o}`, `${s}:${t}`]);
    await expect(options.first()).toContainText('Hoe kunnen we Sterk merk inzetten om Groeiende B2B-markt te benutten?');
    await expect(options.first().getByTestId('matrix-option-mean')).toHaveText('1.7');
    await expect(options.nth(1)).toContainText('opinions differ');
    await options.nth(0).getByTestId('matrix-option-choose').check();
    await options.nth(1).getByTestId('matrix-option-choose').check();
    await expect(par.locator(`[data-testid="matrix-outline"] [data-testid="matrix-option"][data-chosen="true"]`)).toHaveCount(2);
    await expect(result(phone, s, o)).toHaveClass(/chosen/);
    await expect(result(phone, w, t)).toHaveClass(/chosen/);

    // Labels follow a live edit of the note.
    setNoteText(m.program.doc, s, 'Sterk merk en reputatie');
    await expect(phone.getByTestId('matrix-row').first()).toHaveText(/Sterk merk en reputatie/);
    await expect(options.first()).toContainText('Hoe kunnen we Sterk merk en reputatie inzetten');

    // A reload keeps everything: the scores are the document's, the participant the same.
    await par.reload();
    await expectLive(par);
    await par.getByTestId('view-outline').click();
    await expect(par.getByTestId('matrix-outline-progress')).toHaveText('4 van 4 cellen gescoord');
  });
});

test('the facilitator hides the results until revealing them, and switching the scale keeps the old scores aside', async ({ browser, request, baseURL }) => {
  const m = await matrixBoard(request, baseURL!);
  const { s, o } = m.notes;
  await withPeople(browser, m, ['fac', 'par'], async ({ fac, par }) => {
    await fac.getByTestId('matrix-tab-setup').click();
    await fac.getByTestId('matrix-hide').check();
    await expect(par.getByTestId('matrix-hidden-badge')).toBeVisible();
    await cell(par, s, o).click(); // 0
    await cell(par, s, o).click(); // +
    await par.getByTestId('matrix-tab-results').click();
    await expect(par.getByTestId('matrix-hidden')).toContainText('geen privacyfunctie');
    await expect(par.getByTestId('matrix-results')).toHaveCount(0);

    await fac.getByTestId('matrix-reveal').click();
    await expect(result(par, s, o)).toHaveAttribute('data-mean', '1,0');

    // The scale: there is a score, so the switch asks first; the score stays aside, then counts again.
    await fac.getByTestId('matrix-scale--2..2').check();
    await expect(fac.getByTestId('matrix-scale-confirm')).toContainText('1 score');
    await fac.getByTestId('matrix-scale-confirm-yes').click();
    await expect(par.getByTestId('matrix')).toHaveAttribute('data-scale', '-2..2');
    await expect(fac.getByTestId('matrix-setup')).toContainText('1 score op de schaal 0, +, ++ staat apart');
    await par.getByTestId('matrix-tab-score').click();
    await expect(par.getByTestId('matrix-progress')).toHaveText('0 van 4 cellen gescoord');
    await cell(par, s, o).focus();
    await par.keyboard.press('-');
    await par.keyboard.press('2');
    await expect(cell(par, s, o)).toHaveAttribute('data-score', '-2');
    await fac.getByTestId('matrix-scale-0..2').check();
    await fac.getByTestId('matrix-scale-confirm-yes').click();
    await expect(cell(par, s, o)).toHaveAttribute('data-score', '1');
    await expect(par.getByTestId('matrix-progress')).toHaveText('1 van 4 cellen gescoord');
  });
});

test('every part of the matrix passes axe (no serious or critical findings), and a phone never scrolls the page sideways', async ({ browser, request, baseURL }) => {
  const m = await matrixBoard(request, baseURL!);
  const { s, o } = m.notes;
  await withPeople(browser, m, ['fac', 'phone'], async ({ fac, phone }) => {
    await cell(fac, s, o).click();
    await cell(phone, s, o).tap();
    await expect(fac.getByTestId('matrix-progress')).toHaveText('1 van 4 cellen gescoord');
    for (const page of [fac, phone]) {
      for (const tab of page === fac ? ['score', 'results', 'options', 'setup'] : ['score', 'results', 'options']) {
        await page.getByTestId(`matrix-tab-${tab}`).click();
        await expect(page.locator(`[role="tabpanel"][data-tab="${tab}"]`)).toBeVisible();
        expect(await seriousViolations(page), `${tab} tab`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${tab} tab fits the width`).toBe(true);
      }
    }
    await fac.getByTestId('view-outline').click();
    await expect(fac.getByTestId('matrix-outline')).toBeVisible();
    expect(await seriousViolations(fac), 'outline').toEqual([]);
  });
});

test('the facilitator reorders and unpicks rows, goes back to the first N, and sets N; everyone sees the matrix change', async ({ browser, request, baseURL }) => {
  const m = await matrixBoard(request, baseURL!);
  const { s, w } = m.notes;
  const s2 = createNote(m.program.doc, { canvas: 'swot', frame: 'swot.strengths', text: 'Trouwe klanten', x: 16, y: 300, color: 'yellow', author: 'Setup' });
  await withPeople(browser, m, ['fac', 'par'], async ({ fac, par }) => {
    const rowIds = () => par.getByTestId('matrix-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.noteId));
    await expect.poll(rowIds).toEqual([s, s2, w]);

    await fac.getByTestId('matrix-tab-setup').click();
    const rows = fac.getByTestId('matrix-pick-rows');
    await rows.getByRole('button', { name: 'Omhoog: Trouwe klanten' }).click();
    await expect.poll(rowIds).toEqual([s2, s, w]);
    await expect(par.getByTestId('matrix-row').first()).toHaveText(/S1\s+Trouwe klanten/);
    await rows.getByRole('checkbox', { name: 'In de matrix: Trage levering' }).uncheck();
    await expect.poll(rowIds).toEqual([s2, s]);
    await expect(par.getByTestId('matrix-progress')).toHaveText('0 van 4 cellen gescoord');

    await rows.getByTestId('matrix-pick-reset').click();
    await expect.poll(rowIds).toEqual([s, s2, w]);
    await fac.getByTestId('matrix-n').fill('1');
    await fac.getByTestId('matrix-n').press('Enter');
    await expect.poll(rowIds).toEqual([s, w]);
    // Out of range: N stays within 1..10.
    await fac.getByTestId('matrix-n').fill('0');
    await fac.getByTestId('matrix-n').press('Enter');
    await expect(fac.getByTestId('matrix-n')).toHaveValue('1');
  });
});
