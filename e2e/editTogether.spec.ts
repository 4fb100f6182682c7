// Safe to edit together (issue 8): another person's delete never silently destroys typing, keys
// typed into an editor that just closed are not shortcuts, a double-click edits only the note it
// was aimed at, and other people's selections are theirs (colour and name) until they leave.
import { test, expect } from './support/workshop.ts';
import type { Page } from '@playwright/test';
import { addNoteInOutline, expectNote, joinBoard, outlineNote, readNotes, showCanvas, showOutline } from './support/board.ts';
import { expectNoteCount, noteScreenBox, type Box } from './support/canvas.ts';
import { canvasLabels, colorOf } from './support/overlay.ts';
import { en } from '../shared/src/i18n/en.ts';
import { seriousViolations } from './support/axe.ts';

/** The local selection outline's colour (NoteLayer): a remote selection must not look like it. */
const OWN_SELECTION = '#1565c0';

test('deleting a note someone is typing in asks first, and the typist gets the text back', async ({ workshop }) => {
  const { fac, par } = await workshop('Delete while typing');
  await showOutline(fac);
  const id = await addNoteInOutline(fac, 'swot.strengths', 'Price');
  await showCanvas(fac);
  await showCanvas(par);

  // Pieter opens the note and types; Fiona sees who is typing in it.
  await par.mouse.dblclick(...centre(await requiredNoteBox(par, id)));
  await par.keyboard.type(' war');
  await expectNote(fac, { id, text: 'Price war' });
  await expect.poll(async () => (await canvasLabels(fac, en['presence.typing'].replace('{name}', 'Pieter'))).length).toBe(1);

  // Fiona selects it and presses Delete: she is asked first, and cancelling keeps the note.
  await fac.mouse.click(...centre(await requiredNoteBox(fac, id)));
  await fac.keyboard.press('Delete');
  const dialog = fac.getByTestId('delete-confirm');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Pieter');
  expect(await seriousViolations(fac)).toEqual([]);
  await fac.getByTestId('delete-confirm-cancel').click();
  await expect(dialog).toBeHidden();
  await expectNoteCount(fac, 1);

  // Asked again, she deletes it anyway: Pieter's editor closes, his text is offered back.
  await fac.keyboard.press('Delete');
  await fac.getByTestId('delete-confirm-submit').click();
  await expectNoteCount(par, 0);
  const toast = par.getByTestId('toast').filter({ hasText: 'Price war' });
  await expect(toast).toBeVisible();
  await toast.getByTestId('toast-action').click();
  await expectNote(par, { text: 'Price war', frame: 'swot.strengths' });
  await expectNote(fac, { text: 'Price war', frame: 'swot.strengths' });
  await expectNoteCount(fac, 1);
  // The restored note is his again, open for typing.
  await par.keyboard.type('s');
  await expectNote(fac, { text: 'Price wars' });
});

test('the outline view is as safe: deleting a note typed in there asks first, and the text comes back', async ({ workshop }) => {
  const { fac, par } = await workshop('Outline typing');
  await showOutline(fac);
  const id = await addNoteInOutline(fac, 'swot.opportunities', 'New');
  await showOutline(par);
  const field = outlineNote(par, id).getByTestId('outline-note-text');
  await field.click();
  await field.press('End');
  await par.keyboard.type(' markets');
  await expectNote(fac, { id, text: 'New markets' });

  await outlineNote(fac, id).getByTestId('outline-note-delete').click();
  await expect(fac.getByTestId('delete-confirm')).toContainText('Pieter');
  await fac.getByTestId('delete-confirm-submit').click();
  await expect.poll(async () => (await readNotes(par)).some((n) => n.id === id)).toBe(false);
  await par.getByTestId('toast').filter({ hasText: 'New markets' }).getByTestId('toast-action').click();
  await expectNote(fac, { text: 'New markets', frame: 'swot.opportunities', author: 'Pieter' });
});

test('keys typed right after the editor closed under the typist are not shortcuts', async ({ workshop }) => {
  const { fac, par } = await workshop('No stray note');
  await showOutline(fac);
  const id = await addNoteInOutline(fac, 'swot.weaknesses', 'Slow');
  await showCanvas(par);
  await par.mouse.dblclick(...centre(await requiredNoteBox(par, id)));
  await par.keyboard.type(' delivery');
  await expectNote(fac, { id, text: 'Slow delivery' });

  // Fiona deletes the note from her side (the outline's delete, no canvas involved).
  await fac.evaluate((noteId) => {
    (window as unknown as { __board: { doc: { getMap(n: string): { delete(k: string): void } } } }).__board.doc.getMap('notes').delete(noteId);
  }, id);
  await expectNoteCount(par, 0);

  // Pieter goes on typing: "n" would add a note, Backspace and Enter would act on a selection. A
  // loaded machine may deliver his keys late: a pause (longer than any typing rhythm a timer could
  // guess) does not turn them into shortcuts.
  await par.waitForTimeout(1_500);
  await par.keyboard.type(' and n');
  await par.keyboard.press('Backspace');
  await par.keyboard.press('Enter');
  await par.keyboard.type('nn');
  await expectNoteCount(par, 0);
  expect(await readNotes(fac)).toEqual([]);

  // Escape gives the keyboard back to the shortcuts (and does nothing else): N adds a note.
  await par.keyboard.press('Escape');
  await par.keyboard.press('n');
  await expectNoteCount(par, 1);
});

