// What the write rules of issue 7 cost per update.
// 1. The check alone (server/src/rooms/writeCheck.ts), in this process, on realistic edits (typing
//    into a note, moving one, a matrix score) against boards of two sizes: it must not grow with the
//    board. checkUpdate, which the server runs on every update anyway, is the peer.
// 2. End to end: our server with the rules on and with them off (serverMain.ts, BENCH_WRITE_RULES),
//    both running at once, edits alternating between them in blocks (ABBA) so machine noise hits both. One
//    writer (a real WebsocketProvider with a participant session) edits in a closed loop; N bare
//    sockets (viewers) only timestamp the update frames. Reported: server CPU per edit (from /proc)
//    and the fan-out latency (edit made until an observer has it: p50/p99 over every delivery, and
//    p99 until the last observer has it).
import * as Y from 'yjs';
import type WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import { initBoard } from '../../shared/src/board/meta.ts';
import { createNote, noteText } from '../../shared/src/board/notes.ts';
import { notesMap } from '../../shared/src/board/schema.ts';
import { setScore } from '../../shared/src/canvases/confrontation/confrontationOperations.ts';
import { checkUpdate } from '../../server/src/rooms/checkUpdate.ts';
import { checkWrites } from '../../server/src/rooms/writeCheck.ts';
import { benchPath, cpuSeconds, sleep } from '../childProcess.ts';
import { closeProvider, openProvider, whenSynced } from '../provider.ts';
import { openBareSocket, roomUrl } from '../bareSocket.ts';
import { OurServer } from '../servers/OurServer.ts';
import { ms, nowMicros, ratio, summarize, table, type Summary } from '../stats.ts';

export interface WriteRulesOptions {
  /** Bare observer sockets per server (BENCH_RULES_OBSERVERS). */
  observers: number;
  /** Measured edits per server (BENCH_RULES_EDITS). */
  edits: number;
  /** Notes on the big board of the in-process check (BENCH_RULES_NOTES). */
  notes: number;
}

interface CheckCost {
  notes: number;
  check: Summary;
  checkUpdate: Summary;
}

interface EndToEnd {
  mode: 'on' | 'off';
  cpuPerEditMs: number;
  delivery: Summary;
  lastObserver: Summary;
}

export interface WriteRulesResult {
  options: WriteRulesOptions;
  checkCost: CheckCost[];
  endToEnd: EndToEnd[];
}

const PARTICIPANT = Object.freeze({ role: 'participant' as const, participantId: 'benchWriter' });
const NOTE = { x: 16, y: 72, color: 'yellow' as const, author: 'Bench' };
/** Edits per server before switching to the other: /proc counts CPU in 10 ms ticks, so blocks of a few hundred. */
const BLOCK = 250;
/** Edits before measuring (JIT, sockets); the in-process check gets more, they cost microseconds. */
const WARMUP = 50;
const IN_PROCESS_WARMUP = 1_000;

export async function runWriteRules(opts: WriteRulesOptions, log: (line: string) => void): Promise<WriteRulesResult> {
  const checkCost = [inProcessCost(100, opts.edits), inProcessCost(opts.notes, opts.edits)];
  log(`  check alone: measured on boards of 100 and ${opts.notes} notes`);
  const endToEnd = await endToEndCost(opts, log);
  return { options: opts, checkCost, endToEnd };
}

