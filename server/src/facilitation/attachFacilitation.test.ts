import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let t: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

function open(session: unknown): Socket {
  const s = connect(t.url, { path: '/socket.io', auth: { session }, transports: ['websocket'], reconnection: false });
  sockets.push(s);
  return s;
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
    expect(info).toEqual({ role: 'viewer', name: 'Vic', boardId: board.id });
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
