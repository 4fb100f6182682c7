// Issue 10: a facilitator and a participant in two browser contexts. The facilitator starts the
// workshop agenda's first phase with its timer and locks the canvas; the participant sees the phase,
// the countdown and why the canvas is read-only, and cannot add a note there (no button, a double
// click adds nothing, the outline offers no add); once unlocked, they can (privately: the phase is
// the agenda's private brainstorm).
import { linkToCanvas } from './support/canvasView.ts';
import { test, expect } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { addNoteInOutline, expectNote, joinBoard, showCanvas, showOutline } from './support/board.ts';
import { canvasBox, expectNoteCount } from './support/canvas.ts';
import { en } from '../shared/src/i18n/en.ts';
import { nl } from '../shared/src/i18n/nl.ts';

/** A join link that opens the workshop board on its SWOT canvas (the agenda starts with the quickscan). */
const onSwot = (link: string): string => linkToCanvas(link, 'swot');

test('the facilitator starts a timed phase and locks the canvas; the participant sees the timer and cannot add a note there', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Accountplan Acme', template: 'workshop', language: 'nl' });
  const facContext = await browser.newContext();
  const parContext = await browser.newContext({ locale: 'nl-NL' });
  try {
    const fac = await facContext.newPage();
    const par = await parContext.newPage();
    await joinBoard(fac, onSwot(board.links.facilitator), 'Fiona');
    await joinBoard(par, onSwot(board.links.participant), 'Pieter');

    // The workshop's ready agenda: start it (the quickscan), go on to the brainstorm, then the
    // phase's timer (10 minutes), then the lock.
    await fac.getByTestId('agenda-start').click();
    await expect(fac.getByTestId('phase-title')).toHaveText(nl['agenda.workshop.quickscan']);
    await fac.getByTestId('phase-next').click();
    await expect(fac.getByTestId('phase-title')).toHaveText(nl['agenda.workshop.brainstorm']);
    await fac.getByTestId('timer-start').click();
    await expect(fac.getByTestId('timer')).toHaveAttribute('data-state', 'running');
    await fac.getByTestId('lock-canvas').check();

    await expect(par.getByTestId('phase-title')).toHaveText(nl['agenda.workshop.brainstorm']);
    await expect(par.getByTestId('timer')).toHaveAttribute('data-state', 'running');
    await expect(par.getByTestId('timer')).toContainText(/\b(9:[0-5]\d|10:00)\b/);
    await expect(par.getByTestId('readonly-reason')).toHaveText(nl['facilitation.readonly.canvas-locked']);
    await expect(par.getByTestId('add-note')).toHaveCount(0);
    await expect(par.getByTestId('phase-next')).toHaveCount(0);

    // A double click on an empty quadrant adds a note when the canvas is open; here it adds none.
    await showCanvas(par);
    const box = await canvasBox(par);
    await par.mouse.dblclick(box.x + box.width * 0.25, box.y + box.height * 0.4);
    await expectNoteCount(par, 0);
    await showOutline(par);
    await expect(par.getByTestId('outline-add')).toHaveCount(0);

    // Unlocked, the same participant adds a note: the brainstorm is private (the ready agenda's), so
    // it is theirs alone until the reveal, and then the facilitator gets it.
    await fac.getByTestId('lock-canvas').uncheck();
    await expect(par.getByTestId('readonly-reason')).toHaveCount(0);
    await showCanvas(par);
    await expect(par.getByTestId('private-banner')).toHaveText(nl['private.onlyYou']);
    await par.getByTestId('add-note').click();
    await par.keyboard.type('Sterk merk');
    await par.keyboard.press('Escape');
    await expectNoteCount(par, 1);
    await expect(fac.getByTestId('private-counts')).toHaveText('Pieter: 1');
    await fac.getByTestId('private-reveal').click();
    await expectNote(fac, { text: 'Sterk merk', author: 'Pieter' });
  } finally {
    await facContext.close();
    await parContext.close();
  }
});

test('dot voting: the participant spends the budget, sees nothing of others until the reveal, then each quadrant sorted by votes', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Acme account plan', template: 'workshop' });
  const facContext = await browser.newContext();
  const parContext = await browser.newContext();
  try {
    const fac = await facContext.newPage();
    const par = await parContext.newPage();
    await joinBoard(fac, onSwot(board.links.facilitator), 'Fiona');
    await joinBoard(par, onSwot(board.links.participant), 'Pieter');
    await showOutline(fac);
    const brand = await addNoteInOutline(fac, 'swot.strengths', 'Strong brand');
    const team = await addNoteInOutline(fac, 'swot.strengths', 'Skilled team');
    await expectNote(par, { id: team });

    // Start (the quickscan), then next three times: the workshop's vote phase (5 dots each).
    await fac.getByTestId('agenda-start').click();
    for (const key of ['agenda.workshop.brainstorm', 'agenda.workshop.cluster'] as const) {
      await fac.getByTestId('phase-next').click();
      await expect(fac.getByTestId('phase-title')).toHaveText(en[key]);
    }
    await fac.getByTestId('phase-next').click();
    await expect(par.getByTestId('phase-title')).toHaveText('Vote: the top items of each quadrant');
    await par.getByTestId('vote-open').click();
    const dialog = par.getByTestId('vote-dialog');
    await dialog.locator(`[data-note-id="${team}"] [data-testid="vote-add"]`).click();
    await expect(dialog.getByTestId('vote-left')).toContainText('4 of 5');
    // One dot per note in this phase: the button for a second one is off.
    await expect(dialog.locator(`[data-note-id="${team}"] [data-testid="vote-add"]`)).toBeDisabled();
    await expect(dialog.getByTestId('vote-total')).toHaveCount(0);

    await fac.getByTestId('vote-open').click();
    await fac.getByTestId('vote-reveal').click();
    await expect(dialog.locator(`[data-note-id="${team}"] [data-testid="vote-total"]`)).toHaveText('Votes: 1');
    // Sorted: the voted note comes first in its quadrant.
    await expect(dialog.getByTestId('vote-note').first()).toHaveAttribute('data-note-id', team);
    await expect(dialog.locator(`[data-note-id="${brand}"] [data-testid="vote-total"]`)).toHaveText('Votes: 0');
  } finally {
    await facContext.close();
    await parContext.close();
  }
});