/** A confrontation board with `notes` notes on the server and the same on a client; the client's edits as updates. */
function inProcessCost(notes: number, edits: number): CheckCost {
  const server = new Y.Doc();
  initBoard(server, { title: 'Bench', template: 'confrontation', language: 'en', createdAt: 1 });
  server.transact(() => {
    for (let i = 0; i < notes; i++) {
      createNote(server, { ...NOTE, frame: i % 2 ? 'swot.opportunities' : 'swot.strengths', text: `Note ${i}` });
    }
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  const ids = [...notesMap(client).keys()];
  for (let i = 0; i < edits + IN_PROCESS_WARMUP; i++) edit(client, ids, i, PARTICIPANT.participantId);
  const check: number[] = [];
  const check0: number[] = [];
  updates.forEach((u, i) => {
    const t0 = performance.now();
    const result = checkUpdate(server, u);
    const t1 = performance.now();
    if (result.kind !== 'new') throw new Error(`bench edit ${i} is not new`);
    if (checkWrites(server, result.decoded, PARTICIPANT)) throw new Error(`bench edit ${i} was refused`);
    const t2 = performance.now();
    Y.applyUpdate(server, result.update);
    if (i < IN_PROCESS_WARMUP) return;
    check0.push((t1 - t0) * 1000);
    check.push((t2 - t1) * 1000);
  });
  server.destroy();
  client.destroy();
  return { notes, check: summarize(check), checkUpdate: summarize(check0) };
}

/** The i-th edit of the mix: typing into a note, moving one, scoring a cell (one update each). */
function edit(doc: Y.Doc, ids: readonly string[], i: number, participantId: string): void {
  const id = ids[(i * 7) % ids.length];
  switch (i % 3) {
    case 0: {
      const text = noteText(doc, id)!;
      text.insert(text.length, 'x');
      break;
    }
    case 1:
      notesMap(doc).get(id)!.set('x', 16 + (i % 400));
      break;
    default:
      // Consecutive scores differ (0, 1, 2, 0, ...): an unchanged value would not be written.
      setScore(doc, { canvasId: 'confrontation', participantId, row: ids[0], column: ids[1] }, Math.floor(i / 3) % 3);
  }
}

interface Target {
  mode: 'on' | 'off';
  server: OurServer;
  writer: WebsocketProvider;
  participantId: string;
  ids: string[];
  sockets: WebSocket[];
  /** Arrival times (µs) of update frames per observer, since the last reset. */
  arrivals: number[][];
  cpu: number;
  delivery: number[];
  lastObserver: number[];
  /** Edits measured, and made (warm-up included: each edit must differ from the one before). */
  edits: number;
  made: number;
}

async function endToEndCost(opts: WriteRulesOptions, log: (line: string) => void): Promise<EndToEnd[]> {
  log(`  end to end: ${opts.observers} observers per server, ${opts.edits} edits each, blocks of ${BLOCK}`);
  const totals = { on: empty(), off: empty() };
  // Two runs with fresh servers, started in either order: in an A/A trial (both off) the server
  // started first used 7-16 % more CPU per edit on this machine, which would pass for a cost.
  for (const modes of [['on', 'off'], ['off', 'on']] as const) {
    const targets: Target[] = [];
    try {
      for (const mode of modes) targets.push(await startTarget(mode, opts.observers));
      for (const t of targets) await editBlock(t, WARMUP, false);
      const edits = Math.ceil(opts.edits / 2);
      // Rounds alternate which server goes first (ABBA), so neither always follows the other's block.
      for (let done = 0, round = 0; done < edits; done += BLOCK, round++) {
        const order = round % 2 === 0 ? targets : [...targets].reverse();
        for (const t of order) await editBlock(t, Math.min(BLOCK, edits - done), true);
      }
      for (const t of targets) {
        const total = totals[t.mode];
        total.cpu += t.cpu;
        total.edits += t.edits;
        total.delivery.push(...t.delivery);
        total.lastObserver.push(...t.lastObserver);
      }
    } finally {
      for (const t of targets) {
        for (const ws of t.sockets) ws.terminate();
        closeProvider(t.writer);
        await t.server.dispose();
      }
    }
  }
  return (['on', 'off'] as const).map((mode) => ({
    mode,
    cpuPerEditMs: (totals[mode].cpu / totals[mode].edits) * 1000,
    delivery: summarize(totals[mode].delivery),
    lastObserver: summarize(totals[mode].lastObserver),
  }));
}

function empty() {
  return { cpu: 0, edits: 0, delivery: [] as number[], lastObserver: [] as number[] };
}

/** A server, a confrontation board on it, its observers and its writer (with the two notes it edits). */
async function startTarget(mode: 'on' | 'off', observers: number): Promise<Target> {
  const server = new OurServer({
    main: benchPath('./writeRules/serverMain.ts'),
    env: {
      // BENCH_RULES_AA=on|off runs both servers the same way: the A/A control, the noise floor of the ratios.
      BENCH_WRITE_RULES: process.env.BENCH_RULES_AA ?? mode,
      // One writer at closed-loop speed: the per-connection message budget is not what is measured.
      WS_MESSAGES_PER_SECOND: '1000000',
    },
  });
  await server.start();
  const board = await server.createBoard('Bench', 'confrontation');
  const [writerSession, viewerSession] = [
    await server.joinBoard(board.id, board.links.participant, 'Writer'),
    await server.joinBoard(board.id, board.links.viewer, 'Observer'),
  ];
  if (!writerSession || !viewerSession) throw new Error('write-rules bench: could not join (rate limited?)');
  const arrivals: number[][] = [];
  const sockets: WebSocket[] = [];
  for (let i = 0; i < observers; i++) {
    const mine: number[] = [];
    arrivals.push(mine);
    // Sync (0), update (2): the relayed edits. Everything else (presence, Stored) is not counted.
    sockets.push(await openBareSocket(roomUrl(server.wsUrl, board.id, { session: viewerSession.session }), {
      onFrame: (frame, at) => {
        if (frame[0] === 0 && frame[1] === 2) mine.push(at);
      },
    }));
  }
  const writer = openProvider(server.wsUrl, board.id, { session: writerSession.session });
  await whenSynced(writer);
  const ids = [
    createNote(writer.doc, { ...NOTE, frame: 'swot.strengths', text: 'Strength' }),
    createNote(writer.doc, { ...NOTE, frame: 'swot.opportunities', text: 'Opportunity', y: 712 }),
  ];
  // Until every observer has both notes, then count afresh (editBlock resets per edit).
  await waitUntil(() => arrivals.every((a) => a.length >= 2));
  await sleep(200);
  return {
    mode, server, writer, participantId: writerSession.participantId, ids, sockets, arrivals,
    cpu: 0, delivery: [], lastObserver: [], edits: 0, made: 0,
  };
}

/** `n` edits on one server, each waited for at every observer before the next (closed loop). */
async function editBlock(t: Target, n: number, measure: boolean): Promise<void> {
  const cpuBefore = await cpuSeconds(t.server.pid);
  for (let i = 0; i < n; i++) {
    for (const a of t.arrivals) a.length = 0;
    const t0 = nowMicros();
    edit(t.writer.doc, t.ids, t.made++, t.participantId);
    await waitUntil(() => t.arrivals.every((a) => a.length > 0)).catch((err: Error) => {
      throw new Error(`${err.message} (rules ${t.mode}, edit ${t.made}: ${t.arrivals.filter((a) => a.length > 0).length} of ${t.arrivals.length} observers)`);
    });
    if (!measure) continue;
    let last = 0;
    for (const a of t.arrivals) {
      t.delivery.push((a[0] - t0) / 1000);
      last = Math.max(last, a[0]);
    }
    t.lastObserver.push((last - t0) / 1000);
  }
  if (!measure) return;
  t.cpu += (await cpuSeconds(t.server.pid)) - cpuBefore;
  t.edits += n;
}

/** Resolves once `ready` holds, checking after every I/O turn (no fixed sleeps on the measured path). */
function waitUntil(ready: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (ready()) resolve();
      else if (Date.now() > deadline) reject(new Error('write-rules bench: an edit did not reach every observer'));
      else setImmediate(check);
    };
    check();
  });
}

