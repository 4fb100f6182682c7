// Readable and tidy (issue 8): new notes land in the quadrant the user means and never on other
// notes, "tidy up" arranges a quadrant for everyone, a note's position and quadrant always agree.
import { test, expect, type Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { joinBoard, readNotes, type NoteData } from './support/board.ts';
import { expectNoteCount } from './support/canvas.ts';

const QUADRANTS: Record<string, { x: number; y: number }> = {
  'swot.strengths': { x: 0, y: 0 },
  'swot.weaknesses': { x: 960, y: 0 },
  'swot.opportunities': { x: 0, y: 640 },
  'swot.threats': { x: 960, y: 640 },
};

/** The note's centre lies inside the quadrant its `frame` names. */
function drawnInItsFrame(n: NoteData): boolean {
  const q = QUADRANTS[n.frame];
  const cx = n.x + 80;
  const cy = n.y + 60;
  return q !== undefined && cx >= q.x && cx < q.x + 960 && cy >= q.y && cy < q.y + 640;
}

async function newest(page: Page): Promise<NoteData> {
  const notes = await page.evaluate(() => {
    const doc = (window as unknown as { __board: { doc: { getMap(n: string): { toJSON(): Record<string, { id: string; createdAt: number; z: string }> } } } }).__board.doc;
    return Object.values(doc.getMap('notes').toJSON()).sort((a, b) => (a.z < b.z ? -1 : 1)).map((n) => n.id);
  });
  const all = await readNotes(page);
  return all.find((n) => n.id === notes[notes.length - 1])!;
}

test.use({ viewport: { width: 1366, height: 768 } });

test('adding by keyboard or toolbar on the whole-board view lands in the intended quadrant, not always Threats', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'Intended quadrant' });
  await joinBoard(page, board.links.participant, 'Kim');
  // The renderer is up (it publishes the count) before the first key: it starts after the board is
  // live, from a chunk loaded on demand, and until then no key listener exists and the canvas cannot
  // take focus. Under load (several workers) "n" was pressed before it and added nothing.
  await expectNoteCount(page, 0);
  await page.getByTestId('canvas').focus();

  // The first view shows the whole board: N goes to Strengths (nothing selected, nothing used yet).
  await page.keyboard.press('n');
  await expectNoteCount(page, 1);
  expect((await newest(page)).frame).toBe('swot.strengths');
  await page.keyboard.press('Escape'); // ends typing
  await page.keyboard.press('Escape'); // clears the selection

  // A keyboard choice: 3 is Opportunities.
  await page.keyboard.press('3');
  await expectNoteCount(page, 2);
  expect((await newest(page)).frame).toBe('swot.opportunities');
  await page.keyboard.press('Escape'); // the new note stays selected

  // The toolbar follows the selection's quadrant.
  await page.getByTestId('add-note').click();
  await expectNoteCount(page, 3);
  expect((await newest(page)).frame).toBe('swot.opportunities');

  // With nothing selected on the whole board, the quadrant last used.
  await page.keyboard.press('Escape');
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('4');
  await expectNoteCount(page, 4);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.getByTestId('add-note').click();
  await expectNoteCount(page, 5);
  expect((await newest(page)).frame).toBe('swot.threats');
  expect((await readNotes(page)).filter((n) => n.frame === 'swot.threats')).toHaveLength(2);
});

test('arrow keys cannot push a note off its quadrant: position and quadrant always agree', async ({ page, request }) => {
  const board = await createBoard(request, { title: 'Nudge off the board' });
  await joinBoard(page, board.links.participant, 'Kim');
  // The renderer is up (it publishes the count) before the key: under load a key pressed earlier
  // reached no canvas and the test waited for a note nobody had added.
  await expect(page.getByTestId('add-note')).toBeVisible();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-note-count', '0');
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('n');
  await expectNoteCount(page, 1);
  await page.keyboard.press('Escape');
  const id = (await newest(page)).id;
  // Far to the right and up, past the board's edge.
  for (let i = 0; i < 55; i++) await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowUp');
  await expect.poll(async () => (await readNotes(page)).find((n) => n.id === id)!.x).toBeGreaterThan(1500);
  const n = (await readNotes(page)).find((x) => x.id === id)!;
  expect(drawnInItsFrame(n)).toBe(true);
});

function overlapping(notes: NoteData[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const a of notes) for (const b of notes) if (a.id < b.id && Math.abs(a.x - b.x) < 96 && Math.abs(a.y - b.y) < 72) out.push([a.id, b.id]);
  return out;
}

test('notes two people add at the same moment never end up on each other', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Concurrent adds' });
  const contexts = [await browser.newContext(), await browser.newContext(), await browser.newContext()];
  try {
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    await Promise.all(pages.map((p, i) => joinBoard(p, board.links.participant, `P${i}`)));
    // All three add before any sees the others' notes: the same free spot looks free to each.
    for (const p of pages) await p.evaluate(() => (window as unknown as { __board: { provider: { disconnect(): void } } }).__board.provider.disconnect());
    for (const p of pages) {
      await p.getByTestId('canvas').focus();
      await p.keyboard.press('n');
      await p.keyboard.type('mine');
      await p.keyboard.press('Escape');
    }
    const mine = await Promise.all(pages.map((p) => readNotes(p)));
    expect(new Set(mine.map(([n]) => `${n.x},${n.y}`)).size).toBe(1);
    for (const p of pages) await p.evaluate(() => (window as unknown as { __board: { provider: { connect(): void } } }).__board.provider.connect());
    for (const p of pages) await expectNoteCount(p, 3);
    for (const p of pages) await expect.poll(async () => overlapping(await readNotes(p))).toEqual([]);
    // Every replica agrees on where they went.
    const [a, b, c] = await Promise.all(pages.map((p) => readNotes(p)));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  } finally {
    for (const c of contexts) await c.close();
  }
});

test('"tidy up" arranges a crowded quadrant for everyone, and one undo puts it back', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Tidy up' });
  const [facContext, parContext] = [await browser.newContext(), await browser.newContext()];
  try {
    const fac = await facContext.newPage();
    const par = await parContext.newPage();
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(par, board.links.participant, 'Pieter');
    await par.getByTestId('canvas').focus();
    for (let i = 0; i < 6; i++) {
      await par.keyboard.press('3');
      await par.keyboard.type(`idea ${i}`);
      await par.keyboard.press('Escape');
      await par.keyboard.press('Escape');
    }
    // Another program piles them up (as a workshop's drags often do).
    await par.evaluate(() => {
      const doc = (window as unknown as { __board: { doc: { transact(f: () => void): void; getMap(n: string): { forEach(f: (m: { set(k: string, v: number): void }, i: string) => void): void } } } }).__board.doc;
      let i = 0;
      doc.transact(() => doc.getMap('notes').forEach((m) => {
        m.set('x', 30 + i * 10);
        m.set('y', 700 + i * 6);
        i++;
      }));
    });
    await expect.poll(async () => overlapping(await readNotes(fac)).length).toBeGreaterThan(0);
    const piled = await readNotes(fac);

    await fac.getByTestId('tidy-up').click();
    await expect.poll(async () => overlapping(await readNotes(par))).toEqual([]);
    const tidy = await readNotes(par);
    expect(tidy.every((n) => n.frame === 'swot.opportunities' && drawnInItsFrame(n))).toBe(true);
    await expect.poll(() => readNotes(fac)).toEqual(tidy);

    await fac.getByTestId('undo').click();
    await expect.poll(() => readNotes(par)).toEqual(piled);
  } finally {
    await facContext.close();
    await parContext.close();
  }
});
