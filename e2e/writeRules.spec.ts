// Issue 7, write rules: a participant who changes the board's metadata from the browser console is
// refused by the server; the page says why in the participant's language, throws its copy of the
// board away (IndexedDB included) and shows the board as the server has it.
import { test, expect, type Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { expectLive, expectNote, joinBoard, addNoteInOutline, showOutline } from './support/board.ts';
import { nl } from '../shared/src/i18n/nl.ts';

interface Hook {
  __board: {
    doc: { getMap(n: string): { get(k: string): unknown; clear(): void; toJSON(): Record<string, unknown> } };
    connection: { state: { subscribe(fn: (s: { generation: number }) => void): () => void } };
  };
}

const title = (page: Page) => page.evaluate(() => (window as unknown as Hook).__board.doc.getMap('meta').get('title'));
const generation = (page: Page) =>
  page.evaluate(() => {
    let g = -1;
    (window as unknown as Hook).__board.connection.state.subscribe((s) => (g = s.generation))();
    return g;
  });

test('a participant emptying the metadata from the console is refused, told so, and shown the board as it is', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Strategie 2026', language: 'nl' });
  const facContext = await browser.newContext();
  const pContext = await browser.newContext({ locale: 'nl-NL' });
  try {
    const fac = await facContext.newPage();
    const p = await pContext.newPage();
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(p, board.links.participant, 'Pieter');
    expect(await title(p)).toBe('Strategie 2026');

    await p.evaluate(() => (window as unknown as Hook).__board.doc.getMap('meta').clear());
    await expect(p.getByTestId('toast')).toContainText(nl['error.forbidden_write']);
    // A fresh copy from the server: the title is back, and the board works again.
    await expect.poll(() => generation(p)).toBe(1);
    await expectLive(p);
    await expect.poll(() => title(p)).toBe('Strategie 2026');
    await expect(p.getByRole('heading', { level: 1 })).toHaveText('Strategie 2026');
    await showOutline(p);
    const id = await addNoteInOutline(p, 'swot.strengths', 'Na de weigering');
    await expectNote(fac, { id, text: 'Na de weigering' });
    expect(await title(fac)).toBe('Strategie 2026');

    // The device copy was emptied too: after a reload nothing refused comes back from IndexedDB
    // (it would be sent again and refused again, with the message again).
    await p.reload();
    await expectLive(p);
    await expectNote(p, { id, text: 'Na de weigering' });
    await showOutline(fac);
    const marker = await addNoteInOutline(fac, 'swot.threats', 'marker');
    await expectNote(p, { id: marker });
    expect(await generation(p)).toBe(0);
    await expect(p.getByTestId('toast')).toHaveCount(0);
    expect(await title(p)).toBe('Strategie 2026');
  } finally {
    await facContext.close();
    await pContext.close();
  }
});