export function formatWriteRules(r: WriteRulesResult): string {
  const us = (v: number) => `${v.toFixed(1)} us`;
  const cost = table(
    ['board', 'write check p50', 'p99', 'checkUpdate p50', 'p99', 'check / checkUpdate (p50)'],
    r.checkCost.map((c) => [`${c.notes} notes`, us(c.check.p50), us(c.check.p99), us(c.checkUpdate.p50), us(c.checkUpdate.p99), ratio(c.check.p50, c.checkUpdate.p50)]),
  );
  const e2e = table(
    ['write rules', 'server CPU / edit', 'delivery p50', 'delivery p99', 'last observer p99'],
    r.endToEnd.map((e) => [e.mode, ms(e.cpuPerEditMs, 3), ms(e.delivery.p50), ms(e.delivery.p99), ms(e.lastObserver.p99)]),
  );
  const [on, off] = r.endToEnd;
  const ratios = on && off
    ? `on / off: CPU per edit ${ratio(on.cpuPerEditMs, off.cpuPerEditMs)}, delivery p99 ${ratio(on.delivery.p99, off.delivery.p99)}, last observer p99 ${ratio(on.lastObserver.p99, off.lastObserver.p99)}`
    : '';
  return `${cost}\n\n${e2e}\n${ratios}`;
}
