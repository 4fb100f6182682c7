// Real pointer work on the Konva canvas: double-click in a quadrant creates a note that opens for
// typing, and dragging it into another quadrant changes its frame, for everyone.
import { test, expect } from './support/workshop.ts';
import type { Page } from '@playwright/test';
import { addNoteInOutline, expectNote, readNotes, showCanvas, showOutline, expectOutlineNote } from './support/board.ts';
import { readFileSync } from 'node:fs';
import { dragWithMouse, expectNoteCount, noteScreenBox, renderedNoteIds, worldToPage } from './support/canvas.ts';
import { swotTemplate } from '../shared/src/templates/index.ts';
import { translate } from '../shared/src/i18n/index.ts';

test('notes are created by double-click and moved between quadrants by dragging', async ({ workshop }) => {
  const { board, fac, par } = await workshop('Canvas SWOT');
  await showCanvas(fac);
  await showCanvas(par);
  await expectNoteCount(fac, 0);

  // Where the four quadrants meet (the top-left corner of Threats): up-left of it is Strengths,
  // down-right is Threats, at any zoom level.
  const threats = swotTemplate.frames.find((f) => f.id === 'swot.threats')!;
  const { x: cx, y: cy } = await worldToPage(fac, { x: threats.x, y: threats.y });
  const inStrengths = { x: cx - 120, y: cy - 80 };
  await fac.mouse.dblclick(inStrengths.x, inStrengths.y);
  // The new note opens in edit mode with the caret in it: typing goes straight into it.
  await fac.keyboard.type('Strong brand');
  await expectNote(fac, { frame: 'swot.strengths', text: 'Strong brand', author: 'Fiona' });
  await fac.keyboard.press('Escape');
  await expectNoteCount(fac, 1);

  const [created] = await readNotes(fac);
  await expectNote(par, { id: created.id, frame: 'swot.strengths', text: 'Strong brand' });
  await expectNoteCount(par, 1);

  // The renderer drew it, on both sides.
  for (const page of [fac, par]) {
    await expect.poll(() => renderedNoteIds(page)).toEqual([created.id]);
  }

  // Drag it by its middle to down-right of the centre: the Threats quadrant.
  const noteBox = await noteScreenBox(fac, created.id);
  expect(noteBox, 'a Konva node carrying the note id').toBeDefined();
  const grab = { x: noteBox!.x + noteBox!.width / 2, y: noteBox!.y + noteBox!.height / 2 };
  await dragWithMouse(fac, grab, { x: cx + 160, y: cy + 130 });
  await expectNote(fac, { id: created.id, frame: 'swot.threats', text: 'Strong brand' });
  await expectNote(par, { id: created.id, frame: 'swot.threats' });
  const moved = (await readNotes(par)).find((n) => n.id === created.id);
  expect(moved?.x).not.toBe(created.x);

  // The participant's outline shows the note in its new quadrant.
  await showOutline(par);
  await expectOutlineNote(par, created.id, 'swot.threats', 'Strong brand');

  // The toolbar button adds a second note, open for typing as well.
  await fac.getByTestId('add-note').click();
  await fac.keyboard.type('Second idea');
  await expectNote(fac, { text: 'Second idea', author: 'Fiona' });
  await fac.keyboard.press('Escape');
  await expectNoteCount(fac, 2);
  await expectNote(par, { text: 'Second idea' });
  await expectNoteCount(par, 2);

  // Export the whole board as a PNG file.
  const [download] = await Promise.all([fac.waitForEvent('download'), fac.getByTestId('export-png').click()]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const file = await download.path();
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
});

test('a selection moves together, others see the drag live, and toolbar actions apply to it', async ({ workshop }) => {
  const { board, fac, par } = await workshop('Selection SWOT');
  await showOutline(fac);
  const one = await addNoteInOutline(fac, 'swot.strengths', 'One');
  const two = await addNoteInOutline(fac, 'swot.strengths', 'Two');
  const three = await addNoteInOutline(fac, 'swot.strengths', 'Three');
  await showCanvas(fac);
  await showCanvas(par);
  await expectNoteCount(fac, 3);
  await expectNoteCount(par, 3);

  // Click one, shift-click two: both selected.
  const box1 = await requiredNoteBox(fac, one);
  const box2 = await requiredNoteBox(fac, two);
  await fac.mouse.click(...centre(box1));
  await fac.keyboard.down('Shift');
  await fac.mouse.click(...centre(box2));
  await fac.keyboard.up('Shift');
  await expect.poll(() => selection(fac)).toEqual([one, two].sort());
  await expect(fac.getByTestId('delete-selected')).toBeEnabled();

  // Drag the selection to the Threats quadrant; halfway, the participant sees the drag through
  // awareness while the document still holds the old positions (it is written on drop only).
  const threats = swotTemplate.frames.find((f) => f.id === 'swot.threats')!;
  const meet = await worldToPage(fac, { x: threats.x, y: threats.y });
  const from = centre(box1);
  const to = { x: meet.x + 160, y: meet.y + 130 };
  await fac.mouse.move(...from);
  await fac.mouse.down();
  await fac.mouse.move(from[0] + 5, from[1] + 5, { steps: 2 });
  await fac.mouse.move(to.x, to.y, { steps: 15 });
  await expect.poll(() => remoteDraggingIds(par)).toEqual([one, two].sort());
  await expectNote(par, { id: one, frame: 'swot.strengths' });
  await expectNote(par, { id: two, frame: 'swot.strengths' });
  await fac.mouse.up();
  await expectNote(par, { id: one, frame: 'swot.threats' });
  await expectNote(par, { id: two, frame: 'swot.threats' });
  await expectNote(par, { id: three, frame: 'swot.strengths' });
  await expect.poll(() => remoteDraggingIds(par)).toEqual([]);

  // Escape clears the selection; a shift-drag on empty space box-selects the third note.
  await fac.keyboard.press('Escape');
  await expect.poll(() => selection(fac)).toEqual([]);
  const box3 = await requiredNoteBox(fac, three);
  await fac.keyboard.down('Shift');
  await dragWithMouse(fac, { x: box3.x - 8, y: box3.y - 8 }, { x: box3.x + box3.width + 8, y: box3.y + box3.height + 8 });
  await fac.keyboard.up('Shift');
  await expect.poll(() => selection(fac)).toEqual([three]);

  // Colour, duplicate and delete act on the selection, for everyone.
  await fac.getByTestId('color-purple').click();
  await expectNote(par, { id: three, color: 'purple' });
  await fac.getByTestId('duplicate-selected').click();
  await expectNoteCount(par, 4);
  await expect.poll(async () => (await readNotes(par)).filter((n) => n.text === 'Three' && n.color === 'purple').length).toBe(2);
  await fac.getByTestId('delete-selected').click();
  await expectNoteCount(par, 3);
  await expectNoteCount(fac, 3);
});

async function requiredNoteBox(page: Page, id: string) {
  const box = await noteScreenBox(page, id);
  if (!box) throw new Error(`no Konva node for note ${id}`);
  return box;
}

function centre(b: { x: number; y: number; width: number; height: number }): [number, number] {
  return [b.x + b.width / 2, b.y + b.height / 2];
}

async function selection(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const r = (window as unknown as { __board: { renderer: { getSelection(): string[] } | null } }).__board.renderer;
    return r ? [...r.getSelection()].sort() : [];
  });
}