test('a double-click on empty space beside a note creates a note instead of typing into it', async ({ workshop }) => {
  const { fac } = await workshop('Aimed double-click');
  await showOutline(fac);
  const id = await addNoteInOutline(fac, 'swot.opportunities', 'Existing');
  await showCanvas(fac);
  // The first view (the whole board, zoomed out): a note is small on screen.
  const box = await requiredNoteBox(fac, id);
  expect(box.width).toBeLessThan(160);

  // A real double-click wobbles: the first press just right of the note, the second a few pixels
  // further left, on its edge.
  const y = box.y + box.height / 2;
  const right = box.x + box.width;
  await fac.mouse.move(right + 4, y);
  await fac.mouse.down();
  await fac.mouse.up();
  await fac.mouse.move(right - 2, y);
  await fac.mouse.down();
  await fac.mouse.up();
  await fac.keyboard.type('New idea');
  await fac.keyboard.press('Escape');

  await expectNote(fac, { text: 'New idea', frame: 'swot.opportunities' });
  await expectNote(fac, { id, text: 'Existing' });
  await expectNoteCount(fac, 2);
});

test("another person's selection shows in their colour with their name, and goes when they leave", async ({ workshop }) => {
  const { fac, par } = await workshop('Remote selection');
  await showOutline(fac);
  // In Strengths: the first view shows the top row of quadrants (the bottom one sits under the jump bar).
  const id = await addNoteInOutline(fac, 'swot.strengths', 'New rival');
  await showCanvas(fac);
  await showCanvas(par);

  // Pieter selects the note, then moves his pointer off the canvas (his cursor is not what we look at).
  await par.mouse.click(...centre(await requiredNoteBox(par, id)));
  await par.mouse.move(2, 2);
  const pieter = await colorOf(fac, 'Pieter');
  expect(pieter).toBeDefined();
  expect(pieter!.toLowerCase()).not.toBe(OWN_SELECTION);
  expect(pieter).not.toBe(await colorOf(par, 'Fiona'));

  // Fiona sees "Pieter" on his colour at the note he selected.
  const note = await requiredNoteBox(fac, id);
  await expect.poll(async () => (await canvasLabels(fac, 'Pieter')).filter((l) => l.tagFill === pieter && near(l, note)).length).toBe(1);

  // Pieter leaves: his selection and name go from Fiona's canvas.
  await par.context().close();
  await expect.poll(async () => (await canvasLabels(fac, 'Pieter')).length).toBe(0);
  await expect.poll(() => overlayShapesIn(fac, pieter!)).toBe(0);
});

test('the cursor of someone on a touch screen goes when the finger lifts', async ({ workshop, browser }) => {
  const { board, fac } = await workshop('Touch cursor');
  await showCanvas(fac);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    const pia = await phone.newPage();
    await joinBoard(pia, board.links.participant, 'Pia');
    const box = (await pia.getByTestId('canvas').boundingBox())!;
    // One finger pans the board; while it moves, Fiona sees where it is.
    const cdp = await phone.newCDPSession(pia);
    const at = (dx: number) => [{ x: box.x + box.width / 2 + dx, y: box.y + box.height / 2 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
    for (let dx = 5; dx <= 40; dx += 5) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(dx) });
    await expect.poll(async () => (await canvasLabels(fac, 'Pia')).length).toBe(1);
    // Lifted: no finger, no cursor (touch has no hover to show).
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(async () => (await canvasLabels(fac, 'Pia')).length).toBe(0);
  } finally {
    await phone.close();
  }
});

function centre(b: Box): [number, number] {
  return [b.x + b.width / 2, b.y + b.height / 2];
}

/** A label sits on or just above a note. */
function near(l: { x: number; y: number }, note: Box): boolean {
  return l.x >= note.x - 8 && l.x <= note.x + note.width && l.y >= note.y - 40 && l.y <= note.y + note.height;
}

async function requiredNoteBox(page: Page, id: string): Promise<Box> {
  let box: Box | undefined;
  await expect.poll(async () => (box = await noteScreenBox(page, id)) !== undefined, { message: `a Konva node for note ${id}` }).toBe(true);
  return box!;
}

/** Visible overlay shapes drawn (stroke or fill) in a colour. */
async function overlayShapesIn(page: Page, color: string): Promise<number> {
  return page.evaluate((c) => {
    type KNode = { isVisible(): boolean; getAttr(k: string): unknown; getClassName(): string };
    type KLayer = { find(fn: (n: KNode) => boolean): KNode[] };
    type KStage = { container(): HTMLElement; getLayers(): KLayer[] };
    const konva = (window as unknown as { Konva?: { stages: KStage[] } }).Konva;
    const host = document.querySelector('[data-testid="canvas"]');
    const stage = konva?.stages.find((s) => host?.contains(s.container()));
    const overlay = stage?.getLayers().at(-1);
    if (!overlay) return -1;
    return overlay.find((n) => n.getClassName() !== 'Group' && (n.getAttr('stroke') === c || n.getAttr('fill') === c) && n.isVisible()).length;
  }, color);
}
