// Shrinks a failing fuzz seed to the few frames (and bytes) that still break a board, and prints a
// fixture for hostileFixtures.ts. Every try runs against the real server, like the suite, but with
// one honest participant editing once before and once after the frames (deterministic enough to
// bisect), so a seed that fails only under concurrent edits is reported as not reproducing.
//
//   npx tsx server/src/fuzz/minimize.ts <seed> [frames]      (FUZZ_FRAMES is the default count)
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { ATTACK_SERVER_CONFIG, BoardUnderAttack, honestClientIds } from './BoardUnderAttack.ts';
import { hostileFrames, type HostileFrame } from './hostileFrames.ts';
import { toFixtureHex } from './fixtureHex.ts';

/** Tries per frame when cutting bytes out of it: each try is one board on the real server. */
const BYTE_TRIES_PER_FRAME = 40;
/** Failing tries wait this long for what never comes (acknowledgements, convergence). */
const SETTLE_TIMEOUT_MS = 3000;

/** A problem's text without its numbers, so "closed with 4400" matches across tries but a different failure does not. */
function signature(problem: string): string {
  return problem.replace(/\d+/g, '#').replace(/\[.*$/, '');
}

/** The most telling problem decides what a smaller input must still break. */
const PRIORITY = ['fresh participant was closed', 'fresh viewer was closed', 'honest client', 'stored board differs', 'did not answer', 'stored updates fail'];

function mainProblem(problems: string[]): string {
  for (const key of PRIORITY) {
    const p = problems.find((x) => x.includes(key));
    if (p) return p;
  }
  return problems[0];
}

async function run(t: TestServer, seed: number, frames: readonly HostileFrame[]): Promise<string[]> {
  const board = await BoardUnderAttack.open(t, seed, 1, SETTLE_TIMEOUT_MS);
  try {
    board.editOnce();
    await board.attack(frames);
    board.editOnce();
    return await board.check();
  } finally {
    board.destroy();
  }
}

/** Zeller's ddmin: removes chunks of ever smaller size while the failure stays. */
async function ddmin<T>(items: T[], fails: (candidate: T[]) => Promise<boolean>): Promise<T[]> {
  let n = 2;
  while (items.length >= 2) {
    const size = Math.ceil(items.length / n);
    let reduced = false;
    for (let start = 0; start < items.length; start += size) {
      const complement = [...items.slice(0, start), ...items.slice(start + size)];
      if (complement.length > 0 && (await fails(complement))) {
        items = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= items.length) break;
      n = Math.min(n * 2, items.length);
    }
  }
  return items;
}

/** Cuts halves, quarters, ... out of one frame's bytes while the failure stays, within a budget. */
async function shrinkBytes(bytes: Uint8Array, fails: (candidate: Uint8Array) => Promise<boolean>): Promise<Uint8Array> {
  let tries = 0;
  for (let chunk = Math.floor(bytes.length / 2); chunk >= 1 && tries < BYTE_TRIES_PER_FRAME; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start + chunk <= bytes.length && tries < BYTE_TRIES_PER_FRAME; ) {
      const candidate = new Uint8Array([...bytes.subarray(0, start), ...bytes.subarray(start + chunk)]);
      tries++;
      if (await fails(candidate)) bytes = candidate;
      else start += chunk;
    }
  }
  return bytes;
}

async function main(): Promise<void> {
  const seed = Number(process.argv[2]);
  const count = Number(process.argv[3] ?? process.env.FUZZ_FRAMES ?? 100);
  if (!Number.isInteger(seed)) throw new Error('usage: minimize.ts <seed> [frames]');
  const t = await startTestServer(ATTACK_SERVER_CONFIG);
  try {
    let frames = hostileFrames(seed, count, { honestClientIds: honestClientIds(seed, 2) });
    const first = await run(t, seed, frames);
    if (first.length === 0) {
      console.log(`seed ${seed} does not fail without concurrent honest edits; run it in the suite (FUZZ_SEED=${seed}).`);
      return;
    }
    const target = signature(mainProblem(first));
    console.error(`seed ${seed} fails (${first.length} problems); keeping: ${target}`);
    let tries = 0;
    const fails = async (candidate: readonly HostileFrame[]) => {
      tries++;
      const ok = (await run(t, seed, candidate)).some((p) => signature(p) === target);
      console.error(`  try ${tries}: ${candidate.length} frames, ${candidate.reduce((n, f) => n + f.bytes.length, 0)} bytes: ${ok ? 'still fails' : 'passes'}`);
      return ok;
    };
    frames = await ddmin(frames, fails);
    for (let i = 0; i < frames.length; i++) {
      if (frames[i].kind.startsWith('valid')) continue; // the attacker's own edits: content the hostile frame needs
      const bytes = await shrinkBytes(frames[i].bytes, (b) => fails(frames.map((f, j) => (j === i ? { ...f, bytes: b } : f))));
      frames = frames.map((f, j) => (j === i ? { ...f, bytes } : f));
    }
    console.log(JSON.stringify({
      name: `seed ${seed}: ${frames.filter((f) => !f.kind.startsWith('valid')).map((f) => f.kind).join(' + ')}`,
      seed,
      found: `fuzz seed ${seed}: ${target}`,
      frames: frames.map((f) => ({ via: f.via, kind: f.kind, hex: toFixtureHex(f.bytes) })),
    }, null, 2));
  } finally {
    await t.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