/** Note ids other users are dragging right now, from this page's awareness (PresenceState.dragging). */
async function remoteDraggingIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const p = (window as unknown as { __board: { provider: { awareness: { clientID: number; getStates(): Map<number, { dragging?: Record<string, unknown> | null }> } } } }).__board.provider;
    const ids: string[] = [];
    p.awareness.getStates().forEach((s, client) => {
      if (client !== p.awareness.clientID && s.dragging) ids.push(...Object.keys(s.dragging));
    });
    return ids.sort();
  });
}

test('a note deleted with the Delete key on the canvas shows a notice whose Undo brings it back', async ({ workshop }) => {
  const { fac, par } = await workshop('Canvas delete');
  await showCanvas(par);
  await expectNoteCount(par, 0);
  await par.getByTestId('canvas').focus();
  await par.keyboard.press('3');
  await par.keyboard.type('Price war');
  await expectNote(fac, { text: 'Price war', frame: 'swot.opportunities' });
  await par.keyboard.press('Escape'); // ends typing; the note stays selected
  const [note] = await readNotes(par);

  await par.keyboard.press('Delete');
  await expectNoteCount(par, 0);
  await expect.poll(async () => (await readNotes(fac)).length).toBe(0);
  const notice = par.getByTestId('toast').filter({ hasText: translate('en', 'deleted.one', { text: 'Price war' }) });
  await notice.getByTestId('toast-action').click();
  await expect(notice).toHaveCount(0);
  await expectNoteCount(par, 1);
  await expectNote(fac, { id: note.id, text: 'Price war', frame: 'swot.opportunities', x: note.x, y: note.y });
});
