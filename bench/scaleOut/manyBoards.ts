// 100 boards spread over two instances (issue 12) against the same 100 boards on one instance, both
// on PostgreSQL, all sockets connected for the whole part. Per board one bare writer (BareWriter:
// markers typed into a note of its own) and two bare viewers. Two instances: board i's writer on A or
// B in turn, one viewer on each, so every edit reaches one viewer on its own instance and one across
// (A -> PostgreSQL -> Redis -> B). One instance: writer and both viewers on it. Edits go to the boards
// in turn at a fixed total rate (open loop: an edit does not wait for the previous one), in blocks
// that alternate between the two setups; server CPU is read from /proc around each block (both
// instances' summed for two).
import type WebSocket from 'ws';
import { forEachSeqMarker, openBareSocket, roomUrl, seqMarker } from '../bareSocket.ts';
import { cpuSeconds, sleep } from '../childProcess.ts';
import type { OurServer } from '../servers/OurServer.ts';
import { BareWriter } from '../storage/busyBoard.ts';
import { ms, nowMicros, ratio, summarize, table, type Summary } from '../stats.ts';

export interface ManyBoardsOptions {
  boards: number;
  /** Measured edits per setup. */
  edits: number;
  /** Edits per second over all boards together. */
  rate: number;
}

export interface ManyBoardsSetup {
  setup: 'one instance' | 'two instances';
  /** Edit to the viewer on the writer's instance. */
  same: Summary;
  /** Edit to the viewer on the other instance (two instances only). */
  across: Summary | undefined;
  /** Server CPU per edit, ms (both instances for two). */
  cpuPerEditMs: number;
  /** Edits per second actually made. */
  perSecond: number;
}

interface Setup {
  name: ManyBoardsSetup['setup'];
  servers: OurServer[];
  writers: BareWriter[];
  /** The instance of each writer. */
  writerServers: OurServer[];
  viewers: WebSocket[];
  same: number[];
  across: number[];
  cpuSeconds: number;
  edits: number;
  seconds: number;
}

const BLOCK = 500;
const TICK_MS = 5;

