// Child process: a share of the fan-out bench's observers, each a bare socket (../bareSocket.ts) that
// only notes the clock when a frame carrying an edit marker arrives. Per edit, the worker sends one
// IPC message with the readings of all its observers, outside the timed path.
import type WebSocket from 'ws';
import { forEachSeqMarker, openBareSocket } from '../bareSocket.ts';
import { sendToParent, serveWorker } from '../workerMessages.ts';
import type { FromObserverWorker, ToObserverWorker } from './messages.ts';

interface Target {
  sockets: WebSocket[];
  /** Readings per edit until every observer of this worker has it. */
  pending: Map<number, number[]>;
  closing: boolean;
}

/** Sockets opened at once per worker: a thousand simultaneous upgrades overflow the listen backlog. */
const CONNECT_CONCURRENCY = 50;

const targets = new Map<string, Target>();

const send: (m: FromObserverWorker) => void = sendToParent;

async function connect(name: string, urls: string[]): Promise<void> {
  const t: Target = { sockets: [], pending: new Map(), closing: false };
  targets.set(name, t);
  let next = 0;
  const openOne = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++];
      // Each observer counts an edit once, at its first marker (seqs only grow within a target).
      let lastSeq = -1;
      const ws = await openBareSocket(url, {
        onFrame: (frame, at) => {
          forEachSeqMarker(frame, (seq) => {
            if (seq <= lastSeq) return;
            lastSeq = seq;
            let times = t.pending.get(seq);
            if (!times) t.pending.set(seq, (times = []));
            times.push(at);
            if (times.length === t.sockets.length) {
              t.pending.delete(seq);
              send({ type: 'observed', target: name, seq, times });
            }
          });
        },
        onClose: (code, reason) => {
          if (!t.closing) send({ type: 'error', message: `observer on ${name} closed by the server: ${code} ${reason}` });
        },
      });
      t.sockets.push(ws);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, urls.length) }, openOne));
}

serveWorker<ToObserverWorker>(async (m) => {
  switch (m.type) {
    case 'connect':
      await connect(m.target, m.urls);
      send({ type: 'connected', target: m.target });
      break;
    case 'close': {
      const t = targets.get(m.target);
      targets.delete(m.target);
      if (t) {
        t.closing = true;
        for (const ws of t.sockets) ws.close();
      }
      send({ type: 'closed', target: m.target });
      break;
    }
  }
});
