// Minimized frames that broke a board, each found by a fuzz seed (or named in issue 6) and replayed
// on every run as a plain regression test. Add one with `npx tsx server/src/fuzz/minimize.ts <seed>`.
// Hex uses the run-length shorthand of fixtureHex.ts.
import type { AttackerRole } from './hostileFrames.ts';

export interface HostileFixture {
  name: string;
  /** The fuzz seed it came from: the board is replayed with that seed's honest client ids. */
  seed: number;
  /** Where it came from and what it did to the server before the fix. */
  found: string;
  frames: Array<{ via: AttackerRole; kind: string; hex: string }>;
}

export const HOSTILE_FIXTURES: HostileFixture[] = [];
