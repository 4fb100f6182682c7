import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { CloseCode } from '../../../shared/src/protocol.ts';
import { encodeAwarenessMessage, Presence, type AwarenessEntry } from './Presence.ts';
import { RoomClient } from './RoomClient.ts';
import { ConnectionBudget } from './ConnectionBudget.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { closedWith, connectClient, type TestClient } from '../testing/testClient.ts';

let t: TestServer;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

function client(boardId: string, session: string): TestClient {
  const c = connectClient(t.wsUrl, boardId, session);
  clients.push(c);
  return c;
}

/** A bare socket that writes awareness entries as it likes, as a hostile client would. */
async function attacker(boardId: string, session: string): Promise<{ send: (entries: AwarenessEntry[]) => void; closed: Promise<number> }> {
  const ws = new WebSocket(`${t.wsUrl}/${boardId}?session=${encodeURIComponent(session)}`);
  sockets.push(ws);
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve) => ws.on('open', resolve));
  return { send: (entries) => ws.send(encodeAwarenessMessage(entries)), closed };
}

interface SeenUser {
  name?: unknown;
  role?: unknown;
  participantId?: unknown;
  color?: unknown;
}

function userOf(c: TestClient, clientId: number): SeenUser | undefined {
  return (c.provider.awareness.getStates().get(clientId) as { user?: SeenUser } | undefined)?.user;
}

function clockOf(c: TestClient): number {
  return c.provider.awareness.meta.get(c.doc.clientID)!.clock;
}

beforeAll(async () => {
  t = await startTestServer({ wsMessagesPerSecond: 500 });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const ws of sockets) ws.close();
  await t.close();
});

describe('presence', () => {
  it('keeps a dropped user’s awareness id for that user: a viewer claiming it is not shown, the user comes back', async () => {
    const board = await t.createBoard();
    const ann = await t.join(board, 'participant', 'Ann');
    const bob = await t.join(board, 'participant', 'Bob');
    const vic = await t.join(board, 'viewer', 'Vic');
    const a = client(board.id, ann.session);
    const b = client(board.id, bob.session);
    a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    await Promise.all([a.synced(), b.synced()]);
    await waitFor(() => userOf(b, a.doc.clientID)?.name === 'Ann', 'b sees Ann');
    // Everything b is ever shown under Ann's id.
    const shownForAnn: unknown[] = [];
    b.provider.awareness.on('change', () => {
      const user = userOf(b, a.doc.clientID);
      if (user) shownForAnn.push(user.name);
    });

    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'Ann gone for b');
    const mallory = await attacker(board.id, vic.session);
    const impostorClock = clockOf(a) + 1;
    mallory.send([{ clientId: a.doc.clientID, clock: impostorClock, state: JSON.stringify({ user: { name: 'Mallory' } }) }]);
    // The attacker's own state comes after the claim on the same connection: once b has it, b has
    // been told whatever the server made of the claim.
    const ownId = 777_000_001;
    mallory.send([{ clientId: ownId, clock: 1, state: JSON.stringify({ user: { name: 'Mallory' } }) }]);
    await waitFor(() => b.provider.awareness.getStates().has(ownId), 'b sees the attacker’s own presence');
    expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);

    // Ann moves her mouse during the drop (her clock passes the impostor's), then reconnects.
    a.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
    a.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 });
    expect(clockOf(a)).toBeGreaterThan(impostorClock);
    a.provider.connect();
    await waitFor(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === 2, 'b sees Ann again');
    a.provider.awareness.setLocalStateField('cursor', { x: 3, y: 3 });
    await waitFor(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === 3, 'b sees Ann move');
    expect(a.closeCodes.filter((code) => code >= 4400)).toEqual([]);
    expect(a.provider.wsconnected).toBe(true);
    expect(shownForAnn.every((name) => name === 'Ann')).toBe(true);
  });

  it('ignores a state for a client id another session’s live connection owns, and closes nobody', async () => {
    const board = await t.createBoard();
    const ann = await t.join(board, 'participant', 'Ann');
    const bob = await t.join(board, 'participant', 'Bob');
    const mal = await t.join(board, 'participant', 'Mal');
    const a = client(board.id, ann.session);
    const b = client(board.id, bob.session);
    a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    await Promise.all([a.synced(), b.synced()]);
    await waitFor(() => userOf(b, a.doc.clientID)?.name === 'Ann', 'b sees Ann');
    const m = await attacker(board.id, mal.session);
    m.send([{ clientId: a.doc.clientID, clock: clockOf(a) + 5, state: JSON.stringify({ cursor: { x: 9, y: 9 } }) }]);
    m.send([{ clientId: a.doc.clientID, clock: clockOf(a) + 6, state: 'null' }]);
    const ownId = 777_000_005;
    m.send([{ clientId: ownId, clock: 1, state: '{}' }]);
    await waitFor(() => b.provider.awareness.getStates().has(ownId), 'b sees the attacker’s own presence (so it was not closed)');
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Ann', role: 'participant', participantId: ann.participantId } });
    expect(a.closeCodes).toEqual([]);
  });

  it('shows every user with the name, role and participant id of their session, whatever their client publishes', async () => {
    const board = await t.createBoard();
    const pat = await t.join(board, 'participant', 'Pat');
    const bob = await t.join(board, 'participant', 'Bob');
    const vic = await t.join(board, 'viewer', 'Vic');
    const p = client(board.id, pat.session);
    const b = client(board.id, bob.session);
    p.provider.awareness.setLocalStateField('user', { name: 'Teacher', role: 'facilitator', participantId: bob.participantId, color: '#123456' });
    await Promise.all([p.synced(), b.synced()]);
    await waitFor(() => userOf(b, p.doc.clientID)?.color === '#123456', 'b sees Pat');
    expect(userOf(b, p.doc.clientID)).toEqual({ name: 'Pat', role: 'participant', participantId: pat.participantId, color: '#123456' });

    // A bare socket that publishes a state without any user, then one with a forged user.
    const v = await attacker(board.id, vic.session);
    const vid = 777_000_002;
    v.send([{ clientId: vid, clock: 1, state: JSON.stringify({ cursor: { x: 5, y: 5 } }) }]);
    await waitFor(() => b.provider.awareness.getStates().has(vid), 'b sees the viewer');
    expect(userOf(b, vid)).toEqual({ name: 'Vic', role: 'viewer', participantId: vic.participantId });
    v.send([{ clientId: vid, clock: 2, state: JSON.stringify({ user: { name: 'Teacher', role: 'facilitator', participantId: pat.participantId, color: '#abcdef' } }) }]);
    await waitFor(() => userOf(b, vid)?.color === '#abcdef', 'b sees the viewer’s new state');
    expect(userOf(b, vid)).toEqual({ name: 'Vic', role: 'viewer', participantId: vic.participantId, color: '#abcdef' });
  });

  it('refuses an awareness state that is not a JSON object with 4400', async () => {
    const board = await t.createBoard();
    const s = await t.join(board, 'participant', 'Pat');
    const x = await attacker(board.id, s.session);
    let code: number | undefined;
    void x.closed.then((c) => (code = c));
    x.send([{ clientId: 777_000_003, clock: 1, state: '[1,2,3]' }]);
    await waitFor(() => code !== undefined, 'the sender closed');
    expect(code).toBe(CloseCode.BadRequest);
  });

  it('lets a session’s new connection take over its awareness id while the old socket is still open', async () => {
    const board = await t.createBoard();
    const ann = await t.join(board, 'participant', 'Ann');
    const bob = await t.join(board, 'participant', 'Bob');
    const b = client(board.id, bob.session);
    await b.synced();
    const id = 777_000_004;
    const old = await attacker(board.id, ann.session);
    old.send([{ clientId: id, clock: 1, state: JSON.stringify({ cursor: { x: 1, y: 1 } }) }]);
    await waitFor(() => b.provider.awareness.getStates().has(id), 'b sees the first socket');
    const fresh = await attacker(board.id, ann.session);
    fresh.send([{ clientId: id, clock: 2, state: JSON.stringify({ cursor: { x: 2, y: 2 } }) }]);
    await waitFor(() => (b.provider.awareness.getStates().get(id) as { cursor?: { x: number } } | undefined)?.cursor?.x === 2, 'b sees the second socket');
    expect(userOf(b, id)).toEqual({ name: 'Ann', role: 'participant', participantId: ann.participantId });
  });
});

