// Issue 9: POST /api/boards/:id/canvases/:canvasId/accounts against a real server, with real
// y-websocket clients watching the board. The accounts land in the live board (a connected client
// sees them without reloading), are stored (a restart keeps them), and only a facilitator may send them.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateBoardResponse, Role } from '../../../shared/src/protocol.ts';
import { addCanvas } from '../../../shared/src/board/canvases.ts';
import { readAccounts, setAccount, setAccountLevel } from '../../../shared/src/canvases/pyramid/accounts.ts';
import { analyzePyramid } from '../../../shared/src/canvases/pyramid/pyramidAnalysis.ts';
import { pyramidSettings } from '../../../shared/src/canvases/pyramid/pyramidSettings.ts';
import { updateCanvasSettings } from '../../../shared/src/board/canvases.ts';
import { readCanvases } from '../../../shared/src/board/canvases.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { clientPool, joinAndSync } from '../testing/testClient.ts';

let t: TestServer;
const clients = clientPool(() => t.wsUrl);

beforeAll(async () => {
  t = await startTestServer({ wsMessagesPerSecond: 1000 });
});

afterAll(async () => {
  clients.destroyAll();
  await t.close();
});

/** A board with a pyramid canvas (added by the facilitator's client), a facilitator, a participant and a viewer connected. */
async function pyramidBoard() {
  const board = await t.createBoard('Acme', 'swot');
  const member = (role: Role, name: string) => joinAndSync(t, clients, board, role, name);
  const fac = await member('facilitator', 'Fiona');
  const ann = await member('participant', 'Ann');
  const vic = await member('viewer', 'Vic');
  const canvasId = addCanvas(fac.c.doc, { kind: 'pyramid', title: 'Pyramid' });
  await waitFor(() => readCanvases(ann.c.doc).some((c) => c.id === canvasId), 'the pyramid at Ann');
  return { board, fac, ann, vic, canvasId };
}

function post(board: CreateBoardResponse | string, canvasId: string, body: string, headers: Record<string, string>): Promise<Response> {
  const id = typeof board === 'string' ? board : board.id;
  return fetch(`${t.url}/api/boards/${id}/canvases/${canvasId}/accounts`, { method: 'POST', headers, body });
}

