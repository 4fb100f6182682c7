import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { io as connectSocketIo } from 'socket.io-client';
import { tokenOf, waitFor, withServer } from '../testing/testServer.ts';
import { closedWith, connectClient } from '../testing/testClient.ts';
import { createNote } from '../../../shared/src/board/notes.ts';

describe('logs', () => {
  it('never contain a join token or a session, even at trace level', async () => {
    const lines: string[] = [];
    const logDestination = { write: (line: string) => void lines.push(line) };
    await withServer({ logLevel: 'trace' }, async (t) => {
      const board = await t.createBoard();
      const s = await t.join(board, 'participant');
      const viewer = await t.join(board, 'viewer');
      await fetch(`${t.url}/api/sessions/renew`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session: s.session }),
      });
      await fetch(`${t.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${s.session}` } });
      await fetch(`${t.url}/api/boards/${board.id}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: `${tokenOf(board, 'viewer')}x`, name: 'Eve' }),
      });
      const a = connectClient(t.wsUrl, board.id, s.session);
      const v = connectClient(t.wsUrl, board.id, viewer.session);
      await Promise.all([a.synced(), v.synced()]);
      createNote(a.doc, { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow', author: 'A', text: 'hi' });
      createNote(v.doc, { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow', author: 'V', text: 'dropped' });
      await waitFor(() => a.stored.length > 1, 'stored');
      const bad = connectClient(t.wsUrl, board.id, `${s.session}x`);
      await closedWith(bad);
      const sock = connectSocketIo(t.url, { auth: { session: `${s.session}x` }, transports: ['websocket'], reconnection: false });
      await new Promise((r) => sock.on('connect_error', r));
      sock.close();
      for (const c of [a, v, bad]) c.destroy();
      // People and links (issue 10): showing, rotating and protecting links log none of their secrets.
      const fac = await t.join(board, 'facilitator');
      const asFacilitator = (method: string, path: string, body?: unknown) =>
        fetch(`${t.url}/api/boards/${board.id}${path}`, {
          method,
          headers: { authorization: `Bearer ${fac.session}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        }).then((r) => r.json() as Promise<any>);
      await asFacilitator('GET', '/links');
      const rotated = await asFacilitator('POST', '/links/viewer/rotate');
      await asFacilitator('PATCH', '/links/participant', { password: 'sunflower-77' });
      await fetch(`${t.url}/api/boards/${board.id}/links/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: tokenOf(board, 'participant'), password: 'sunflower-78' }),
      });
      const linkKey = fs.readFileSync(path.join(t.dataDir, 'link.key'), 'utf8').trim();
      const secrets = [
        s.session, viewer.session, fac.session, rotated.link.url.split('#')[1], 'sunflower-77', 'sunflower-78', linkKey,
        ...Object.values(board.links).map((l) => l.split('#')[1]),
      ];
      const all = lines.join('');
      expect(all.length).toBeGreaterThan(0);
      expect(all).toContain('closing connection');
      for (const secret of secrets) expect(all).not.toContain(secret);
      expect(all).not.toContain('session=');
    }, { logDestination });
  });
});
