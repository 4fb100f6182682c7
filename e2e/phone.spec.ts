// People in the room join from their phones (QR code): the board works with touch on a small screen.
import { test, expect, type Browser, type BrowserContext } from '@playwright/test';
import { createNote } from '../shared/src/board/notes.ts';
import { translate } from '../shared/src/i18n/index.ts';
import type { CreateBoardResponse } from '../shared/src/protocol.ts';
import { createBoard } from './support/api.ts';
import { BoardProgram } from './support/BoardProgram.ts';
import { expectNote, joinBoard, outlineNote, readNotes } from './support/board.ts';
import { canvasBox, doubleTap, expectNoteCount, noteScreenBox } from './support/canvas.ts';
import { seriousViolations } from './support/axe.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

function phoneContext(browser: Browser, locale: 'en' | 'nl'): Promise<BrowserContext> {
  return browser.newContext({ ...PHONE, locale: locale === 'nl' ? 'nl-NL' : 'en-US' });
}

test('a participant on a phone joins and adds a note by double tap', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Phone SWOT' });
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const desk = await browser.newContext();
  try {
    const page = await phone.newPage();
    const fac = await desk.newPage();
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(page, board.links.participant, 'Pia');
    await expect(page.getByTestId('canvas')).toBeVisible();
    // Nothing sticks out sideways: the page itself does not scroll horizontally on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

    const box = await canvasBox(page);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const at = { x: cx - 40, y: cy - 40 };
    await doubleTap(page, at.x, at.y);
    await expect(page.getByTestId('note-editor')).toBeFocused();
    await page.keyboard.type('Tapped on a phone');
    await expectNote(page, { frame: 'swot.strengths', text: 'Tapped on a phone', author: 'Pia' });
    await expectNoteCount(page, 1);
    const [note] = await readNotes(page);
    await expectNote(fac, { id: note.id, text: 'Tapped on a phone' });
  } finally {
    await phone.close();
    await desk.close();
  }
});

