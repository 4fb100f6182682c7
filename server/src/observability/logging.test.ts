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
      const secrets = [s.session, viewer.session, ...Object.values(board.links).map((l) => l.split('#')[1])];
      const all = lines.join('');
      expect(all.length).toBeGreaterThan(0);
      expect(all).toContain('closing connection');
      for (const secret of secrets) expect(all).not.toContain(secret);
      expect(all).not.toContain('session=');
    }, { logDestination });
  });
});
