// Issue 11, "Carry-over": the next workshop from a previous board, against a real server with real
// y-websocket clients (the facilitator and a participant write the previous board as they would).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { NextWorkshopResponse } from '../../../shared/src/protocol.ts';
import { createAction, reviewCarriedAction } from '../../../shared/src/canvases/actions/actionOperations.ts';
import { listActions } from '../../../shared/src/canvases/actions/actionRecord.ts';
import { setQuickscanScore } from '../../../shared/src/canvases/quickscan/quickscanOperations.ts';
import { quickscanKind } from '../../../shared/src/canvases/quickscan/quickscanKind.ts';
import { EARLIER_ROUND_ID } from '../../../shared/src/canvases/quickscan/quickscanSettings.ts';
import { readBoard } from '../../../shared/src/board/readBoard.ts';
import { readCanvases } from '../../../shared/src/board/canvases.ts';
import { readPreviousWorkshop } from '../../../shared/src/board/nextWorkshop.ts';
import { personalMap } from '../../../shared/src/board/schema.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { clientPool, type TestClient } from '../testing/testClient.ts';

let t: TestServer;
const pool = clientPool(() => t.wsUrl);

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  pool.destroyAll();
  await t.close();
});

async function post(path: string, session?: string, body: unknown = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session !== undefined) headers.authorization = `Bearer ${session}`;
  const res = await fetch(`${t.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const isStored = (c: TestClient) => c.stored.length > 0 && Y.snapshotContainsUpdate(c.stored.at(-1)!, Y.encodeStateAsUpdate(c.doc));

/** A workshop board where Ann wrote an open and a done action and scored the quickscan's first round. */
async function previousWorkshop() {
  const board = await t.createBoard('Acme spring', 'workshop');
  const fac = await t.join(board, 'facilitator', 'Fay');
  const ann = await t.join(board, 'participant', 'Ann');
  const vic = await t.join(board, 'viewer', 'Vic');
  const annBoard = pool.connect(board.id, ann.session);
  await annBoard.synced();
  createAction(annBoard.doc, { id: 'open1', canvas: 'actions', title: 'Call back lost customers', ownerId: ann.participantId, owner: 'Ann', due: '2026-03-31', author: 'Ann' });
  createAction(annBoard.doc, { id: 'done1', canvas: 'actions', title: 'Clean up the CRM', status: 'done', author: 'Ann' });
  setQuickscanScore(annBoard.doc, { canvasId: 'quickscan', participantId: ann.participantId, round: '1', activity: 'crm' }, 2);
  setQuickscanScore(annBoard.doc, { canvasId: 'quickscan', participantId: ann.participantId, round: '1', activity: 'leads' }, 3);
  await waitFor(() => isStored(annBoard), 'the actions and scores are stored');
  return { board, fac, ann, vic };
}

describe('POST /api/boards/<id>/next-workshop', () => {
  it('makes a board with the same canvases, the open action for review and the quickscan result to compare with', async () => {
    const { board, fac } = await previousWorkshop();
    const res = await post(`/api/boards/${board.id}/next-workshop`, fac.session, { title: 'Acme autumn' });
    expect(res.status).toBe(201);
    const created = res.body as NextWorkshopResponse;
    expect([created.title, created.carriedActions]).toEqual(['Acme autumn', 1]);
    expect(created.id).not.toBe(board.id);

    const newFac = await t.join(created, 'facilitator', 'Fay');
    const newAnn = await t.join(created, 'participant', 'Ann');
    const view = pool.connect(created.id, newFac.session);
    const annView = pool.connect(created.id, newAnn.session);
    await Promise.all([view.synced(), annView.synced()]);
    expect(readPreviousWorkshop(view.doc)).toMatchObject({ boardId: board.id, title: 'Acme spring' });
    expect(readCanvases(view.doc).map((c) => c.kind)).toEqual(['quickscan', 'swot', 'confrontation', '7s', 'pyramid', 'actions']);
    expect(personalMap(view.doc).size).toBe(0);

    const [carried, ...rest] = listActions(view.doc, 'actions');
    expect(rest).toEqual([]);
    expect([carried.title, carried.status, carried.review, carried.owner, carried.ownerId]).toEqual(['Call back lost customers', 'open', true, 'Ann', null]);
    expect(carried.carriedOver).toMatchObject({ boardId: board.id, actionId: 'open1', due: '2026-03-31' });

    const board2 = readBoard(view.doc);
    const scan = quickscanKind.analyze!(board2, board2.canvases.find((c) => c.id === 'quickscan')!);
    expect(scan.rounds.map((r) => r.id)).toEqual([EARLIER_ROUND_ID, '1']);
    expect([scan.rounds[0].activities.crm.mean, scan.rounds[0].participants]).toEqual([2, 1]);

    // A participant of the new board keeps the action in one click: the server takes the write.
    reviewCarriedAction(annView.doc, carried.id, 'keep');
    await waitFor(() => listActions(view.doc, 'actions')[0]?.review === false, 'the facilitator sees the action kept');
    expect(listActions(view.doc, 'actions')[0].carriedOver?.actionId).toBe('open1');
  });

  it('answers 401 without a session, 403 for participants and viewers, 404 for a board that does not exist', async () => {
    const { board, fac, ann, vic } = await previousWorkshop();
    const path = `/api/boards/${board.id}/next-workshop`;
    expect((await post(path)).status).toBe(401);
    expect((await post(path, 'not-a-session')).body.error).toBe('unauthorized');
    for (const other of [ann, vic]) {
      const res = await post(path, other.session);
      expect([other.role, res.status, res.body.error]).toEqual([other.role, 403, 'forbidden']);
    }
    const missing = await post('/api/boards/NoSuchBoard123/next-workshop', fac.session);
    expect([missing.status, missing.body.error]).toEqual([404, 'not_found']);
    // A facilitator of another board is nobody here.
    const other = await previousWorkshop();
    expect((await post(path, other.fac.session)).status).toBe(401);
    expect((await post(path, fac.session, { title: '' })).status).toBe(400);
  });
});