test('on a phone the header leaves the canvas the screen and selecting a note does not move the canvas', async ({ browser, request, baseURL }) => {
  const res = await request.post('/api/boards', { data: { title: 'A long board title for a small phone screen', template: 'swot', language: 'nl' } });
  const board = (await res.json()) as CreateBoardResponse;
  const program = await BoardProgram.join(request, baseURL!, board.links.facilitator, 'Setup');
  const id = createNote(program.doc, { canvas: 'swot', frame: 'swot.strengths', text: 'Sterk merk', x: 16, y: 72, color: 'green', author: 'Setup' });
  const phone = await phoneContext(browser, 'nl');
  try {
    const page = await phone.newPage();
    await joinBoard(page, board.links.participant, 'Pia');
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-note-count', '1');
    const before = await canvasBox(page);
    // Issue 8: the header took ~27% of the screen.
    expect(before.y / 844).toBeLessThan(0.15);

    const note = await noteScreenBox(page, id);
    await page.touchscreen.tap(note!.x + note!.width / 2, note!.y + note!.height / 2);
    await expect(page.getByTestId('canvas-announcer')).toHaveText(/Sterk merk/);
    await expect(page.getByTestId('color-yellow')).toBeVisible();
    expect(await canvasBox(page)).toEqual(before);

    // The rest of the top bar is one tap away: the language, hiding cursors.
    await expect(page.getByTestId('locale-switch')).toBeHidden();
    await page.getByTestId('header-menu').tap();
    await expect(page.getByTestId('toggle-cursors')).toBeVisible();
    await page.getByTestId('locale-switch').selectOption('en');
    await expect(page.getByTestId('header-menu')).toHaveAccessibleName(translate('en', 'board.menu'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('locale-switch')).toBeHidden();
    expect(await canvasBox(page)).toEqual(before);
  } finally {
    program.close();
    await phone.close();
  }
});

for (const locale of ['en', 'nl'] as const) {
  test(`on a phone in ${locale} the quadrant buttons show the quadrants' names, whole`, async ({ browser, request }) => {
    const board = await createBoard(request, { title: 'Jump names', language: locale });
    const phone = await phoneContext(browser, locale);
    try {
      const page = await phone.newPage();
      await joinBoard(page, board.links.participant, 'Pia');
      const buttons = page.getByTestId('jump-frame');
      const names = ['swot.strengths', 'swot.weaknesses', 'swot.opportunities', 'swot.threats'] as const;
      await expect(buttons).toHaveText(names.map((k) => translate(locale, k)));
      for (const [i, key] of names.entries()) {
        const button = buttons.nth(i);
        await expect(button).toHaveAccessibleName(translate(locale, key));
        await expect(button).toBeInViewport({ ratio: 1 });
        // Not cut: the name fits its button.
        expect(await button.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      }
      await expect(page.getByTestId('jump-fit')).toBeInViewport({ ratio: 1 });
    } finally {
      await phone.close();
    }
  });
}

test('on a phone the outline deletes with a quiet button and a notice whose Undo brings the note back', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Undo delete' });
  const phone = await phoneContext(browser, 'en');
  const desk = await browser.newContext();
  try {
    const page = await phone.newPage();
    const fac = await desk.newPage();
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(page, board.links.participant, 'Pia');
    await page.getByRole('button', { name: translate('en', 'toolbar.moreLabel') }).tap();
    await page.getByTestId('view-outline').tap();
    await page.locator('[data-testid="outline-add"][data-frame="swot.threats"]').tap();
    const text = page.getByTestId('outline-note-text');
    await text.fill('Price war');
    await expectNote(fac, { text: 'Price war', frame: 'swot.threats' });
    const [note] = await readNotes(page);

    // A quiet icon button, named for screen readers; not a red "Delete" under every note.
    const del = outlineNote(page, note.id).getByTestId('outline-note-delete');
    await expect(del).toHaveAccessibleName(translate('en', 'outline.deleteLabel', { n: 1, frame: 'Threats' }));
    await expect(del).toHaveText('');
    expect(await del.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(179, 38, 30)');

    await del.tap();
    await expect(outlineNote(page, note.id)).toHaveCount(0);
    await expect.poll(async () => (await readNotes(fac)).length).toBe(0);
    const notice = page.getByTestId('toast').filter({ hasText: translate('en', 'deleted.one', { text: 'Price war' }) });
    await notice.getByTestId('toast-action').tap();
    await expect(notice).toHaveCount(0);
    await expect(outlineNote(page, note.id).getByTestId('outline-note-text')).toHaveValue('Price war');
    await expectNote(fac, { id: note.id, text: 'Price war', frame: 'swot.threats', x: note.x, y: note.y });
  } finally {
    await phone.close();
    await desk.close();
  }
});

for (const device of [
  { name: 'phone', options: PHONE },
  { name: 'laptop', options: { viewport: { width: 1366, height: 768 } } },
]) {
  test(`in Dutch on a ${device.name} the participants panel and its "Niet meer volgen" chip are whole on screen`, async ({ browser, request }) => {
    const board = await createBoard(request, { title: 'Volgen', language: 'nl' });
    const other = await browser.newContext();
    const context = await browser.newContext({ ...device.options, locale: 'nl-NL' });
    try {
      await joinBoard(await other.newPage(), board.links.participant, 'Maximiliaan van Oranje-Nassau');
      const page = await context.newPage();
      await joinBoard(page, board.links.participant, 'Pia');
      await page.getByTestId('participants-toggle').click();
      await page.getByTestId('follow').click();
      await page.getByTestId('participants-toggle').click();
      const chip = page.getByTestId('follow');
      await expect(chip).toHaveText(translate('nl', 'board.unfollow'));
      await expect(page.getByTestId('participants-panel')).toBeInViewport({ ratio: 1 });
      await expect(chip).toBeInViewport({ ratio: 1 });
      expect(await chip.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    } finally {
      await context.close();
      await other.close();
    }
  });
}
