// Nothing is lost when the server crashes: after a kill -9 and a restart, every note a client had
// received is still there, the browsers reconnect by themselves, and an edit made while the server
// was down arrives; after a clean stop (SIGTERM) they reconnect as well. This test runs its own
// server process (support/ServerProcess.ts).
import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerProcess } from './support/ServerProcess.ts';
import { freePort } from '../server/src/testing/freePort.ts';
import { addNoteInOutline, editNoteInOutline, expectLive, expectOutlineNote, joinBoard, readNotes, showOutline } from './support/board.ts';
import type { CreateBoardResponse } from '../shared/src/protocol.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

test('a killed and restarted server loses nothing, and browsers reconnect by themselves', async ({ browser, request }) => {
  const dataDir = path.join(process.env.E2E_DATA_DIR ?? path.join(repoRoot, '.tmp', 'e2e-data'), `restart-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const server = new ServerProcess(await freePort(), dataDir);
  await server.start();
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [facilitatorContext, participantContext, laterContext] = contexts;
  try {
    const res = await request.post(`${server.url}/api/boards`, { data: { title: 'Crash SWOT', template: 'swot', language: 'en' } });
    expect(res.status()).toBe(201);
    const board = (await res.json()) as CreateBoardResponse;

    const fac = await facilitatorContext.newPage();
    const par = await participantContext.newPage();
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(par, board.links.participant, 'Pieter');
    await showOutline(fac);
    await showOutline(par);
    const a = await addNoteInOutline(fac, 'swot.strengths', 'Stored before the crash');
    const b = await addNoteInOutline(par, 'swot.threats', 'Also stored');
    // Once the other side has received a note, the server has stored it (it stores before relaying).
    await expectOutlineNote(par, a, 'swot.strengths', 'Stored before the crash');
    await expectOutlineNote(fac, b, 'swot.threats', 'Also stored');

    await server.stop('SIGKILL');
    await expect(fac.getByTestId('connection-status')).not.toHaveAttribute('data-state', 'live');
    await editNoteInOutline(fac, a, 'Edited while the server was down');
    await expect(fac.getByTestId('save-status')).toHaveAttribute('data-saved', 'false');

    await server.start();
    await expectLive(fac);
    await expectLive(par);
    await expectOutlineNote(par, a, 'swot.strengths', 'Edited while the server was down');
    await expect(fac.getByTestId('save-status')).toHaveAttribute('data-saved', 'true');

    // A browser that was never there loads everything from the restarted server's storage.
    const later = await laterContext.newPage();
    await joinBoard(later, board.links.viewer, 'Lars');
    await showOutline(later);
    await expect.poll(async () => (await readNotes(later)).map((n) => `${n.frame}:${n.text}`).sort()).toEqual([
      'swot.strengths:Edited while the server was down',
      'swot.threats:Also stored',
    ]);

    // A clean stop (SIGTERM, as on a deploy) exits 0; the browsers come back on their own again.
    expect(await server.stop('SIGTERM')).toBe(0);
    await expect(par.getByTestId('connection-status')).not.toHaveAttribute('data-state', 'live');
    await server.start();
    await expectLive(fac);
    await expectLive(par);
    await editNoteInOutline(par, b, 'Edited after the deploy');
    await expectOutlineNote(fac, b, 'swot.threats', 'Edited after the deploy');
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
    await server.stop('SIGTERM');
  }
});
