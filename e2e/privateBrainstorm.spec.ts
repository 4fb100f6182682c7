// Issue 10, private brainstorm, in three browsers: the facilitator adds an agenda phase that is a
// private brainstorm (with names) and opens it, which turns the canvas private; Ann adds a note on
// the canvas (marked as hers alone), Bob's page does not get it, the facilitator sees "Ann: 1";
// ending the agenda reveals nothing; the facilitator reveals, then Bob sees Ann's note with her
// name, and the canvas is public again.
import { test, expect, type Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { expectLive, expectNote, joinBoard, readNotes } from './support/board.ts';
import { renderedNoteIds } from './support/canvas.ts';
import { en } from '../shared/src/i18n/en.ts';

/** Adds a note on the canvas through the toolbar and types its text. */
async function addOnCanvas(page: Page, text: string): Promise<void> {
  await page.getByTestId('add-note').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

test('a private note stays on its author’s page until the facilitator reveals it', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Private brainstorm' });
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  try {
    const [fac, ann, bob] = await Promise.all(contexts.map((c) => c.newPage()));
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(ann, board.links.participant, 'Ann');
    await joinBoard(bob, board.links.participant, 'Bob');

    await fac.getByTestId('agenda-open').click();
    const agenda = fac.getByTestId('agenda-dialog');
    await agenda.getByTestId('agenda-add').click();
    const phase = agenda.getByTestId('agenda-phase');
    await phase.getByTestId('phase-privacy').selectOption('attributed');
    await expect(phase.getByTestId('phase-privacy')).toHaveValue('attributed');
    await phase.getByTestId('phase-open').click();
    await expect(phase.getByTestId('phase-open')).toHaveCount(0);
    await agenda.getByRole('button', { name: en['agenda.close'] }).click();
    await expect(agenda).toBeHidden();
    await expect(fac.getByTestId('private-toggle')).toBeChecked();
    for (const p of [ann, bob]) await expect(p.getByTestId('private-banner')).toHaveText(en['private.onlyYou']);

    await addOnCanvas(ann, 'Hidden idea');
    await expect.poll(() => renderedNoteIds(ann)).toHaveLength(1);
    // Not in the board document of any page: it is in Ann's private document only.
    expect(await readNotes(ann)).toHaveLength(0);
    await expect(fac.getByTestId('private-counts')).toHaveText('Ann: 1');
    expect(await readNotes(bob)).toHaveLength(0);
    expect(await renderedNoteIds(bob)).toHaveLength(0);

    // Kept over a reload (device copy and server).
    await ann.reload();
    await expectLive(ann);
    await expect.poll(() => renderedNoteIds(ann)).toHaveLength(1);

    // Leaving the phase (here: the end of the agenda) reveals nothing; the facilitator does.
    await fac.getByTestId('phase-next').click();
    await expect(fac.getByTestId('agenda-start')).toBeVisible();
    await expect(fac.getByTestId('private-counts')).toHaveText('Ann: 1');
    await expect(bob.getByTestId('private-banner')).toHaveText(en['private.onlyYou']);
    expect(await readNotes(bob)).toHaveLength(0);

    await fac.getByTestId('private-reveal').click();
    await expectNote(bob, { text: 'Hidden idea', author: 'Ann' });
    await expect.poll(() => renderedNoteIds(bob)).toHaveLength(1);
    await expect(bob.getByTestId('private-banner')).toHaveCount(0);
    await expect(fac.getByTestId('private-toggle')).not.toBeChecked();
    await expectNote(ann, { text: 'Hidden idea', author: 'Ann' });
    await expect.poll(() => renderedNoteIds(ann)).toHaveLength(1);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
