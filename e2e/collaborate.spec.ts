// The core workshop flow: a facilitator creates a board on the home page, a participant joins by
// the participant link, and both see each other's notes appear, change and move.
import { test, expect } from '@playwright/test';
import {
  addNoteInOutline, editNoteInOutline, enterNameIfAsked, expectLive, expectNote, expectOutlineNote,
  joinBoard, moveNoteInOutline, readNotes, showOutline,
} from './support/board.ts';

test('a facilitator creates a board and a participant collaborates on it live', async ({ browser }) => {
  const facilitatorContext = await browser.newContext();
  const participantContext = await browser.newContext();
  try {
    const fac = await facilitatorContext.newPage();
    await fac.goto('/');
    await fac.getByTestId('create-title').fill('Sales team SWOT');
    await fac.getByTestId('create-language').selectOption('en');
    await expect(fac.getByTestId('create-template')).toHaveValue('swot');
    await fac.getByTestId('create-submit').click();

    const linkPattern = /^http:\/\/127\.0\.0\.1:\d+\/b\/[A-Za-z0-9_-]{16}#.{16,}$/;
    for (const role of ['facilitator', 'participant', 'viewer']) {
      await expect(fac.getByTestId(`link-${role}`)).toHaveValue(linkPattern);
    }
    const participantLink = await fac.getByTestId('link-participant').inputValue();
    const facilitatorLink = await fac.getByTestId('link-facilitator').inputValue();
    const viewerLink = await fac.getByTestId('link-viewer').inputValue();
    expect(new Set([participantLink, facilitatorLink, viewerLink]).size).toBe(3);
    await expect(fac.getByTestId('qr-participant')).toBeVisible();
    await expect(fac.getByTestId('my-boards')).toContainText('Sales team SWOT');

    await fac.getByTestId('open-board').click();
    await enterNameIfAsked(fac, 'Fiona');
    await expectLive(fac);
    // The token leaves the address bar once it has been exchanged for a session.
    await expect.poll(() => new URL(fac.url()).hash).toBe('');

    const par = await participantContext.newPage();
    await joinBoard(par, participantLink, 'Pieter');

    // Each sees the other in the participant list, with their role.
    await expect(fac.locator('[data-testid="participant"][data-role="participant"]')).toContainText('Pieter');
    await expect(par.locator('[data-testid="participant"][data-role="facilitator"]')).toContainText('Fiona');

    await showOutline(fac);
    await showOutline(par);

    // Add: each side creates a note, the other sees it in the same quadrant.
    const facNote = await addNoteInOutline(fac, 'swot.strengths', 'Loyal customers');
    const parNote = await addNoteInOutline(par, 'swot.threats', 'New competitor');
    await expectOutlineNote(par, facNote, 'swot.strengths', 'Loyal customers');
    await expectOutlineNote(fac, parNote, 'swot.threats', 'New competitor');
    await expectNote(par, { id: facNote, author: 'Fiona' });
    await expectNote(fac, { id: parNote, author: 'Pieter' });

    // Edit: each changes the other's note.
    await editNoteInOutline(par, facNote, 'Loyal key accounts');
    await editNoteInOutline(fac, parNote, 'New low-cost competitor');
    await expectOutlineNote(fac, facNote, 'swot.strengths', 'Loyal key accounts');
    await expectOutlineNote(par, parNote, 'swot.threats', 'New low-cost competitor');

    // Move: a note changes quadrant on one side, the other sees it in the new quadrant.
    await moveNoteInOutline(fac, parNote, 'swot.opportunities');
    await moveNoteInOutline(par, facNote, 'swot.weaknesses');
    await expectOutlineNote(par, parNote, 'swot.opportunities', 'New low-cost competitor');
    await expectOutlineNote(fac, facNote, 'swot.weaknesses', 'Loyal key accounts');

    // Delete from the outline reaches the other side too.
    await fac.locator(`[data-testid="outline-note"][data-note-id="${facNote}"]`).getByTestId('outline-note-delete').click();
    await expect(par.locator(`[data-testid="outline-note"][data-note-id="${facNote}"]`)).toHaveCount(0);

    // Both replicas end up equal.
    await expect
      .poll(async () => JSON.stringify(await readNotes(par)) === JSON.stringify(await readNotes(fac)))
      .toBe(true);
  } finally {
    await facilitatorContext.close();
    await participantContext.close();
  }
});
