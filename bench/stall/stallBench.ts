// Stall: while an attacker sends one hostile payload (hostilePayloads.ts) on its board, a victim on
// another board keeps editing; how late do the victim's edits come back? Then a fresh client opens
// the attacked board (cold, from storage): does it still open, and what does that cost the victim?
import { OurServer, type CreatedBoard } from '../servers/OurServer.ts';
import type { BenchOptions } from '../options.ts';
import { roomUrl } from '../bareSocket.ts';
import { seedBoard } from '../seedBoard.ts';
import { sleep } from '../childProcess.ts';
import { closeProvider, openProvider } from '../provider.ts';
import { notesMap } from '../../shared/src/board/index.ts';
import { ms, summarize, table, type Summary } from '../stats.ts';
import { hostilePayloads, type HostilePayload } from './hostilePayloads.ts';
import { Attacker } from './Attacker.ts';
import { Victim } from './Victim.ts';

/** `stallPayloads`: ids or their letters (`a` is a-json and a-format); undefined: all. */
export type StallOptions = Pick<BenchOptions, 'stallPayloads' | 'stallNotes' | 'stallWindowMs' | 'stallMaxMs' | 'stallEditMs' | 'stallFlood'>;

/** The victim's edits made during one window. */
export interface WindowResult {
  /** Writer to reader delay of each edit that came back, ms. */
  delays: Summary;
  /** Edits that had not come back when the window was read. */
  lost: number;
  /** Worst delay, counting a lost edit at its age (a lower bound). */
  worstMs: number;
  /** Closes the server sent the victim's own sockets during the window ("writer 4429 ..."). */
  victimCloses: string[];
}

export interface StallResult {
  id: string;
  title: string;
  attack: WindowResult;
  /** How the server closed the attacker ("4400 malformed message"), or "not closed". */
  attackerClosed: string;
  /** A fresh client on the attacked board: "opens in 120 ms, 20/20 notes" or why not. */
  freshClient: string;
  /** The victim while that fresh client opens the attacked board. */
  reopen: WindowResult;
  /** Set if the server process was gone after this payload (it is then restarted). */
  serverExited?: string;
}

export interface StallReport {
  baseline: WindowResult;
  results: StallResult[];
}

/** A room without connections unloads after this long, so the fresh client loads the board from storage. */
const IDLE_UNLOAD_MS = 1_000;
/** The server keeps up again once no victim edit is older than this. */
const CAUGHT_UP_MS = 100;
const FRESH_CLIENT_TIMEOUT_MS = 15_000;

export async function runStall(opts: StallOptions, log: (line: string) => void): Promise<StallReport> {
  const payloads = hostilePayloads({ notes: opts.stallNotes, flood: opts.stallFlood }).filter(
    (p) => !opts.stallPayloads || opts.stallPayloads.some((want) => p.id === want || p.id.startsWith(`${want}-`)),
  );
  // Defaults for everything a connection may do (message rate, frame size): those limits are part
  // of what is measured. Only the REST and per-address limits are lifted (OurServer), and rooms
  // unload quickly.
  const server = new OurServer({ env: { IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS) } });
  let victim: Victim | undefined;
  try {
    await server.start();
    const victimBoard = await server.createBoard('Victim board');
    const boards = new Map<string, CreatedBoard>();
    for (const p of payloads) {
      const t = performance.now();
      const board = await server.createBoard(`Attacked board ${p.id}`);
      await seedBoard(server.wsUrl, board.id, { session: await session(server, board, 'participant', 'Seeder') }, p.boardNotes, 180_000);
      boards.set(p.id, board);
      if (p.boardNotes > 1_000) log(`  seeded the board of ${p.id} with ${p.boardNotes} notes in ${ms(performance.now() - t, 0)}`);
    }
    await seedBoard(server.wsUrl, victimBoard.id, { session: await session(server, victimBoard, 'participant', 'Seeder') }, 20);
    const startVictim = async () =>
      Victim.start({
        wsUrl: server.wsUrl,
        room: victimBoard.id,
        writer: { session: await session(server, victimBoard, 'participant', 'Victim') },
        reader: { session: await session(server, victimBoard, 'participant', 'Victim reader') },
        editMs: opts.stallEditMs,
      });
    victim = await startVictim();
    // Seeded rooms have unloaded by now; the baseline sees a quiet server.
    await sleep(IDLE_UNLOAD_MS + 500);
    const baseline = await measureWindow(victim, opts, server, async () => {});
    log(`  baseline: ${describe(baseline)}`);

    // A payload that kills the server is reported, and the server restarted on the same data, so
    // that the fresh client still finds out whether the board opens.
    const restartIfExited = async (id: string): Promise<string | undefined> => {
      if (server.running) return undefined;
      const exit = server.exitDescription;
      log(`  ${id}: the server exited (${exit}); restarting it`);
      await victim?.stop();
      victim = undefined;
      await server.stop();
      await server.start();
      victim = await startVictim();
      return exit;
    };
    const results: StallResult[] = [];
    for (const p of payloads) {
      const board = boards.get(p.id)!;
      const attacker = await Attacker.connect(roomUrl(server.wsUrl, board.id, { session: await session(server, board, p.role, 'Attacker') }));
      await attacker.sendAndWait(p.setup);
      const attack = await measureWindow(victim, opts, server, () => attacker.send(p.frames, p.reads, p.perSecond));
      const attackerClosed = await attacker.finish(3_000);
      const exitedInAttack = await restartIfExited(p.id);
      // The attacker was the board's only connection: let the room compact and unload.
      await sleep(IDLE_UNLOAD_MS + 1_000);
      let freshClient = '';
      const reopen = await measureWindow(victim, opts, server, async () => {
        freshClient = await openFreshClient(server, board, p.boardNotes);
      });
      const exitedInReopen = await restartIfExited(p.id);
      const serverExited = [exitedInAttack && `after the attack: ${exitedInAttack}`, exitedInReopen && `while reopening: ${exitedInReopen}`]
        .filter(Boolean)
        .join('; ');
      results.push({ id: p.id, title: p.title, attack, attackerClosed, freshClient, reopen, serverExited: serverExited || undefined });
      log(`  ${p.id}: ${describe(attack)}; attacker ${attackerClosed}; fresh client ${freshClient}`);
    }
    return { baseline, results };
  } finally {
    await victim?.stop();
    await server.dispose();
  }
}

