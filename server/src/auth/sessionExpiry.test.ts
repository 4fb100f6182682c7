import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { CloseCode, type ApiError, type SessionResponse } from '../../../shared/src/protocol.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { closedWith, connectClient, type TestClient } from '../testing/testClient.ts';

// Short sessions so expiry happens within the test; long enough to connect and renew first.
const TTL_SECONDS = 4;

let t: TestServer;
const clients: TestClient[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestServer({ sessionTtlSeconds: TTL_SECONDS });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of sockets) s.close();
  await t.close();
});

async function freshSession(): Promise<{ boardId: string; session: SessionResponse }> {
  const board = await t.createBoard();
  return { boardId: board.id, session: await t.join(board, 'participant') };
}

async function renew(session: string): Promise<SessionResponse> {
  const res = await fetch(`${t.url}/api/sessions/renew`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as SessionResponse;
}

describe.concurrent('session expiry on open connections', () => {
  it('closes a board socket with 4401 once its session expires without renewal', async () => {
    const { boardId, session } = await freshSession();
    const c = connectClient(t.wsUrl, boardId, session.session);
    clients.push(c);
    await c.synced();
    expect(await closedWith(c)).toBe(CloseCode.Unauthorized);
    expect(Date.now()).toBeGreaterThanOrEqual(session.expiresAt);
  });

  it('keeps a board socket open past the original expiry when the session was renewed, then closes it at the new one', async () => {
    const { boardId, session } = await freshSession();
    const c = connectClient(t.wsUrl, boardId, session.session);
    clients.push(c);
    await c.synced();
    // Renew halfway, so the renewed expiry lies well after the original one.
    await waitFor(() => Date.now() > session.expiresAt - (TTL_SECONDS * 1000) / 2, 'half the session lifetime passed');
    const renewed = await renew(session.session);
    expect(renewed.expiresAt).toBeGreaterThan(session.expiresAt);
    // Between the two expiries: the server's timer has fired at the original one, re-read the
    // session and left the socket open.
    await waitFor(() => Date.now() > (session.expiresAt + renewed.expiresAt) / 2, 'original expiry has passed');
    expect(c.closeCodes).toEqual([]);
    expect(c.provider.wsconnected).toBe(true);
    expect(c.connects).toBe(1);
    // The timer was re-armed at the renewed expiry, not dropped.
    expect(await closedWith(c)).toBe(CloseCode.Unauthorized);
    expect(Date.now()).toBeGreaterThanOrEqual(renewed.expiresAt);
  });

  it('ends a socket.io connection with the error unauthorized once its session expires', async () => {
    const { session } = await freshSession();
    const s = connect(t.url, { path: '/socket.io', auth: { session: session.session }, transports: ['websocket'], reconnection: false });
    sockets.push(s);
    const errors: ApiError[] = [];
    s.on('error', (e) => errors.push(e as ApiError));
    await new Promise((resolve) => s.on('session:info', resolve));
    const reason = await new Promise<string>((resolve) => s.on('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
    expect(errors.map((e) => e.error)).toEqual(['unauthorized']);
  });
});
