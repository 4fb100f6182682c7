// Edits made without a connection are kept and arrive when the connection returns; "All changes
// saved" is only shown once the server has confirmed storing them.
//
// How the connection is cut: `context.setOffline(true)` alone does NOT close an open WebSocket in
// chromium (messages keep flowing), so this browser reaches the server through a CuttableProxy
// (e2e/support/CuttableProxy.ts). Going offline = setOffline(true) (navigator.onLine false, new
// connections fail) + proxy.cut() (every open TCP connection dropped, new ones refused).
import { test, expect } from '@playwright/test';
import { createBoard, onOrigin } from './support/api.ts';
import { CuttableProxy } from './support/CuttableProxy.ts';
import { addNoteInOutline, editNoteInOutline, expectLive, expectNote, expectOutlineNote, joinBoard, showOutline } from './support/board.ts';
import { en } from '../shared/src/i18n/en.ts';

test('an edit made offline arrives after reconnecting, and is only then saved', async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: 'Offline SWOT' });
  const proxy = new CuttableProxy(Number(new URL(baseURL!).port));
  const proxyOrigin = await proxy.start();
  const offlineContext = await browser.newContext();
  const onlineContext = await browser.newContext();
  try {
    const away = await offlineContext.newPage();
    const here = await onlineContext.newPage();
    await joinBoard(away, onOrigin(board.links.participant, proxyOrigin), 'Otto');
    await joinBoard(here, board.links.facilitator, 'Fiona');
    await showOutline(away);
    await showOutline(here);

    const note = await addNoteInOutline(away, 'swot.strengths', 'Written online');
    await expectOutlineNote(here, note, 'swot.strengths', 'Written online');
    const saveStatus = away.getByTestId('save-status');
    await expect(saveStatus).toHaveAttribute('data-saved', 'true');

    await offlineContext.setOffline(true);
    proxy.cut();
    await expect(away.getByTestId('connection-status')).toHaveAttribute('data-state', /^(offline|reconnecting)$/);

    await editNoteInOutline(away, note, 'Edited offline');
    const offlineNote = await addNoteInOutline(away, 'swot.threats', 'Added offline');
    // Not confirmed by the server, so not "saved".
    await expect(saveStatus).toHaveAttribute('data-saved', 'false');
    await expect(saveStatus).not.toContainText(en['save.saved']);

    // Meanwhile the other side keeps working.
    const hereNote = await addNoteInOutline(here, 'swot.opportunities', 'Added while Otto was away');

    proxy.restore();
    await offlineContext.setOffline(false);
    await expectLive(away);

    await expectOutlineNote(here, note, 'swot.strengths', 'Edited offline');
    await expectOutlineNote(here, offlineNote, 'swot.threats', 'Added offline');
    await expectOutlineNote(away, hereNote, 'swot.opportunities', 'Added while Otto was away');
    await expectNote(here, { id: offlineNote, author: 'Otto' });
    await expect(saveStatus).toHaveAttribute('data-saved', 'true');
    await expect(saveStatus).toContainText(en['save.saved']);
  } finally {
    await offlineContext.close();
    await onlineContext.close();
    await proxy.stop();
  }
});
