// Child process: the stall bench's victim, alone on its own board. A writer (a real
// WebsocketProvider) types an edit marker into a note every `editMs`; a bare socket on the same
// board (../bareSocket.ts) notes when each edit comes back from the server. Its own process, so an
// attacker's sending never delays it: what it measures is the server.
//
// If the server closes either of them, it comes back as a user would (the writer 100 ms after a
// final 44xx close, as if its user reloaded the page; the reader at once, finding the edits it
// missed in the sync answer), so one payload cannot spoil the measurement of the next one. The
// closes are reported.
import { forEachSeqMarker, openBareSocket, roomUrl, writeMarkedEdit } from '../bareSocket.ts';
import { openProvider, whenSynced } from '../provider.ts';
import { nowMicros } from '../stats.ts';
import { sendToParent, serveWorker } from '../workerMessages.ts';
import type { FromVictim, ToVictim } from './messages.ts';

/** Clock (µs) at which edit i was made and at which the reader got it (0: not yet). */
const sentAt: number[] = [];
const receivedAt: number[] = [];
const closes: string[] = [];
/** Every edit below this has been received. */
let firstOutstanding = 0;

const send: (m: FromVictim) => void = sendToParent;

async function start(m: Extract<ToVictim, { type: 'start' }>): Promise<void> {
  const w = openProvider(m.wsUrl, m.room, m.writer);
  w.on('connection-close', (e: { code: number; reason: string } | null) => {
    if (e) closes.push(`writer ${e.code} ${e.reason}`.trim());
  });
  w.on('closed', () => setTimeout(() => w.connect(), 100));
  await whenSynced(w);
  const received = (frame: Buffer, at: number) =>
    forEachSeqMarker(frame, (seq) => {
      if (seq < sentAt.length && receivedAt[seq] === 0) receivedAt[seq] = at;
    });
  const openReader = (): Promise<unknown> =>
    openBareSocket(roomUrl(m.wsUrl, m.room, m.reader), {
      onFrame: received,
      onSyncStep2: received,
      onClose: (code, reason) => {
        closes.push(`reader ${code} ${reason}`.trim());
        openReader().catch((err: unknown) => closes.push(`reader could not reconnect: ${String(err)}`));
      },
    });
  await openReader();
  const doc = w.doc;
  setInterval(() => {
    const seq = sentAt.length;
    sentAt.push(nowMicros());
    receivedAt.push(0);
    writeMarkedEdit(doc, seq);
  }, m.editMs);
}

function status(): FromVictim {
  while (firstOutstanding < sentAt.length && receivedAt[firstOutstanding] !== 0) firstOutstanding++;
  const oldest = firstOutstanding < sentAt.length ? (nowMicros() - sentAt[firstOutstanding]) / 1000 : 0;
  return { type: 'status', oldestOutstandingMs: oldest, closes: [...closes] };
}

serveWorker<ToVictim>(async (m) => {
  switch (m.type) {
    case 'start':
      await start(m);
      send({ type: 'started' });
      break;
    case 'mark':
      send({ type: 'mark', seq: sentAt.length });
      break;
    case 'status':
      send(status());
      break;
    case 'samples': {
      const now = nowMicros();
      const delays: Array<number | null> = [];
      const ages: number[] = [];
      for (let i = m.from; i < Math.min(m.to, sentAt.length); i++) {
        if (receivedAt[i] !== 0) delays.push((receivedAt[i] - sentAt[i]) / 1000);
        else {
          delays.push(null);
          ages.push((now - sentAt[i]) / 1000);
        }
      }
      send({ type: 'samples', delays, ages });
      break;
    }
  }
});
