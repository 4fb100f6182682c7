// What is on the board stays there: across a reload, and for someone who opens the board later.
import { test, expect } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { addNoteInOutline, expectLive, expectOutlineNote, joinBoard, moveNoteInOutline, readNotes, showOutline } from './support/board.ts';
import { en } from '../shared/src/i18n/en.ts';

test('a reload keeps every note, and a later visitor loads the same board', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Persistent SWOT' });
  const context = await browser.newContext();
  const laterContext = await browser.newContext();
  try {
    const page = await context.newPage();
    await joinBoard(page, board.links.facilitator, 'Fiona');
    await showOutline(page);
    const a = await addNoteInOutline(page, 'swot.strengths', 'Experienced account managers');
    const b = await addNoteInOutline(page, 'swot.weaknesses', 'No CRM discipline');
    await moveNoteInOutline(page, b, 'swot.threats');
    // "All changes saved" once the server has confirmed storing them.
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-saved', 'true');
    await expect(page.getByTestId('save-status')).toContainText(en['save.saved']);
    const before = await readNotes(page);

    await page.reload();
    await expectLive(page);
    await showOutline(page);
    await expectOutlineNote(page, a, 'swot.strengths', 'Experienced account managers');
    await expectOutlineNote(page, b, 'swot.threats', 'No CRM discipline');
    expect(await readNotes(page)).toEqual(before);

    // A new browser has nothing cached: it can only get the notes from the server's storage.
    const later = await laterContext.newPage();
    await joinBoard(later, board.links.participant, 'Lars');
    await showOutline(later);
    await expectOutlineNote(later, a, 'swot.strengths', 'Experienced account managers');
    await expectOutlineNote(later, b, 'swot.threats', 'No CRM discipline');
    await expect.poll(async () => JSON.stringify(await readNotes(later))).toBe(JSON.stringify(before));
  } finally {
    await context.close();
    await laterContext.close();
  }
});
