import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { CloseCode } from '../../../shared/src/protocol.ts';
import { startTestServer, waitFor, withServer, type TestServer } from '../testing/testServer.ts';
import { closedWith, connectClient, type TestClient } from '../testing/testClient.ts';

let t: TestServer;
const sockets: Socket[] = [];
const bare: WebSocket[] = [];
const yjsClients: TestClient[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const ws of bare) ws.terminate();
  for (const c of yjsClients) c.destroy();
  await t.close();
});

function open(session: unknown, url = t.url): Socket {
  const s = connect(url, { path: '/socket.io', auth: { session }, transports: ['websocket'], reconnection: false });
  sockets.push(s);
  return s;
}

/** An engine.io connection that never sends socket.io's CONNECT (never authenticates); `opened` resolves on engine.io's open packet. */
function bareEngineSocket(url: string) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  bare.push(ws);
  ws.on('error', () => {});
  return {
    ws,
    opened: new Promise<void>((resolve) => ws.on('message', (m) => String(m).startsWith('0') && resolve())),
    closed: new Promise<void>((resolve) => ws.on('close', () => resolve())),
  };
}

describe('socket.io facilitation endpoint', () => {
  it('rejects a missing or wrong session with the error code unauthorized', async () => {
    for (const session of [undefined, 'wrong', 42]) {
      const s = open(session);
      const err = await new Promise<Error>((resolve) => s.on('connect_error', resolve));
      expect(err.message).toBe('unauthorized');
    }
  });

  it('accepts a valid session and says who the client is', async () => {
    const board = await t.createBoard();
    const session = await t.join(board, 'viewer', 'Vic');
    const s = open(session.session);
    const info = await new Promise((resolve) => s.on('session:info', resolve));
    expect(info).toEqual({ role: 'viewer', name: 'Vic', boardId: board.id, participantId: session.participantId });
    const t0 = await new Promise<number>((resolve) => s.emit('ping', resolve));
    expect(typeof t0).toBe('number');
  });

  it('works over long polling too (same port, same rules)', async () => {
    const board = await t.createBoard();
    const session = await t.join(board, 'participant', 'Pat');
    const s = connect(t.url, { path: '/socket.io', auth: { session: session.session }, transports: ['polling'], reconnection: false });
    sockets.push(s);
    const info = await new Promise((resolve) => s.on('session:info', resolve));
    expect(info).toMatchObject({ role: 'participant' });
  });
});

describe('socket.io connection limits', () => {
  it('counts engine.io connections before authentication in the per-address cap it shares with /yjs', () =>
    withServer({ wsConnectionsPerIp: 3 }, async (s) => {
      const board = await s.createBoard();
      const { session } = await s.join(board, 'participant');
      const idle = [bareEngineSocket(s.url), bareEngineSocket(s.url), bareEngineSocket(s.url)];
      await Promise.all(idle.map((i) => i.opened));

      const refused = open(session, s.url);
      const err = await new Promise<Error>((resolve) => refused.on('connect_error', resolve));
      expect(err.message).toBe('address_connections');
      const yjs = connectClient(s.wsUrl, board.id, session);
      yjsClients.push(yjs);
      expect(await closedWith(yjs)).toBe(CloseCode.AddressBusy);

      // Once one leaves, the board socket (which retries by itself) gets in.
      idle[0].ws.close();
      await yjs.synced();
    }));

  it('closes a connection that never authenticates within seconds, not the 45 s of socket.io\'s default', async () => {
    const idle = bareEngineSocket(t.url);
    await idle.opened;
    let closed = false;
    void idle.closed.then(() => (closed = true));
    await waitFor(() => closed, 'the server closes the unauthenticated connection');
  });

  it('answers an event flood with the error rate_limited and a disconnect', async () => {
    const board = await t.createBoard();
    const session = await t.join(board, 'participant', 'Flo');
    const s = open(session.session);
    await new Promise((resolve) => s.on('session:info', resolve));
    const error = new Promise<unknown>((resolve) => s.on('error', resolve));
    const disconnected = new Promise<string>((resolve) => s.on('disconnect', resolve));
    let acks = 0;
    for (let i = 0; i < 1000; i++) s.emit('ping', () => acks++);
    expect(await error).toMatchObject({ error: 'rate_limited' });
    expect(await disconnected).toBe('io server disconnect');
    expect(acks).toBeLessThan(1000);
  });
});
