// Child process: a share of the propagation bench's clients, each a real WebsocketProvider with its
// own Y.Doc (see provider.ts). Observers note the monotonic clock when an edit reaches their doc.
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { noteText, notesMap } from '../../shared/src/board/index.ts';
import { nowMicros } from '../stats.ts';
import { closeProvider, openProvider } from '../provider.ts';
import { sendToParent, serveWorker } from '../workerMessages.ts';
import type { ClientSpec, FromWorker, ToWorker } from './messages.ts';

interface Client {
  index: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

interface Pending {
  times: number[];
  expected: number | undefined;
}

interface Target {
  clients: Map<number, Client>;
  pending: Map<number, Pending>;
}

const targets = new Map<string, Target>();
// One provider per client registers an exit listener on process; hundreds are expected here.
process.setMaxListeners(0);

const send: (m: FromWorker) => void = sendToParent;

function pendingFor(t: Target, seq: number): Pending {
  let p = t.pending.get(seq);
  if (!p) {
    p = { times: [], expected: undefined };
    t.pending.set(seq, p);
  }
  return p;
}

function maybeReport(name: string, t: Target, seq: number): void {
  const p = t.pending.get(seq);
  if (p && p.expected !== undefined && p.times.length >= p.expected) {
    t.pending.delete(seq);
    send({ type: 'observed', target: name, seq, times: p.times });
  }
}

function connectClient(name: string, t: Target, wsUrl: string, room: string, spec: ClientSpec): Promise<void> {
  const doc = new Y.Doc();
  const provider = openProvider(wsUrl, room, spec.params, doc, false);
  doc.getMap('bench').observe((event) => {
    if (event.transaction.local || !event.keysChanged.has('seq')) return;
    const seq = event.target.get('seq') as number;
    pendingFor(t, seq).times.push(nowMicros());
    maybeReport(name, t, seq);
  });
  t.clients.set(spec.index, { index: spec.index, doc, provider });
  return new Promise((resolve, reject) => {
    provider.on('sync', (synced: boolean) => {
      if (synced) resolve();
    });
    provider.on('closed', (e: { code: number; reason: string }) => reject(new Error(`client ${spec.index} closed by server: ${e.code} ${e.reason}`)));
    provider.connect();
  });
}

/** The writer's edit: one character typed into a note, plus the sequence number observers key on. */
function edit(client: Client, seq: number): void {
  const ids = [...notesMap(client.doc).keys()].sort();
  const text = ids.length ? noteText(client.doc, ids[seq % ids.length]) : undefined;
  client.doc.transact(() => {
    text?.insert(text.length, String.fromCharCode(97 + (seq % 26)));
    client.doc.getMap('bench').set('seq', seq);
  });
}

serveWorker<ToWorker>(async (m) => {
  switch (m.type) {
    case 'connect': {
      const t: Target = { clients: new Map(), pending: new Map() };
      targets.set(m.target, t);
      await Promise.all(m.clients.map((c) => connectClient(m.target, t, m.wsUrl, m.room, c)));
      send({ type: 'connected', target: m.target });
      break;
    }
    case 'edit': {
      const t = targets.get(m.target);
      if (!t) throw new Error(`edit for unknown target ${m.target}`);
      const writer = t.clients.get(m.writer);
      const p = pendingFor(t, m.seq);
      p.expected = t.clients.size - (writer ? 1 : 0);
      if (writer) {
        const t0 = nowMicros();
        edit(writer, m.seq);
        send({ type: 'wrote', target: m.target, seq: m.seq, t0 });
      }
      maybeReport(m.target, t, m.seq);
      break;
    }
    case 'close': {
      const t = targets.get(m.target);
      targets.delete(m.target);
      for (const c of t?.clients.values() ?? []) {
        closeProvider(c.provider);
      }
      send({ type: 'closed', target: m.target });
      break;
    }
  }
});
