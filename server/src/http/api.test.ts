import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_ID_PATTERN, type SessionResponse } from '../../../shared/src/protocol.ts';
import { PARTICIPANT_ID_PATTERN } from '../../../shared/src/board/schema.ts';
import { startTestServer, tokenOf, withServer, type TestServer } from '../testing/testServer.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ rateLimitBoardsPerMinute: 1000, rateLimitSessionsPerMinute: 1000 });
});
afterAll(() => t.close());

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${t.url}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('REST API', () => {
  it('creates a board with three join links that carry their token in the fragment', async () => {
    const res = await post('/api/boards', { title: '  Acme strategy  ', template: 'swot' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.id).toMatch(BOARD_ID_PATTERN);
    expect(body.title).toBe('Acme strategy');
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const link: string = body.links[role];
      expect(link.startsWith(`${t.url}/b/${body.id}#`)).toBe(true);
      // 32 bytes of base64url: 43 characters, 256 bits.
      expect(link.split('#')[1]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(new Set(Object.values(body.links)).size).toBe(3);
  });

  it('answers 400 with a JSON error for a malformed body', async () => {
    for (const body of ['{bad json', { title: '' }, { title: 'x', template: 'nope' }, []]) {
      const res = await post('/api/boards', body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_request' });
    }
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await post('/api/boards', { title: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
  });

  it('opens a session for each role, 401 for a wrong token, 404 for an unknown board', async () => {
    const board = await t.createBoard('Roles');
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const res = await post(`/api/boards/${board.id}/sessions`, { token: tokenOf(board, role), name: 'Ann' });
      expect(res.status).toBe(200);
      const s = (await res.json()) as SessionResponse;
      expect(s.role).toBe(role);
      expect(s.name).toBe('Ann');
      expect(s.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.expiresAt).toBeGreaterThan(Date.now());
      expect(s.board).toEqual({ id: board.id, title: 'Roles', template: 'swot', language: 'en' });
    }
    const wrong = await post(`/api/boards/${board.id}/sessions`, { token: 'x'.repeat(43), name: 'Eve' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'unauthorized' });
    const otherBoard = await t.createBoard('Other');
    const crossed = await post(`/api/boards/${board.id}/sessions`, { token: tokenOf(otherBoard, 'facilitator'), name: 'Eve' });
    expect(crossed.status).toBe(401);
    const unknown = await post('/api/boards/AAAAAAAAAAAAAAAA/sessions', { token: tokenOf(board, 'viewer'), name: 'Eve' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'not_found' });
    const malformedId = await post('/api/boards/nope/sessions', { token: tokenOf(board, 'viewer'), name: 'Eve' });
    expect(malformedId.status).toBe(404);
    const noName = await post(`/api/boards/${board.id}/sessions`, { token: tokenOf(board, 'viewer'), name: '' });
    expect(noName.status).toBe(400);
  });

  it('checks a join link without opening a session: board and role for a good token, 401 for a wrong one, 404 for no board', async () => {
    const board = await t.createBoard('Checked');
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const res = await post(`/api/boards/${board.id}/links/check`, { token: tokenOf(board, role) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ role, board: { id: board.id, title: 'Checked', template: 'swot', language: 'en' } });
    }
    const wrong = await post(`/api/boards/${board.id}/links/check`, { token: 'x'.repeat(43) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'unauthorized' });
    const unknown = await post('/api/boards/AAAAAAAAAAAAAAAA/links/check', { token: tokenOf(board, 'viewer') });
    expect(unknown.status).toBe(404);
    expect((await post(`/api/boards/${board.id}/links/check`, {})).status).toBe(400);
    // Nothing was opened: the board has no sessions from these checks.
    const db = new Database(path.join(t.dataDir, 'boards.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM sessions WHERE board_id = ?').get(board.id)).toEqual({ n: 0 });
    db.close();
  });

  it('renews a session with the same session string, participant id and a later expiry', async () => {
    const board = await t.createBoard();
    const s = await t.join(board, 'participant', 'Ann');
    expect(s.participantId).toMatch(PARTICIPANT_ID_PATTERN);
    await new Promise((r) => setTimeout(r, 5));
    const res = await post('/api/sessions/renew', { session: s.session });
    expect(res.status).toBe(200);
    const renewed = (await res.json()) as SessionResponse;
    expect(renewed.session).toBe(s.session);
    expect(renewed.participantId).toBe(s.participantId);
    expect(renewed.expiresAt).toBeGreaterThan(s.expiresAt);
    // A second join with the same link is another session: another participant.
    expect((await t.join(board, 'participant', 'Ann')).participantId).not.toBe(s.participantId);
    const bad = await post('/api/sessions/renew', { session: 'nope' });
    expect(bad.status).toBe(401);
  });

  it('tells a session holder about its board, and nobody else', async () => {
    const board = await t.createBoard('Info');
    const s = await t.join(board, 'viewer', 'Vic');
    const ok = await fetch(`${t.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${s.session}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: board.id, title: 'Info', role: 'viewer', name: 'Vic', participantId: s.participantId });
    const none = await fetch(`${t.url}/api/boards/${board.id}`);
    expect(none.status).toBe(401);
  });

  it('expires sessions after SESSION_TTL_SECONDS', () =>
    withServer({ sessionTtlSeconds: 1 }, async (short) => {
      const board = await short.createBoard();
      const s = await short.join(board, 'participant');
      await new Promise((r) => setTimeout(r, 1100));
      const res = await fetch(`${short.url}/api/sessions/renew`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session: s.session }),
      });
      expect(res.status).toBe(401);
    }));

  it('rate-limits board creation and session requests per IP with 429', () =>
    withServer({ rateLimitBoardsPerMinute: 2, rateLimitSessionsPerMinute: 3 }, async (limited) => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${limited.url}/api/boards`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'x' }),
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(await res.json()).toMatchObject({ error: 'rate_limited' });
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      expect(statuses).toEqual([201, 201, 429]);
      const guesses: number[] = [];
      for (let i = 0; i < 4; i++) {
        // Checking a link spends the same budget as joining: it is no cheaper way to guess tokens.
        const res = await fetch(`${limited.url}/api/boards/AAAAAAAAAAAAAAAA/${i % 2 ? 'links/check' : 'sessions'}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: `guess${i}`, name: 'Eve' }),
        });
        guesses.push(res.status);
      }
      expect(guesses).toEqual([404, 404, 404, 429]);
    }));

  it('with TRUST_PROXY=1 rate-limits by the right-most X-Forwarded-For entry: a forged left-most entry does not reset the budget, another client has its own', () =>
    withServer({ rateLimitSessionsPerMinute: 2, trustProxy: 1 }, async (behindProxy) => {
      const guess = async (forwardedFor: string) => {
        const res = await fetch(`${behindProxy.url}/api/boards/AAAAAAAAAAAAAAAA/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ token: 'guess', name: 'Eve' }),
        });
        return res.status;
      };
      const forged: number[] = [];
      // Each request writes a new left-most entry; the proxy appends the address it saw.
      for (let i = 1; i <= 3; i++) forged.push(await guess(`203.0.113.${i}, 198.51.100.7`));
      expect(forged).toEqual([404, 404, 429]);
      expect(await guess('203.0.113.50, 198.51.100.8')).toBe(404);
    }));

  it('stores only hashes of tokens and sessions', async () => {
    const board = await t.createBoard();
    const s = await t.join(board, 'facilitator');
    const files = fs.readdirSync(t.dataDir).filter((f) => f.startsWith('boards.sqlite'));
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(t.dataDir, f))));
    expect(bytes.includes(Buffer.from(tokenOf(board, 'facilitator')))).toBe(false);
    expect(bytes.includes(Buffer.from(s.session))).toBe(false);
  });

  it('serves health and Prometheus metrics', async () => {
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    for (const name of ['board_ws_connections', 'board_loaded_boards', 'board_persisted_updates_total', 'board_persist_seconds_bucket', 'process_cpu_seconds_total']) {
      expect(metrics).toContain(name);
    }
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await fetch(`${t.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('serving the client', () => {
  it('asks to build the client when CLIENT_DIR has no index.html', async () => {
    const res = await fetch(`${t.url}/b/AAAAAAAAAAAAAAAA`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });

  it('serves files and falls back to index.html for app routes', async () => {
    const dir = path.join(t.dataDir, 'client');
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    await withServer({ clientDir: dir }, async (app) => {
      const page = await fetch(`${app.url}/b/AAAAAAAAAAAAAAAA`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>app</title>');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const root = await fetch(`${app.url}/`);
      expect(await root.text()).toContain('<title>app</title>');
      const asset = await fetch(`${app.url}/assets/app-1234.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      const api = await fetch(`${app.url}/api/missing`);
      expect(api.status).toBe(404);
      const missingMetrics = await fetch(`${app.url}/metrics/x`);
      expect(missingMetrics.status).toBe(404);
    });
  });

  // @fastify/static 10.1.11 is in the range of GHSA-7533-p376-8gg5 (a denied dot-directory is
  // listed when directory listing is on); scripts/knownAdvisories.json accepts it only because
  // nothing is ever listed. This fails if someone turns listing on.
  it('never lists the contents of a directory, dot-directories included', async () => {
    const dir = path.join(t.dataDir, 'client-listing');
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, '.git', 'config'), '[core]');
    await withServer({ clientDir: dir }, async (app) => {
      for (const listing of ['/assets/', '/.git/', '/assets', '/.git']) {
        const res = await fetch(`${app.url}${listing}`);
        const body = await res.text();
        expect(body, listing).not.toContain('app-1234.js');
        expect(body, listing).not.toContain('config');
      }
    });
  });
});
