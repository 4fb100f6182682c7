// Undo is per user: it takes back only what this user did, never someone else's work.
import { test, expect } from './support/workshop.ts';
import type { Page } from '@playwright/test';
import { addNoteInOutline, expectNote, outlineNote, readNotes, showOutline } from './support/board.ts';

test("undo reverts only the user's own changes, and redo brings them back", async ({ workshop }) => {
  const { fac, par } = await workshop('Undo SWOT');
  await showOutline(fac);
  await showOutline(par);

  const facNote = await addNoteInOutline(fac, 'swot.strengths', 'Kept: made by Fiona');
  const parNote = await addNoteInOutline(par, 'swot.weaknesses', 'Undone: made by Pieter');
  await expectNote(par, { id: facNote, text: 'Kept: made by Fiona' });
  await expectNote(fac, { id: parNote, text: 'Undone: made by Pieter' });

  await undoEverything(par);
  await expect(outlineNote(fac, parNote)).toHaveCount(0);
  await expect(outlineNote(par, parNote)).toHaveCount(0);
  await expectNote(par, { id: facNote, text: 'Kept: made by Fiona' });
  await expectNote(fac, { id: facNote, text: 'Kept: made by Fiona' });

  const redo = par.getByTestId('redo');
  for (let i = 0; i < 20 && (await redo.isEnabled()); i++) await redo.click();
  await expectNote(fac, { id: parNote, text: 'Undone: made by Pieter' });
  expect((await readNotes(fac)).map((n) => n.id).sort()).toEqual([facNote, parNote].sort());
});

/** Clicks undo until there is nothing left to undo (a note's creation and its typing may be separate steps). */
async function undoEverything(page: Page): Promise<void> {
  const undo = page.getByTestId('undo');
  await expect(undo).toBeEnabled();
  for (let i = 0; i < 20 && (await undo.isEnabled()); i++) await undo.click();
  await expect(undo).toBeDisabled();
}