/** Bytes the server's SQLite file holds for a board (snapshot and updates), read as another process would. */
function storedBytes(boardId: string): number {
  const db = new Database(path.join(t.dataDir, 'boards.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const snap = db.prepare('SELECT COALESCE(SUM(LENGTH(snapshot)), 0) AS n FROM board_snapshots WHERE board_id = ?').get(boardId) as { n: number };
    const upd = db.prepare('SELECT COALESCE(SUM(LENGTH(update_data)), 0) AS n FROM board_updates WHERE board_id = ?').get(boardId) as { n: number };
    return snap.n + upd.n;
  } finally {
    db.close();
  }
}

const csvHeaders = (session: string) => ({ 'content-type': 'text/csv', authorization: `Bearer ${session}` });

const FIXTURE = [
  'naam;omzet_huidig;omzet_vorig;status;potentie',
  'Jansen BV;1.250,50;1000;klant;groot',
  '"De Vries',
  '& Zn";800;900;klant;',
  'Kapot;veel;0;klant;',
  'Nieuw BV;0;0;prospect;',
].join('\r\n');

describe('POST /api/boards/:id/canvases/:canvasId/accounts', () => {
  it('imports a facilitator’s CSV into the live board: connected clients see it, bad lines come back with their line', async () => {
    const { board, fac, ann, canvasId } = await pyramidBoard();
    const res = await post(board, canvasId, FIXTURE, csvHeaders(fac.session.session));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      imported: 3,
      rejected: [
        {
          line: 5,
          reason: 'omzet_huidig "veel" is not an amount: write a number such as 1250.50, without text.',
          problem: { code: 'revenue_not_a_number', column: 'omzet_huidig', value: 'veel' },
        },
      ],
    });
    await waitFor(() => readAccounts(ann.c.doc, canvasId).length === 3, 'the accounts at Ann');
    const names = readAccounts(ann.c.doc, canvasId).map((a) => [a.name, a.current, a.status]).sort();
    expect(names).toEqual([
      ['De Vries & Zn', 800, 'customer'],
      ['Jansen BV', 1250.5, 'customer'],
      ['Nieuw BV', 0, 'prospect'],
    ]);
  });

  it('replaces the accounts on a re-import, keeping the levels moved by hand for the same names, and stores them', async () => {
    const { board, fac, canvasId } = await pyramidBoard();
    expect((await post(board, canvasId, FIXTURE, csvHeaders(fac.session.session))).status).toBe(200);
    await waitFor(() => readAccounts(fac.c.doc, canvasId).length === 3, 'the first import at the facilitator');
    const jansen = readAccounts(fac.c.doc, canvasId).find((a) => a.name === 'Jansen BV')!;
    setAccountLevel(fac.c.doc, canvasId, jansen, 'top');
    const marker = setAccount(fac.c.doc, canvasId, { name: 'Typed by hand', current: 5, previous: 0, status: 'customer' });
    await waitFor(() => fac.c.stored.length > 0 && readAccounts(fac.c.doc, canvasId).length === 4, 'the hand edits');

    const second = 'name,revenue_current,revenue_previous,status\nJANSEN BV,10,0,customer\nOther,20,0,customer\n';
    const res = await post(board, canvasId, second, csvHeaders(fac.session.session));
    expect(await res.json()).toEqual({ imported: 2, rejected: [] });
    await waitFor(() => readAccounts(fac.c.doc, canvasId).length === 2, 'the second import at the facilitator');
    const after = readAccounts(fac.c.doc, canvasId);
    expect(after.find((a) => a.name === 'JANSEN BV')?.level).toBe('top');
    expect(after.some((a) => a.id === marker)).toBe(false);

    // Stored: a server started again on the same data has exactly these accounts.
    await t.restart();
    const { session } = await t.join(board, 'viewer', 'Later');
    const later = clients.connect(board.id, session);
    await later.synced();
    expect(readAccounts(later.doc, canvasId).map((a) => a.name).sort()).toEqual(['JANSEN BV', 'Other']);
  });

  it('imports 10,000 accounts in one update the board accepts, and everyone gets the Curry counts', async () => {
    const { board, fac, ann, canvasId } = await pyramidBoard();
    const lines = ['name,revenue_current,revenue_previous,status', ...Array.from({ length: 10_000 }, (_, i) => `Account ${i},${10_000 - i},${i},customer`)];
    const res = await post(board, canvasId, lines.join('\n'), csvHeaders(fac.session.session));
    expect(await res.json()).toEqual({ imported: 10_000, rejected: [] });
    await waitFor(() => readAccounts(ann.c.doc, canvasId).length === 10_000, '10,000 accounts at Ann');
    const analysis = analyzePyramid(readAccounts(ann.c.doc, canvasId), pyramidSettings.parse({}));
    expect([analysis.levels.top.count, analysis.levels.large.count, analysis.levels.medium.count, analysis.levels.small.count]).toEqual([100, 400, 1500, 8000]);
    // Re-imports delete the 10,000 before in the same update, and the board is compacted after
    // each: storage does not grow by 1 MiB per import (the board's byte cap would fill).
    for (let i = 0; i < 3; i++) expect((await post(board, canvasId, lines.join('\n'), csvHeaders(fac.session.session))).status).toBe(200);
    await waitFor(() => readAccounts(ann.c.doc, canvasId).length === 10_000, 'the last import at Ann');
    // Four imports of about 1 MiB each; after compaction the board holds about one.
    await waitFor(() => storedBytes(board.id) < 2.5 * 1024 * 1024, 'the board compacted after the imports');
    expect(ann.c.closeCodes).toEqual([]);
  });

  it('answers 401 without or with a bad session, 403 for participants and viewers', async () => {
    const { board, ann, vic, canvasId } = await pyramidBoard();
    expect((await post(board, canvasId, FIXTURE, { 'content-type': 'text/csv' })).status).toBe(401);
    expect((await post(board, canvasId, FIXTURE, csvHeaders('not-a-session'))).status).toBe(401);
    for (const m of [ann, vic]) {
      const res = await post(board, canvasId, FIXTURE, csvHeaders(m.session.session));
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'forbidden', message: 'Only the facilitator can import accounts.' });
    }
    expect(readAccounts(ann.c.doc, canvasId)).toEqual([]);
  });

  it('answers 404 for an unknown board, an unknown canvas and a canvas that is not a pyramid', async () => {
    const { board, fac, canvasId } = await pyramidBoard();
    const s = csvHeaders(fac.session.session);
    expect((await post('nosuchboard0000000000', canvasId, FIXTURE, s)).status).toBe(404);
    expect((await post(board, 'nosuchcanvas', FIXTURE, s)).status).toBe(404);
    const swot = await post(board, 'swot', FIXTURE, s);
    expect(swot.status).toBe(404);
    expect(await swot.json()).toMatchObject({ error: 'not_found' });
  });

  it('answers 415 for another content type, 413 for a body past the limit, 400 with the reason for an unusable file', async () => {
    const { board, fac, canvasId } = await pyramidBoard();
    const auth = { authorization: `Bearer ${fac.session.session}` };
    const json = await post(board, canvasId, '{"name":"x"}', { ...auth, 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: 'unsupported_media_type' });
    expect((await post(board, canvasId, FIXTURE, { ...auth, 'content-type': 'text/plain' })).status).toBe(415);
    const big = 'name,revenue_current,revenue_previous,status\n' + 'x'.repeat(5 * 1024 * 1024);
    const tooBig = await post(board, canvasId, big, csvHeaders(fac.session.session));
    expect(tooBig.status).toBe(413);
    const noColumns = await post(board, canvasId, 'name;omzet\nA;1\n', csvHeaders(fac.session.session));
    expect(noColumns.status).toBe(400);
    expect(await noColumns.json()).toMatchObject({ error: 'bad_request', problem: { code: 'missing_columns', columns: ['revenue_current', 'revenue_previous', 'status'] } });
    const latin1 = await fetch(`${t.url}/api/boards/${board.id}/canvases/${canvasId}/accounts`, {
      method: 'POST',
      headers: csvHeaders(fac.session.session),
      body: Buffer.from('name,revenue_current,revenue_previous,status\nCaf\xe9,1,0,customer\n', 'latin1'),
    });
    expect(latin1.status).toBe(400);
    expect(await latin1.json()).toMatchObject({ problem: { code: 'not_utf8' } });
    // An all-bad file changes nothing.
    const allBad = await post(board, canvasId, 'name,revenue_current,revenue_previous,status\n,1,0,customer\n', csvHeaders(fac.session.session));
    expect(await allBad.json()).toMatchObject({ imported: 0, rejected: [{ line: 2 }] });
  });
});

