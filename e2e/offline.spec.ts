// Edits made without a connection are kept and arrive when the connection returns; "All changes
// saved" is only shown once the server has confirmed storing them.
//
// How the connection is cut: `context.setOffline(true)` alone does NOT close an open WebSocket in
// chromium (checked with chromium 156: messages sent "offline" still reached the server); it only
// fails new connections and fires the `offline` event. So this browser reaches the server through a
// CuttableProxy (e2e/support/CuttableProxy.ts) whose cut() drops every open TCP connection and
// refuses new ones. Two cases:
//   1. the browser knows it is offline: setOffline(true) + cut();
//   2. the network silently drops while the browser believes it is online: cut() alone.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { createBoard, onOrigin } from './support/api.ts';
import { CuttableProxy } from './support/CuttableProxy.ts';
import { addNoteInOutline, editNoteInOutline, expectLive, expectNote, expectOutlineNote, joinBoard, showOutline } from './support/board.ts';
import { en } from '../shared/src/i18n/en.ts';

test('edits made offline arrive after reconnecting, and are only then saved', async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: 'Offline SWOT' });
  const proxy = new CuttableProxy(Number(new URL(baseURL!).port));
  const proxyOrigin = await proxy.start();
  const awayContext = await browser.newContext();
  const hereContext = await browser.newContext();
  try {
    const away = await awayContext.newPage();
    const here = await hereContext.newPage();
    await joinBoard(away, onOrigin(board.links.participant, proxyOrigin), 'Otto');
    await joinBoard(here, board.links.facilitator, 'Fiona');
    await showOutline(away);
    await showOutline(here);

    const note = await addNoteInOutline(away, 'swot.strengths', 'Written online');
    await expectOutlineNote(here, note, 'swot.strengths', 'Written online');
    await expectSaved(away);

    // 1. The browser is offline (and its connection gone).
    await awayContext.setOffline(true);
    proxy.cut();
    await expect(away.getByTestId('connection-status')).toHaveAttribute('data-state', /^(offline|reconnecting)$/);
    await editNoteInOutline(away, note, 'Edited offline');
    const offlineNote = await addNoteInOutline(away, 'swot.threats', 'Added offline');
    await expectUnsaved(away);
    // Meanwhile the other side keeps working.
    const hereNote = await addNoteInOutline(here, 'swot.opportunities', 'Added while Otto was away');

    proxy.restore();
    await awayContext.setOffline(false);
    await expectLive(away);
    await expectOutlineNote(here, note, 'swot.strengths', 'Edited offline');
    await expectOutlineNote(here, offlineNote, 'swot.threats', 'Added offline');
    await expectOutlineNote(away, hereNote, 'swot.opportunities', 'Added while Otto was away');
    await expectNote(here, { id: offlineNote, author: 'Otto' });
    await expectSaved(away);

    // 2. The connection drops without the browser noticing it is offline.
    proxy.cut();
    await expect(away.getByTestId('connection-status')).toHaveAttribute('data-state', /^(offline|reconnecting|connecting)$/);
    await editNoteInOutline(away, offlineNote, 'Edited during an outage');
    await expectUnsaved(away);
    proxy.restore();
    await expectLive(away);
    await expectOutlineNote(here, offlineNote, 'swot.threats', 'Edited during an outage');
    await expectSaved(away);
  } finally {
    await closeAll([awayContext, hereContext]);
    await proxy.stop();
  }
});

async function expectSaved(page: Page): Promise<void> {
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-saved', 'true');
  await expect(status).toContainText(en['save.saved']);
}

async function expectUnsaved(page: Page): Promise<void> {
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-saved', 'false');
  await expect(status).not.toContainText(en['save.saved']);
}

async function closeAll(contexts: BrowserContext[]): Promise<void> {
  await Promise.all(contexts.map((c) => c.close()));
}
