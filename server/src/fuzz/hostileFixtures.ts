// Minimized frames that broke a board, each found by a fuzz seed and replayed on every run as a plain
// regression test (the payloads named in issue 6 itself are in server/src/yjs/hostileInput.test.ts).
// Add one with `npx tsx server/src/fuzz/minimize.ts <seed>`. Hex uses the shorthand of fixtureHex.ts.
import type { AttackerRole } from './hostileFrames.ts';

export interface HostileFixture {
  name: string;
  /** The fuzz seed it came from: the board is replayed with that seed's honest client ids. */
  seed: number;
  /** Where it came from and what it did to the server before the fix. */
  found: string;
  frames: Array<{ via: AttackerRole; kind: string; hex: string }>;
}

export const HOSTILE_FIXTURES: HostileFixture[] = [
  {
    name: 'ContentEmbed nested 9,501 deep under a new root type (seed 1)',
    seed: 1,
    found: 'fuzz seed 1 on 8451a5d: "Maximum call stack size exceeded" on every encode; a fresh participant and viewer closed with 4400, both honest participants closed with 4400',
    frames: [{ via: 'participant', kind: 'deep embed x9501 in fuzz.xlrlr', hex: '0002d39401010181bce2e1020025010466757a7a05786c726c72ba9401[5b*9501][5d*9501]00' }],
  },
  {
    name: 'a delete range at clock 2^32, then one at clock 2^60 (seed 2)',
    seed: 2,
    found: 'fuzz seed 2 on 8451a5d: "Integer out of Range" on every encode; fresh participant and viewer closed with 4400, compaction failed',
    frames: [
      { via: 'participant', kind: 'delete set: attacker client at clock 2^32, client 2^31-1 beyond its state', hex: '00021a0002828080800701808080801001ffffffff0702c1041ba80624' },
      { via: 'participant', kind: 'delete set: attacker client at clock 2^60', hex: '0001130001828080800701808080808080808010b301' },
    ],
  },
  {
    name: 'one delete set with lengths 2^32 and 2^60 over the honest participants\' content (seed 4)',
    seed: 4,
    found: 'fuzz seed 4 on 8451a5d: a fresh participant and viewer closed with 4400',
    frames: [{
      via: 'participant',
      kind: 'delete set: 3 shuffled existing ranges, huge lengths; 2 descending existing ranges, huge lengths',
      hex: '0001340002a1808080010302808080801004808080801000808080808080808010a0808080010202808080800800808080808080808010',
    }],
  },
  {
    name: 'a plain value instead of a note map under notes/',
    seed: 4,
    found: 'fuzz seed 4 on 8451a5d (a deep embed under notes/<key>), reduced by hand to a string: listNotes throws "m.get is not a function" on every replica, so the board cannot be listed or edited',
    frames: [{ via: 'participant', kind: 'ContentAny string under notes.k', hex: '00021d01019221002801056e6f746573016b01770a6e6f742061206e6f746500' }],
  },
  {
    name: 'a deleted struct at clock 2^64 of a client that has content (seed 8)',
    seed: 8,
    found: 'fuzz seed 8 on 8451a5d: stored; a fresh participant and viewer closed with 4400',
    frames: [
      { via: 'participant', kind: 'valid update: 103,241 characters of note text', hex: '0001e0a60601018880808007a0a80144888080800784a801c9a606[62*103241]00' },
      { via: 'participant', kind: 'struct deleted client 1879048200 clock 18446744073709552000', hex: '00021f01018880808007808080808080808080020101056e6f746573ffffffff0f00' },
    ],
  },
  {
    name: 'a delete set over clocks an honest client has not written yet',
    seed: 9,
    found: 'fuzz seed 5 after da804cf (a delete set of ranges beyond the state of honest clients), reduced by hand: the server keeps it pending and applies it to the honest client\'s next notes, which every replica deletes except the author\'s own (local edits never consult pending deletes): same state vectors, different boards, and the author is never acknowledged as stored',
    frames: [{ via: 'participant', kind: 'delete set: honest client 268435528, clocks 0..100000', hex: '00020c0001c8808080010100a08d06' }],
  },
  {
    name: 'a struct written under an honest client\'s id (seed 13)',
    seed: 13,
    found: 'fuzz seed 13 after da804cf: the server stores a deleted struct of length 2^31 under the honest participant\'s client id; its Yjs sees another writer of its id and changes its client id, and its y-websocket provider then throws on leaving (awareness of the old id is gone)',
    frames: [{ via: 'participant', kind: 'struct deleted client 268435560 clock 0, length 2^31', hex: '0002160101e880808001000101056e6f746573808080800800' }],
  },
  {
    name: 'a format item under notes/ that reads as undefined (seed 12)',
    seed: 12,
    found: 'fuzz seed 12 after da804cf: stored and relayed; Y.Map#forEach yields undefined for it, so listNotes throws "Cannot read properties of undefined (reading \'get\')" on every replica',
    frames: [{ via: 'participant', kind: 'deep format x3 in notes.qiqahy', hex: '0001240101afc0d7b106002601056e6f7465730671697161687904626f6c64065b5b5b5d5d5d00' }],
  },
];
