// A viewer link gives a read-only board: no edit controls, and even a change forced into the
// page's Y.Doc never reaches anyone else, because the server drops a viewer's updates.
import { test, expect, type Page } from '@playwright/test';
import { createBoard } from './support/api.ts';
import { addNoteInOutline, expectNote, joinBoard, outlineNote, readNotes, showCanvas, showOutline } from './support/board.ts';
import { canvasBox } from './support/canvas.ts';

test('a viewer sees the board live but cannot change it', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Viewer SWOT' });
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [facilitatorContext, viewerContext, lateContext] = contexts;
  try {
    const fac = await facilitatorContext.newPage();
    const viewer = await viewerContext.newPage();
    const viewerUpdatesSent = countSentUpdates(viewer);
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(viewer, board.links.viewer, 'Vera');
    await showOutline(fac);
    const id = await addNoteInOutline(fac, 'swot.opportunities', 'Visible to all');
    await expectNote(viewer, { id, text: 'Visible to all' });

    // Read-only UI: a badge, and no control that would change the board.
    await expect(viewer.getByTestId('readonly-badge')).toBeVisible();
    for (const testId of ['add-note', 'delete-selected', 'duplicate-selected', 'undo', 'redo', 'color-yellow', 'color-blue']) {
      await expect(viewer.getByTestId(testId), testId).toHaveCount(0);
    }
    await showOutline(viewer);
    await expect(viewer.getByTestId('outline-add')).toHaveCount(0);
    await expect(viewer.getByTestId('outline-note-delete')).toHaveCount(0);
    await expectReadOnlyIfPresent(viewer, `[data-testid="outline-note"][data-note-id="${id}"] [data-testid="outline-note-text"]`);
    await expectReadOnlyIfPresent(viewer, `[data-testid="outline-note"][data-note-id="${id}"] [data-testid="outline-note-frame"]`);
    await expect(outlineNote(viewer, id)).toContainText('Visible to all');

    // A double-click on the canvas creates nothing for a viewer.
    await showCanvas(viewer);
    const box = await canvasBox(viewer);
    await viewer.mouse.dblclick(box.x + box.width / 2 - 120, box.y + box.height / 2 - 80);

    // Force changes past the UI, straight into the viewer's document.
    await viewer.evaluate((noteId) => {
      type YText = { insert(i: number, s: string): void };
      type YMap = { get(k: string): unknown; set(k: string, v: unknown): void };
      const doc = (window as unknown as { __board: { doc: { getMap(n: string): YMap } } }).__board.doc;
      ((doc.getMap('notes').get(noteId) as YMap).get('text') as YText).insert(0, 'FORGED ');
      doc.getMap('e2eForged').set('by', 'viewer');
    }, id);
    await expectNote(viewer, { id, text: 'FORGED Visible to all' });
    // The forged update really went over the wire: it is the server that has to stop it.
    await expect.poll(() => viewerUpdatesSent.count).toBeGreaterThan(0);

    // Then a probe on the same connection: the server relays a viewer's awareness (docs/api.md: the
    // socket stays open) and handles one connection's messages in order, so once the facilitator
    // sees the probe, the forged update has been processed, and must have been dropped.
    await sendAwarenessProbe(viewer, fac);
    await expect(viewer.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    expect(await forgedKeys(fac)).toEqual([]);
    await expectNote(fac, { id, text: 'Visible to all' });
    expect((await readNotes(fac)).length).toBe(1);

    // Nothing was stored either: someone joining now loads the board from the server.
    const late = await lateContext.newPage();
    await joinBoard(late, board.links.participant, 'Lars');
    await expectNote(late, { id, text: 'Visible to all' });
    expect(await forgedKeys(late)).toEqual([]);
    expect((await readNotes(late)).length).toBe(1);

    // The facilitator keeps editing, and the viewer keeps receiving (when still connected).
    const second = await addNoteInOutline(fac, 'swot.threats', 'Still live');
    await expectNote(late, { id: second, text: 'Still live' });
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

/** Counts y-websocket document updates (message type 0 sync, subtype 2 update) the page sends. */
function countSentUpdates(page: Page): { count: number } {
  const counter = { count: 0 };
  page.on('websocket', (ws) => {
    if (!new URL(ws.url()).pathname.startsWith('/yjs/')) return;
    ws.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string' && payload[0] === 0 && payload[1] === 2) counter.count++;
    });
  });
  return counter;
}

async function expectReadOnlyIfPresent(page: Page, selector: string): Promise<void> {
  const el = page.locator(selector);
  if ((await el.count()) === 0) return;
  await expect(el).not.toBeEditable();
}

async function forgedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (window as unknown as { __board: { doc: { getMap(n: string): { keys(): Iterable<string> } } } }).__board.doc;
    return [...doc.getMap('e2eForged').keys()];
  });
}

/** Sets an awareness field on `from` and waits until `to` has received it. */
async function sendAwarenessProbe(from: Page, to: Page): Promise<void> {
  const token = `probe-${Date.now()}`;
  await from.evaluate((t) => {
    const b = (window as unknown as { __board: { provider: { awareness: { setLocalStateField(k: string, v: unknown): void } } } }).__board;
    b.provider.awareness.setLocalStateField('e2eProbe', t);
  }, token);
  await to.waitForFunction((t) => {
    const b = (window as unknown as { __board: { provider: { awareness: { getStates(): Map<number, Record<string, unknown>> } } } }).__board;
    return [...b.provider.awareness.getStates().values()].some((s) => s.e2eProbe === t);
  }, token, { timeout: 15_000 });
}
