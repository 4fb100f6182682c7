// Real pointer work on the Konva canvas: double-click in a quadrant creates a note that opens for
// typing, and dragging it into another quadrant changes its frame, for everyone.
import { test, expect } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { expectNote, joinBoard, readNotes, showCanvas, showOutline, expectOutlineNote } from './support/board.ts';
import { readFileSync } from 'node:fs';
import { canvasBox, dragWithMouse, expectNoteCount, noteScreenBox, renderedNoteIds } from './support/canvas.ts';

test('notes are created by double-click and moved between quadrants by dragging', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Canvas SWOT' });
  const facilitatorContext = await browser.newContext();
  const participantContext = await browser.newContext();
  try {
    const fac = await facilitatorContext.newPage();
    const par = await participantContext.newPage();
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(par, board.links.participant, 'Pieter');
    await showCanvas(fac);
    await showCanvas(par);
    await expectNoteCount(fac, 0);

    // The empty SWOT board is fitted and centred, so the centre of the canvas is where the four
    // quadrants meet: up-left of it is Strengths, down-right is Threats, at any zoom level.
    const box = await canvasBox(fac);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
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
  } finally {
    await facilitatorContext.close();
    await participantContext.close();
  }
});
