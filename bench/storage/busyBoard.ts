// One busy board (issue 12, group commit): `writers` bare sockets on one board, each typing a marker
// into a note of its own in a closed loop (its next edit once the viewer has its last), and one bare
// viewer socket timestamping the relayed markers. A writer keeps its own Y.Doc only to make valid
// updates: it applies the board once (its sync step 2) and never what others write, so the writers
// cost the bench process little and the server is what is measured.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type WebSocket from 'ws';
import { createNote, noteText } from '../../shared/src/board/notes.ts';
import { forEachSeqMarker, openBareSocket, roomUrl, seqMarker, updateFrame } from '../bareSocket.ts';
import { cpuSeconds } from '../childProcess.ts';
import type { OurServer } from '../servers/OurServer.ts';
import { nowMicros, summarize, type Summary } from '../stats.ts';

export interface BusyResult {
  writers: number;
  /** Edits stored and relayed per second over the measured part. */
  perSecond: number;
  /** Writer's edit to the viewer's socket, ms. */
  latency: Summary;
  /** Server CPU (user + system) per measured edit, ms. */
  cpuPerEditMs: number;
}

const LOCAL = Symbol('bench writer');
/** Marker numbers of writer i are i * STRIDE + n, so every edit of the run has its own. */
const STRIDE = 1_000_000;

/**
 * A bare writer: a socket with a Y.Doc that holds the board as it joined plus its own edits, which
 * type markers into a note of its own (the first edit makes the note). Never applies others' edits.
 */
export class BareWriter {
  private noteId = '';
  made = 0;

  private constructor(readonly doc: Y.Doc, readonly socket: WebSocket) {}

  static async open(server: OurServer, boardId: string, link: string, name: string): Promise<BareWriter> {
    const session = await server.joinBoard(boardId, link, name);
    if (!session) throw new Error('bench: could not join (rate limited?)');
    const doc = new Y.Doc();
    const socket = await openBareSocket(roomUrl(server.wsUrl, boardId, { session: session.session }), {
      onSyncStep2: (frame) => {
        const d = decoding.createDecoder(frame);
        decoding.readVarUint(d); // message type: sync
        decoding.readVarUint(d); // step 2
        Y.applyUpdate(doc, decoding.readVarUint8Array(d));
      },
    });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) socket.send(updateFrame(update));
    });
    return new BareWriter(doc, socket);
  }

  /** Types `marker` (seqMarker) into its note, one update. */
  edit(marker: string): void {
    this.doc.transact(() => {
      if (this.made++ === 0) this.noteId = createNote(this.doc, { frame: 'swot.strengths', x: 16, y: 72, color: 'yellow', author: 'Bench', text: marker });
      else noteText(this.doc, this.noteId)!.insert(0, marker);
    }, LOCAL);
  }

  close(): void {
    this.socket.terminate();
    this.doc.destroy();
  }
}

/** `edits` measured edits (after a tenth as many of warm-up) shared by `writers` closed loops. */
export async function busyBoard(server: OurServer, writers: number, edits: number): Promise<BusyResult> {
  const board = await server.createBoard('Busy');
  const viewerSession = await server.joinBoard(board.id, board.links.viewer, 'Viewer');
  if (!viewerSession) throw new Error('busy board bench: could not join (rate limited?)');
  const waiting = new Map<number, { sent: number; resolve: (latencyMs: number) => void }>();
  const viewer = await openBareSocket(roomUrl(server.wsUrl, board.id, { session: viewerSession.session }), {
    onFrame: (frame, at) =>
      forEachSeqMarker(frame, (seq) => {
        const w = waiting.get(seq);
        if (!w) return;
        waiting.delete(seq);
        w.resolve((at - w.sent) / 1000);
      }),
  });
  const all: BareWriter[] = [];
  try {
    for (let i = 0; i < writers; i++) all.push(await BareWriter.open(server, board.id, board.links.participant, `Writer ${i}`));
    const edit = (w: BareWriter, i: number): Promise<number> => {
      const seq = i * STRIDE + w.made;
      const sent = nowMicros();
      const done = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`busy board bench: edit ${seq} did not reach the viewer`)), 30_000);
        waiting.set(seq, { sent, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      });
      w.edit(seqMarker(seq));
      return done;
    };
    const run = async (total: number, samples?: number[]) => {
      let left = total;
      await Promise.all(all.map(async (w, i) => {
        while (left > 0) {
          left--;
          const latency = await edit(w, i);
          samples?.push(latency);
        }
      }));
    };
    await run(Math.max(writers, Math.ceil(edits / 10)));
    const samples: number[] = [];
    const cpu0 = await cpuSeconds(server.pid);
    const t0 = performance.now();
    await run(edits, samples);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = (await cpuSeconds(server.pid)) - cpu0;
    return { writers, perSecond: edits / seconds, latency: summarize(samples), cpuPerEditMs: (cpu * 1000) / edits };
  } finally {
    viewer.terminate();
    for (const w of all) w.close();
  }
}
