// Issue 10, one workshop in three browsers: the facilitator (Fiona) runs the agenda; Ann and Bob
// brainstorm privately on the SWOT while its timer runs (the agenda's private phase: neither sees
// the other's notes), Fiona reveals them with their names, the room votes, Fiona reveals the votes,
// and the confrontation matrix takes the top-voted notes of each quadrant as its rows and columns.
import { linkToCanvas } from './support/canvasView.ts';
import { test, expect, type Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { expectNote, joinBoard, readNotes } from './support/board.ts';
import { renderedNoteIds } from './support/canvas.ts';
import { en } from '../shared/src/i18n/en.ts';

/** A join link that opens the workshop board on its SWOT canvas (the agenda starts with the quickscan). */
const onSwot = (link: string): string => linkToCanvas(link, 'swot');

/** Adds a note to quadrant 1..4 (strengths, weaknesses, opportunities, threats) by keyboard and types its text. */
async function addInQuadrant(page: Page, quadrant: 1 | 2 | 3 | 4, text: string): Promise<void> {
  await page.getByTestId('canvas').focus();
  await page.keyboard.press(String(quadrant));
  await page.keyboard.type(text);
  await page.keyboard.press('Escape'); // ends typing
  await page.keyboard.press('Escape'); // clears the selection
}

test('a workshop: timed private brainstorm, reveal, vote, and the matrix takes the top-voted notes', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Acme account plan', template: 'workshop' });
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  try {
    const [fac, ann, bob] = await Promise.all(contexts.map((c) => c.newPage()));
    await joinBoard(fac, onSwot(board.links.facilitator), 'Fiona');
    await joinBoard(ann, onSwot(board.links.participant), 'Ann');
    await joinBoard(bob, onSwot(board.links.participant), 'Bob');

    // The agenda: start (the quickscan), on to the SWOT brainstorm and its 10-minute timer. The
    // ready agenda's brainstorm is private (with names): opening it turns the SWOT private.
    await fac.getByTestId('agenda-start').click();
    await expect(fac.getByTestId('phase-title')).toHaveText(en['agenda.workshop.quickscan']);
    await fac.getByTestId('phase-next').click();
    await fac.getByTestId('timer-start').click();
    await expect(fac.getByTestId('private-toggle')).toBeChecked();
    await expect(fac.getByTestId('private-attributed')).toHaveValue('attributed');
    for (const p of [ann, bob]) {
      await expect(p.getByTestId('phase-title')).toHaveText(en['agenda.workshop.brainstorm']);
      await expect(p.getByTestId('timer')).toHaveAttribute('data-state', 'running');
      await expect(p.getByTestId('private-banner')).toHaveText(en['private.onlyYou']);
    }

    await addInQuadrant(ann, 1, 'Strong brand');
    await addInQuadrant(ann, 1, 'Loyal customers');
    await addInQuadrant(ann, 3, 'Growing B2B market');
    await addInQuadrant(bob, 1, 'Skilled team');
    await addInQuadrant(bob, 2, 'Slow delivery');
    await addInQuadrant(bob, 3, 'Export to Germany');
    await addInQuadrant(bob, 4, 'New competitor');
    await expect.poll(() => renderedNoteIds(ann)).toHaveLength(3);
    await expect.poll(() => renderedNoteIds(bob)).toHaveLength(4);
    await expect(fac.getByTestId('private-counts')).toHaveText('Ann: 3 · Bob: 4');
    // Each sees only their own: nothing is in any page's board document, nothing of Ann on Bob's canvas.
    for (const p of [fac, ann, bob]) expect(await readNotes(p)).toHaveLength(0);
    expect(await renderedNoteIds(fac)).toHaveLength(0);

    await fac.getByTestId('private-reveal').click();
    const texts = ['Strong brand', 'Loyal customers', 'Growing B2B market', 'Skilled team', 'Slow delivery', 'Export to Germany', 'New competitor'];
    for (const p of [fac, ann, bob]) for (const text of texts) await expectNote(p, { text });
    await expectNote(bob, { text: 'Strong brand', author: 'Ann' });
    await expectNote(ann, { text: 'Skilled team', author: 'Bob' });
    const id = Object.fromEntries((await readNotes(fac)).map((n) => [n.text, n.id]));

    // On through clustering to the vote (5 dots each, one per note).
    for (const key of ['agenda.workshop.cluster', 'agenda.workshop.vote'] as const) {
      await fac.getByTestId('phase-next').click();
      await expect(fac.getByTestId('phase-title')).toHaveText(en[key]);
    }
    const votes: [Page, string[]][] = [
      [ann, ['Skilled team', 'Slow delivery', 'Export to Germany', 'New competitor']],
      [bob, ['Skilled team', 'Loyal customers', 'Export to Germany']],
    ];
    for (const [p, notes] of votes) {
      await expect(p.getByTestId('phase-title')).toHaveText(en['agenda.workshop.vote']);
      await p.getByTestId('vote-open').click();
      const dialog = p.getByTestId('vote-dialog');
      for (const text of notes) await dialog.locator(`[data-note-id="${id[text]}"] [data-testid="vote-add"]`).click();
      await expect(dialog.getByTestId('vote-left')).toContainText(`${5 - notes.length} of 5`);
      await p.keyboard.press('Escape');
    }
    await fac.getByTestId('vote-open').click();
    await fac.getByTestId('vote-reveal').click();
    await expect(fac.locator(`[data-note-id="${id['Skilled team']}"] [data-testid="vote-total"]`)).toHaveText('Votes: 2');
    await fac.keyboard.press('Escape');

    // The matrix phase brings the room to the matrix; its set-up takes the top-voted notes.
    await fac.getByTestId('phase-next').click();
    await expect(fac.getByTestId('phase-title')).toHaveText(en['agenda.workshop.matrix']);
    await expect(fac.getByTestId('matrix')).toBeVisible();
    // Before any pick the matrix already has the top-voted notes first, then those without a dot
    // (most dots first, equal dots in board order).
    const noteIds = (p: Page, testid: string) => p.getByTestId(testid).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.noteId));
    await expect(ann.getByTestId('matrix')).toBeVisible();
    await expect.poll(() => noteIds(ann, 'matrix-row')).toEqual([id['Skilled team'], id['Loyal customers'], id['Strong brand'], id['Slow delivery']]);
    await expect.poll(() => noteIds(ann, 'matrix-column')).toEqual([id['Export to Germany'], id['Growing B2B market'], id['New competitor']]);
    await fac.getByTestId('matrix-tab-setup').click();
    await fac.getByTestId('matrix-take-top-voted').click();

    // Per quadrant the notes with votes, most first; notes without a vote (Strong brand, Growing
    // B2B market) stay out.
    const rows = [id['Skilled team'], id['Loyal customers'], id['Slow delivery']];
    const columns = [id['Export to Germany'], id['New competitor']];
    for (const p of [fac, ann, bob]) {
      await expect(p.getByTestId('matrix')).toBeVisible();
      if (p === fac) await p.getByTestId('matrix-tab-score').click();
      await expect.poll(() => noteIds(p, 'matrix-row')).toEqual(rows);
      await expect.poll(() => noteIds(p, 'matrix-column')).toEqual(columns);
    }
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
