// Issue 10, private brainstorm, in three browsers: the facilitator adds an agenda phase that is a
// private brainstorm (with names) and opens it, which turns the canvas private; Ann adds a note on
// the canvas (marked as hers alone), Bob's page does not get it, the facilitator sees "Ann: 1";
// ending the agenda reveals nothing; the facilitator reveals, then Bob sees Ann's note with her
// name, and the canvas is public again.
import { test, expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { createBoard, onOrigin } from './support/api.ts';
import { CuttableProxy } from './support/CuttableProxy.ts';
import { expectLive, expectNote, joinBoard, outlineFrame, readNotes, showCanvas, showOutline } from './support/board.ts';
import { renderedNoteIds } from './support/canvas.ts';
import { en } from '../shared/src/i18n/en.ts';

/** Adds a note on the canvas through the toolbar and types its text. */
async function addOnCanvas(page: Page, text: string): Promise<void> {
  await page.getByTestId('add-note').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

/** The facilitator adds an agenda phase on the canvas in view, private with names, and opens it. */
async function openPrivatePhase(fac: Page): Promise<void> {
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
}

/** A new board with the facilitator Fiona and the participants Ann and Bob on it, one context each. */
async function facilitatorAnnAndBob(request: APIRequestContext, contexts: BrowserContext[], title: string): Promise<Page[]> {
  const board = await createBoard(request, { title });
  const [fac, ann, bob] = await Promise.all(contexts.map((c) => c.newPage()));
  await joinBoard(fac, board.links.facilitator, 'Fiona');
  await joinBoard(ann, board.links.participant, 'Ann');
  await joinBoard(bob, board.links.participant, 'Bob');
  return [fac, ann, bob];
}

test('a private note stays on its author’s page until the facilitator reveals it', async ({ browser, request }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  try {
    const [fac, ann, bob] = await facilitatorAnnAndBob(request, contexts, 'Private brainstorm');

    await openPrivatePhase(fac);
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

test('notes added offline before the canvas turned private are kept, privately, not lost', async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: 'Offline, then private' });
  const proxy = new CuttableProxy(Number(new URL(baseURL!).port));
  const proxyOrigin = await proxy.start();
  const awayContext = await browser.newContext();
  const facContext = await browser.newContext();
  try {
    const away = await awayContext.newPage();
    const fac = await facContext.newPage();
    await joinBoard(away, onOrigin(board.links.participant, proxyOrigin), 'Otto');
    await joinBoard(fac, board.links.facilitator, 'Fiona');

    // Otto adds a note without a connection; meanwhile the facilitator opens a private phase, so the
    // server refuses that note on the board when Otto is back.
    await awayContext.setOffline(true);
    proxy.cut();
    await expect(away.getByTestId('connection-status')).toHaveAttribute('data-state', /^(offline|reconnecting)$/);
    await addOnCanvas(away, 'Written on the train');
    await expect.poll(() => renderedNoteIds(away)).toHaveLength(1);
    await openPrivatePhase(fac);

    proxy.restore();
    await awayContext.setOffline(false);
    await expect(away.getByTestId('toast').filter({ hasText: en['private.keptOffline'].replace('{count}', '1') })).toBeVisible();
    await expectLive(away);
    await expect(away.getByTestId('private-banner')).toHaveText(en['private.onlyYou']);
    await expect.poll(() => renderedNoteIds(away)).toHaveLength(1);
    await expect(fac.getByTestId('private-counts')).toHaveText('Otto: 1');
    expect(await readNotes(fac)).toHaveLength(0);

    await fac.getByTestId('private-reveal').click();
    await expectNote(fac, { text: 'Written on the train', author: 'Otto' });
  } finally {
    await Promise.all([awayContext.close(), facContext.close()]);
    await proxy.stop();
  }
});

test('in the outline, a participant sees, edits and deletes their hidden notes, marked as theirs alone', async ({ browser, request }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  try {
    const [fac, ann, bob] = await facilitatorAnnAndBob(request, contexts, 'Private outline');
    await fac.getByTestId('private-toggle').check();
    await expect(ann.getByTestId('private-banner')).toHaveText(en['private.onlyYou']);

    await showOutline(ann);
    await showOutline(bob);
    const strengths = outlineFrame(ann, 'swot.strengths');
    await strengths.getByTestId('outline-add').click();
    const note = strengths.getByTestId('outline-note');
    await expect(note).toHaveCount(1);
    await expect(ann.getByTestId('outline-private-banner')).toHaveText(en['private.onlyYou']);
    await expect(note.getByTestId('outline-note-hidden')).toHaveText(en['private.hiddenNote']);
    await note.getByTestId('outline-note-text').fill('Hidden in the list');
    await note.getByTestId('outline-note-frame').selectOption('swot.threats');
    const threat = outlineFrame(ann, 'swot.threats').getByTestId('outline-note');
    await expect(threat.getByTestId('outline-note-text')).toHaveValue('Hidden in the list');
    await expect(strengths.getByTestId('outline-note')).toHaveCount(0);
    // A second one, deleted again from the list.
    await strengths.getByTestId('outline-add').click();
    await strengths.getByTestId('outline-note').getByTestId('outline-note-delete').click();
    await expect(strengths.getByTestId('outline-note')).toHaveCount(0);
    // The navigator counts what Ann sees; the same note is on her canvas; the facilitator sees one hidden.
    await expect(ann.getByTestId('canvas-count')).toHaveAttribute('data-count', '1');
    await expect(fac.getByTestId('private-counts')).toHaveText('Ann: 1');
    expect(await readNotes(ann)).toHaveLength(0);
    await showCanvas(ann);
    await expect.poll(() => renderedNoteIds(ann)).toHaveLength(1);
    // Bob's page never gets it.
    await expect(bob.getByTestId('outline-private-banner')).toHaveText(en['private.onlyYou']);
    await expect(bob.getByTestId('outline-note')).toHaveCount(0);
    await expect(bob.getByTestId('canvas-count')).toHaveAttribute('data-count', '0');
    expect(await readNotes(bob)).toHaveLength(0);

    await fac.getByTestId('private-reveal').click();
    await expectNote(bob, { text: 'Hidden in the list', frame: 'swot.threats', author: 'Ann' });
    const revealed = outlineFrame(bob, 'swot.threats').getByTestId('outline-note');
    await expect(revealed.getByTestId('outline-note-text')).toHaveValue('Hidden in the list');
    await expect(revealed.getByTestId('outline-note-hidden')).toHaveCount(0);
    await expect(bob.getByTestId('outline-private-banner')).toHaveCount(0);
    await showOutline(ann);
    const own = outlineFrame(ann, 'swot.threats').getByTestId('outline-note');
    await expect(own.getByTestId('outline-note-text')).toHaveValue('Hidden in the list');
    await expect(own.getByTestId('outline-note-hidden')).toHaveCount(0);
    for (const p of [ann, bob]) await expect(p.getByTestId('canvas-count')).toHaveAttribute('data-count', '1');
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