export async function runManyBoards(single: OurServer, a: OurServer, b: OurServer, opts: ManyBoardsOptions, log: (line: string) => void): Promise<ManyBoardsSetup[]> {
  /** Edit number -> when it was sent, the instance of its writer, and viewers that still have to see it. */
  const sent = new Map<number, { at: number; writer: OurServer; left: number }>();
  let next = 1;
  const setups: Setup[] = [
    { name: 'one instance', servers: [single], writers: [], writerServers: [], viewers: [], same: [], across: [], cpuSeconds: 0, edits: 0, seconds: 0 },
    { name: 'two instances', servers: [a, b], writers: [], writerServers: [], viewers: [], same: [], across: [], cpuSeconds: 0, edits: 0, seconds: 0 },
  ];
  let measuring: Setup | undefined;
  try {
    for (const s of setups) {
      const [first, second = first] = s.servers;
      for (let i = 0; i < opts.boards; i++) {
        const board = await first.createBoard(`Board ${i}`);
        const writerServer = i % 2 === 0 ? first : second;
        for (const viewerServer of [first, second]) {
          const session = await viewerServer.joinBoard(board.id, board.links.viewer, 'Viewer');
          if (!session) throw new Error('many-boards bench: could not join (rate limited?)');
          s.viewers.push(await openBareSocket(roomUrl(viewerServer.wsUrl, board.id, { session: session.session }), {
            onFrame: (frame, at) =>
              forEachSeqMarker(frame, (seq) => {
                const edit = sent.get(seq);
                if (!edit) return;
                if (measuring === s) (viewerServer === edit.writer ? s.same : s.across).push((at - edit.at) / 1000);
                if (--edit.left === 0) sent.delete(seq);
              }),
          }));
        }
        s.writers.push(await BareWriter.open(writerServer, board.id, board.links.participant, `Writer ${i}`));
        s.writerServers.push(writerServer);
      }
    }
    log(`  ${opts.boards} boards per setup, each with a writer and two viewers; ${opts.rate} edits/s over all boards, ${opts.edits} measured per setup, blocks of ${BLOCK}`);
    const edit = (s: Setup, i: number) => {
      const seq = next++;
      sent.set(seq, { at: nowMicros(), writer: s.writerServers[i % s.writers.length], left: 2 });
      s.writers[i % s.writers.length].edit(seqMarker(seq));
    };
    const block = async (s: Setup, edits: number, measure: boolean) => {
      measuring = measure ? s : undefined;
      const cpu0 = await totalCpu(s.servers);
      const t0 = performance.now();
      let made = 0;
      while (made < edits) {
        const due = Math.min(edits, Math.floor(((performance.now() - t0) / 1000) * opts.rate) + 1);
        for (; made < due; made++) edit(s, s.edits + made);
        await sleep(TICK_MS);
      }
      await waitUntilSeen(sent);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = (await totalCpu(s.servers)) - cpu0;
      if (measure) {
        s.cpuSeconds += cpu;
        s.seconds += seconds;
      }
      s.edits += edits;
      measuring = undefined;
    };
    // First edits make the writers' notes; then warm-up.
    for (const s of setups) await block(s, s.writers.length + Math.ceil(BLOCK / 2), false);
    const measured = new Map(setups.map((s) => [s, 0]));
    for (let round = 0; setups.some((s) => measured.get(s)! < opts.edits); round++) {
      for (const s of round % 2 === 0 ? setups : [...setups].reverse()) {
        const n = Math.min(BLOCK, opts.edits - measured.get(s)!);
        if (n === 0) continue;
        await block(s, n, true);
        measured.set(s, measured.get(s)! + n);
      }
    }
    return setups.map((s) => ({
      setup: s.name,
      same: summarize(s.same),
      across: s.across.length ? summarize(s.across) : undefined,
      cpuPerEditMs: (s.cpuSeconds * 1000) / opts.edits,
      perSecond: opts.edits / s.seconds,
    }));
  } finally {
    for (const s of setups) {
      for (const w of s.writers) w.close();
      for (const v of s.viewers) v.terminate();
    }
  }
}

async function totalCpu(servers: OurServer[]): Promise<number> {
  let sum = 0;
  for (const s of servers) sum += await cpuSeconds(s.pid);
  return sum;
}

/** Resolves once every edit sent has reached both its viewers. */
async function waitUntilSeen(sent: Map<number, unknown>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (sent.size > 0) {
    if (Date.now() > deadline) throw new Error(`many-boards bench: ${sent.size} edits did not reach their viewers`);
    await sleep(TICK_MS);
  }
}

export function formatManyBoards(setups: ManyBoardsSetup[], boards: number): string {
  const [one, two] = setups;
  const rows = setups.flatMap((s) => {
    const rows = [[s.setup, 'same instance', ms(s.same.p50), ms(s.same.p99), ms(s.same.mean), ms(s.cpuPerEditMs, 3), s.perSecond.toFixed(0)]];
    if (s.across) rows.push([s.setup, 'other instance', ms(s.across.p50), ms(s.across.p99), ms(s.across.mean), '', '']);
    return rows;
  });
  const across = two.across ?? two.same;
  return [
    `${boards} boards:`,
    table(['setup', 'viewer on', 'edit to viewer p50', 'p99', 'mean', 'server CPU/edit', 'edits/s'], rows),
    `two instances (other instance) / one instance: p50 ${ratio(across.p50, one.same.p50)}, p99 ${ratio(across.p99, one.same.p99)}; ` +
      `same instance / one instance: p50 ${ratio(two.same.p50, one.same.p50)}, p99 ${ratio(two.same.p99, one.same.p99)}; ` +
      `server CPU/edit (both instances) ${ratio(two.cpuPerEditMs, one.cpuPerEditMs)}`,
  ].join('\n');
}
