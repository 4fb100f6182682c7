// Issue 6, "Proof that stays": seeded hostile input through the real server while honest users keep
// editing. Each seed: a new board, two participants editing and a viewer (real y-websocket
// providers), an attacker with a participant and a viewer socket sending FUZZ_FRAMES frames; then
// every honest replica, the stored board and fresh clients must agree and the board must open.
//
//   npx vitest run server/src/fuzz                       the CI seeds and every fixture
//   FUZZ_SEEDS=200 npx vitest run server/src/fuzz        seeds 1..200
//   FUZZ_SEED=17 npx vitest run server/src/fuzz          one seed (its failure report lists the frames)
//   FUZZ_DEBUG=1 ...                                     print the report of passing seeds too
//   npx tsx server/src/fuzz/minimize.ts 17               shrink seed 17 to a fixture
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { ATTACK_SERVER_CONFIG, BoardUnderAttack, honestClientIds, type FrameReport } from './BoardUnderAttack.ts';
import { hostileFrames } from './hostileFrames.ts';
import { HOSTILE_FIXTURES } from './hostileFixtures.ts';
import { fromFixtureHex } from './fixtureHex.ts';

/** Seeds CI runs on every push: enough to cover every generator, within ~60 s on a busy 2-core machine. */
const CI_SEEDS = 12;
const FRAMES_PER_SEED = Number(process.env.FUZZ_FRAMES ?? 100);

function seeds(): number[] {
  if (process.env.FUZZ_SEED) return process.env.FUZZ_SEED.split(',').map(Number);
  const n = Number(process.env.FUZZ_SEEDS ?? CI_SEEDS);
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** A failing seed's test times out on its own checks (10 s waits), never on vitest's clock. */
const SEED_TIMEOUT_MS = 180_000;

let t: TestServer;
const serverErrors: string[] = [];

beforeAll(async () => {
  const logDestination = { write: (line: string) => void serverErrors.push(line) };
  t = await startTestServer({ ...ATTACK_SERVER_CONFIG, logLevel: 'error' }, { logDestination });
});

afterAll(async () => {
  await t.close();
});

/** What a failing seed needs to be understood: the problems, what the server logged, the frames it swallowed. */
function report(seed: number, boardId: string, problems: string[], reports: FrameReport[]): string {
  const swallowed = reports
    .filter((r) => r.outcome.result === 'handled' && !r.frame.kind.startsWith('valid') && r.frame.kind !== 'query awareness')
    .map((r) => `  ${r.frame.via}: ${r.frame.kind} (${r.frame.bytes.length} bytes)`);
  const logged = serverErrors.filter((l) => l.includes(boardId)).map((l) => {
    const { msg, err } = JSON.parse(l) as { msg: string; err?: { message?: string } };
    return `  ${msg}${err?.message ? `: ${err.message.slice(0, 120)}` : ''}`;
  });
  const outcomes = new Map<string, number>();
  for (const r of reports) {
    const key = r.outcome.result === 'closed' ? `closed ${r.outcome.code}` : r.outcome.result;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  return [
    `seed ${seed}: ${problems.length} problems. Reproduce: FUZZ_SEED=${seed} npx vitest run server/src/fuzz; shrink: npx tsx server/src/fuzz/minimize.ts ${seed}`,
    ...problems.map((p) => `  - ${p}`),
    `frames: ${[...outcomes].map(([k, n]) => `${n} ${k}`).join(', ')}`,
    `server errors for the board (${logged.length}):`,
    ...[...new Set(logged)].slice(0, 10),
    `hostile frames the server handled without closing the attacker (${swallowed.length}):`,
    ...swallowed.slice(0, 60),
  ].join('\n');
}

describe('hostile frames from a participant and a viewer, while honest users edit (seeded fuzz)', () => {
  for (const seed of seeds()) {
    it(`seed ${seed}: replicas, stored board and fresh clients agree, and the board opens`, async () => {
      const board = await BoardUnderAttack.open(t, seed);
      try {
        const frames = hostileFrames(seed, FRAMES_PER_SEED, { honestClientIds: honestClientIds(seed, 2) });
        board.startEditing();
        const reports = await board.attack(frames);
        const problems = await board.check();
        if (process.env.FUZZ_DEBUG) console.log(report(seed, board.board.id, problems, reports));
        expect(problems, report(seed, board.board.id, problems, reports)).toEqual([]);
      } finally {
        board.destroy();
      }
    }, SEED_TIMEOUT_MS);
  }
});

describe('minimized frames that once broke a board (fixtures)', () => {
  for (const [i, fixture] of HOSTILE_FIXTURES.entries()) {
    it(`survives ${fixture.name}`, async () => {
      const board = await BoardUnderAttack.open(t, fixture.seed, 1);
      try {
        const frames = fixture.frames.map((f) => ({ via: f.via, kind: f.kind, bytes: fromFixtureHex(f.hex) }));
        board.editOnce();
        const reports = await board.attack(frames);
        board.editOnce();
        const problems = await board.check();
        expect(problems, report(fixture.seed, board.board.id, problems, reports)).toEqual([]);
      } finally {
        board.destroy();
      }
    }, SEED_TIMEOUT_MS);
  }
});