async function session(server: OurServer, board: CreatedBoard, role: 'participant' | 'viewer', name: string): Promise<string> {
  const s = await server.createSession(board.id, board.links[role], name);
  if (!s) throw new Error('stall bench: session creation was rate limited');
  return s;
}

/**
 * Runs `during` and measures the victim's edits from its start until the server keeps up again
 * (at least `stallWindowMs`, at most `stallMaxMs`, or until the server process is gone).
 */
async function measureWindow(victim: Victim, opts: StallOptions, server: OurServer, during: () => Promise<void>): Promise<WindowResult> {
  const from = await victim.mark();
  const closesBefore = (await victim.status()).closes.length;
  const started = performance.now();
  await during();
  await sleep(opts.stallWindowMs - (performance.now() - started));
  while (performance.now() - started < opts.stallMaxMs && server.running) {
    if ((await victim.status()).oldestOutstandingMs < CAUGHT_UP_MS) break;
    await sleep(100);
  }
  const to = await victim.mark();
  const victimCloses = countSame((await victim.status()).closes.slice(closesBefore));
  // The last edits of the window are still on their way: give them a moment.
  let samples = await victim.samples(from, to);
  for (let i = 0; i < 20 && samples.ages.length > 0; i++) {
    await sleep(50);
    samples = await victim.samples(from, to);
  }
  const delays = samples.delays.filter((d): d is number => d !== null);
  const summary = summarize(delays);
  return { delays: summary, lost: samples.ages.length, worstMs: Math.max(summary.count ? summary.max : 0, ...samples.ages), victimCloses };
}

/** A real client (WebsocketProvider) with a new participant session opens the board. */
async function openFreshClient(server: OurServer, board: CreatedBoard, notes: number): Promise<string> {
  const provider = openProvider(server.wsUrl, board.id, { session: await session(server, board, 'participant', 'Fresh client') });
  const closes: string[] = [];
  const t0 = performance.now();
  try {
    return await new Promise<string>((resolve) => {
      const timer = setTimeout(
        () => resolve(`no sync within ${FRESH_CLIENT_TIMEOUT_MS / 1000} s${closes.length ? ` (closed: ${closes.join(', ')})` : ''}`),
        FRESH_CLIENT_TIMEOUT_MS,
      );
      provider.on('connection-close', (e: { code: number; reason: string } | null) => {
        if (e) closes.push(`${e.code} ${e.reason}`);
      });
      // A 44xx close is final for y-websocket: the user sees the board refuse to open.
      provider.on('closed', (e: { code: number; reason: string }) => {
        clearTimeout(timer);
        resolve(`refused: ${e.code} ${e.reason}`);
      });
      provider.on('sync', (synced: boolean) => {
        if (!synced) return;
        clearTimeout(timer);
        const retries = closes.length ? ` after ${closes.length} close(s): ${closes.join(', ')}` : '';
        resolve(`opens in ${ms(performance.now() - t0, 0)}, ${notesMap(provider.doc).size}/${notes} notes${retries}`);
      });
    });
  } finally {
    closeProvider(provider);
  }
}

/** ["a", "b", "a"] -> ["a (2x)", "b"]: a reconnecting client can be closed many times over. */
function countSame(items: string[]): string[] {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts].map(([item, n]) => (n > 1 ? `${item} (${n}x)` : item));
}

function describe(w: WindowResult): string {
  const closes = w.victimCloses.length ? `; victim closed: ${w.victimCloses.join(', ')}` : '';
  return `${w.delays.count} edits, p99 ${ms(w.delays.p99, 1)}, worst ${ms(w.worstMs, 1)}${w.lost ? `, ${w.lost} not back` : ''}${closes}`;
}

export function formatStall(report: StallReport): string {
  const row = (title: string, w: WindowResult) => [
    title,
    String(w.delays.count + w.lost),
    ms(w.delays.p50, 1),
    ms(w.delays.p99, 1),
    ms(w.worstMs, 1),
    String(w.lost),
    w.victimCloses.join(', ') || '-',
  ];
  const attack = table(
    ['payload', 'victim edits', 'p50', 'p99', 'worst', 'not back', 'victim closed', 'attacker closed'],
    [[...row('baseline (no attacker)', report.baseline), '-'], ...report.results.map((r) => [...row(r.title, r.attack), r.attackerClosed])],
  );
  const reopen = table(
    ['payload', 'fresh client on the attacked board', 'victim p99', 'victim worst', 'victim closed', 'server'],
    report.results.map((r) => [
      r.title,
      r.freshClient,
      ms(r.reopen.delays.p99, 1),
      ms(r.reopen.worstMs, 1),
      r.reopen.victimCloses.join(', ') || '-',
      r.serverExited ? `exited (${r.serverExited})` : 'running',
    ]),
  );
  return [
    "Victim delay (writer -> server -> reader on the victim's board) while the attacker sends (target: worst under 100 ms)",
    attack,
    '',
    'Afterwards: a fresh client opens the attacked board from storage',
    reopen,
  ].join('\n');
}
