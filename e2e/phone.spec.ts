// People in the room join from their phones (QR code): the board works with touch on a small screen.
import { test, expect } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { expectNote, joinBoard, readNotes } from './support/board.ts';
import { canvasBox, expectNoteCount } from './support/canvas.ts';

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
    await page.touchscreen.tap(at.x, at.y);
    await page.touchscreen.tap(at.x, at.y);
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
