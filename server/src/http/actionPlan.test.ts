// Issue 11: GET /api/boards/<id>/action-plan against the real server, with a live board written by
// real y-websocket clients: who may read it (every session of the board, viewers too; nobody
// without one), every format's type and file name, and a clear 400 for an unknown format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addCanvas } from '../../../shared/src/board/canvases.ts';
import { createAction } from '../../../shared/src/canvases/actions/actionOperations.ts';
import type { CreateBoardResponse, SessionResponse } from '../../../shared/src/protocol.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { clientPool } from '../testing/testClient.ts';

let t: TestServer;
const clients = clientPool(() => t.wsUrl);
let board: CreateBoardResponse;
let fac: SessionResponse;
let ann: SessionResponse;

const plan = (boardId: string, query: string, session?: string) =>
  fetch(`${t.url}/api/boards/${boardId}/action-plan${query}`, { headers: session === undefined ? {} : { authorization: `Bearer ${session}` } });

beforeAll(async () => {
  t = await startTestServer({ rateLimitBoardsPerMinute: 1000, rateLimitSessionsPerMinute: 1000 });
  board = await t.createBoard('Acme — plan', 'confrontation');
  fac = await t.join(board, 'facilitator', 'Fiona');
  ann = await t.join(board, 'participant', 'Ann');
  const f = clients.connect(board.id, fac.session);
  const a = clients.connect(board.id, ann.session);
  await Promise.all([f.synced(), a.synced()]);
  const canvas = addCanvas(f.doc, { kind: 'actions', title: 'Action plan' });
  await waitFor(() => a.doc.getMap('canvases').has(canvas), 'the actions canvas at Ann');
  createAction(a.doc, { canvas, title: 'Call the top 10 customers', owner: 'Ann', due: '2026-03-31', author: 'Ann' });
  await waitFor(async () => (await (await plan(board.id, '?format=md', fac.session)).text()).includes('Call the top 10 customers'), 'the action on the server');
});
afterAll(async () => {
  clients.destroyAll();
  await t.close();
});

describe('GET /api/boards/:id/action-plan', () => {
  it('refuses a request without a session, with a wrong one and with another board’s: 401 with a message', async () => {
    const other = await t.createBoard('Other');
    const otherSession = (await t.join(other, 'facilitator')).session;
    for (const session of [undefined, '', 'not-a-session', otherSession]) {
      const res = await plan(board.id, '?format=md', session);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthorized', message: expect.any(String) });
    }
  });

  it('gives a participant the Markdown with the action, as a download', async () => {
    const res = await plan(board.id, '?format=md', ann.session);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="acme-plan-action-plan.md"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const md = await res.text();
    expect(md).toContain('# Action plan: Acme — plan');
    expect(md).toContain('### 1\\. Call the top 10 customers');
    expect(md).toContain('- Due date: 31 March 2026');
  });

  it('lets a viewer read the plan too (it holds nothing the board does not show them)', async () => {
    const vic = await t.join(board, 'viewer', 'Vic');
    const res = await plan(board.id, '?format=json', vic.session);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.actions.map((a: { title: string }) => a.title)).toEqual(['Call the top 10 customers']);
    expect(body.participants.map((p: { name: string }) => p.name)).toEqual(['Fiona', 'Ann']);
  });

  it('serves every format with its type; the PDF’s text holds the action', async () => {
    const types = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', ics: 'text/calendar; charset=utf-8', pdf: 'application/pdf' };
    for (const [format, type] of Object.entries(types)) {
      const res = await plan(board.id, `?format=${format}`, fac.session);
      expect([format, res.status, res.headers.get('content-type')]).toEqual([format, 200, type]);
      if (format === 'pdf') {
        const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), { mergePages: true });
        expect(text).toContain('Call the top 10 customers');
      }
    }
    const semicolon = await (await plan(board.id, '?format=csv&sep=semicolon', fac.session)).text();
    expect(semicolon.split('\r\n')[0].split(';').length).toBeGreaterThan(10);
  });

  it('answers an unknown format with 400 and says which exist', async () => {
    const res = await plan(board.id, '?format=docx', fac.session);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/format/);
  });
});