describe('write rules of accounts and strategies', () => {
  it('lets the facilitator edit accounts by hand, refuses a participant’s account write, lets the team set strategies', async () => {
    const { board, fac, ann, vic, canvasId } = await pyramidBoard();
    setAccount(fac.c.doc, canvasId, { name: 'By hand', current: 10, previous: 0, status: 'customer' });
    await waitFor(() => readAccounts(ann.c.doc, canvasId).length === 1, 'the facilitator’s account at Ann');
    expect(fac.c.refused).toEqual([]);

    updateCanvasSettings(ann.c.doc, canvasId, { strategies: { small: 'reduce' } });
    const strategies = () => readCanvases(fac.c.doc).find((c) => c.id === canvasId)?.settings.strategies;
    await waitFor(() => strategies() !== undefined, 'Ann’s strategy at the facilitator');
    expect(strategies()).toEqual({ small: 'reduce' });
    expect(ann.c.refused).toEqual([]);

    // After a refusal the app reloads the board (its later updates would follow a gap); so one refusal per client here.
    setAccount(ann.c.doc, canvasId, { name: 'Sneaky', current: 1, previous: 0, status: 'customer' });
    await waitFor(() => ann.c.refused.length > 0, 'Refused message');
    expect(ann.c.refused).toEqual([{ error: 'forbidden_write', target: 'account' }]);

    const bob = clients.connect(board.id, (await t.join(board, 'participant', 'Bob')).session);
    await bob.synced();
    updateCanvasSettings(bob.doc, canvasId, { shares: { top: 50, large: 0, medium: 0 } });
    await waitFor(() => bob.refused.length > 0, 'Refused message to Bob');
    expect(bob.refused).toEqual([{ error: 'forbidden_write', target: 'canvas-settings' }]);
    // Only the facilitator's account is on the board; a viewer's copy has it too.
    await waitFor(() => readAccounts(vic.c.doc, canvasId).length === 1, 'the account at Vic');
    expect(readAccounts(fac.c.doc, canvasId).map((a) => a.name)).toEqual(['By hand']);
  });
});