describe('Presence reservations', () => {
  const log = pino({ level: 'silent' });
  let nextId = 1;
  function connection(sessionHash: string): RoomClient {
    const session = { sessionHash, boardId: 'b', role: 'participant' as const, name: sessionHash, participantId: sessionHash, expiresAt: Infinity, linkHash: '' };
    return new RoomClient(nextId++, session, { send: () => {}, close: () => {} }, log, new ConnectionBudget(1000));
  }
  function announce(presence: Presence, c: RoomClient, clientId: number, clock: number): void {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, '{}');
    presence.receive(c, encoding.toUint8Array(inner));
  }
  /** Client id to the user name shown for it, from the states a joining client would get. */
  function shown(presence: Presence): Map<number, unknown> {
    const out = new Map<number, unknown>();
    const message = presence.allStates();
    if (!message) return out;
    const d = decoding.createDecoder(message);
    decoding.readVarUint(d); // message type
    const update = decoding.createDecoder(decoding.readVarUint8Array(d));
    for (let n = decoding.readVarUint(update); n > 0; n--) {
      const id = decoding.readVarUint(update);
      decoding.readVarUint(update);
      out.set(id, (JSON.parse(decoding.readVarString(update)) as { user: { name: string } }).user.name);
    }
    return out;
  }

  it('frees a departed owner’s id for other sessions once the reservation ran out', () => {
    let now = 0;
    const presence = new Presence(new Y.Doc(), () => {}, { now: () => now });
    const owner = connection('owner');
    announce(presence, owner, 42, 1);
    presence.remove(owner);
    const other = connection('other');
    announce(presence, other, 42, 2);
    expect(shown(presence).has(42)).toBe(false);
    now += 60_001;
    announce(presence, other, 42, 3);
    expect(shown(presence).get(42)).toBe('other');
    presence.destroy();
  });

  it('keeps a bounded number of reservations, freeing the oldest first', () => {
    const presence = new Presence(new Y.Doc(), () => {}, { now: () => 0 });
    const departed = 5000;
    for (let id = 1; id <= departed; id++) {
      const c = connection(`s${id}`);
      announce(presence, c, id, 1);
      presence.remove(c);
    }
    const other = connection('other');
    announce(presence, other, 1, 2);
    announce(presence, other, departed, 2);
    expect(shown(presence).get(1)).toBe('other');
    expect(shown(presence).has(departed)).toBe(false);
    presence.destroy();
  });
});
