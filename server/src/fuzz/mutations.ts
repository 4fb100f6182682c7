// Byte-level mutations of a valid payload, driven by a seeded PRNG (lib0/prng, the generator Yjs's
// own randomized tests use), so a seed always yields the same bytes from the same input.
import * as prng from 'lib0/prng';
import * as encoding from 'lib0/encoding';

export type Prng = prng.PRNG;

/** prng.oneOf for readonly arrays too. */
export function pick<T>(gen: Prng, items: readonly T[]): T {
  return items[prng.int32(gen, 0, items.length - 1)];
}

/**
 * Numbers an attacker writes where a clock, length or client id is expected: the 32-bit and 53-bit
 * edges, what lib0's readVarUint still returns past 2^53 (it checks the range before the last byte
 * only), and 2^64-1 (issue 6: delete-set clocks above 2^53 make every later encode throw).
 */
export const HUGE_NUMBERS: readonly number[] = [
  2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 2 ** 64 - 1,
];

export function varUint(n: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return encoding.toUint8Array(e);
}

/** A varint that never ends within `n` bytes (continuation bit set on each): overflow and truncation at once. */
function endlessVarUint(gen: Prng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => 0x80 | prng.uint32(gen, 0, 127));
}

/** A varint longer than 53 bits whose last byte still ends it: lib0 decodes a number it cannot represent. */
function overlongVarUint(gen: Prng): Uint8Array {
  const n = prng.int32(gen, 8, 12);
  return Uint8Array.from({ length: n }, (_, i) => (i === n - 1 ? prng.uint32(gen, 1, 127) : 0x80 | prng.uint32(gen, 0, 127)));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An index in [0, length]; biased to the first bytes, where headers, counts and client ids sit. */
function position(gen: Prng, length: number): number {
  if (length === 0) return 0;
  return prng.bool(gen) ? prng.int32(gen, 0, Math.min(length, 12)) : prng.int32(gen, 0, length);
}

function slice(gen: Prng, bytes: Uint8Array): [number, number] {
  const start = position(gen, bytes.length);
  const end = Math.min(bytes.length, start + prng.int32(gen, 1, Math.max(1, Math.min(64, bytes.length))));
  return [start, end];
}

type Mutation = (gen: Prng, bytes: Uint8Array, other: Uint8Array) => Uint8Array;

/** Named so a failure report says what was done to the payload. */
const MUTATIONS: Record<string, Mutation> = {
  flipBits: (gen, b) => {
    const out = Uint8Array.from(b);
    if (out.length === 0) return out;
    for (let k = prng.int32(gen, 1, 4); k > 0; k--) out[position(gen, out.length - 1)] ^= 1 << prng.int32(gen, 0, 7);
    return out;
  },
  setBytes: (gen, b) => {
    const out = Uint8Array.from(b);
    if (out.length === 0) return out;
    for (let k = prng.int32(gen, 1, 4); k > 0; k--) {
      out[position(gen, out.length - 1)] = pick(gen, [0x00, 0x01, 0x7f, 0x80, 0xff, prng.uint32(gen, 0, 255)]);
    }
    return out;
  },
  truncate: (gen, b) => b.slice(0, prng.int32(gen, 0, Math.max(0, b.length - 1))),
  appendGarbage: (gen, b) => concat(b, prng.uint8Array(gen, prng.int32(gen, 1, 16))),
  insertHugeNumber: (gen, b) => {
    const at = position(gen, b.length);
    const drop = prng.int32(gen, 0, 3);
    return concat(b.slice(0, at), varUint(pick(gen, HUGE_NUMBERS)), b.slice(Math.min(b.length, at + drop)));
  },
  overlongVarUint: (gen, b) => {
    const at = position(gen, b.length);
    return concat(b.slice(0, at), overlongVarUint(gen), b.slice(Math.min(b.length, at + 1)));
  },
  endlessVarUint: (gen, b) => {
    const at = position(gen, b.length);
    const tail = prng.bool(gen) ? new Uint8Array(0) : b.slice(at);
    return concat(b.slice(0, at), endlessVarUint(gen, prng.int32(gen, 6, 24)), tail);
  },
  duplicateSection: (gen, b) => {
    const [s, e] = slice(gen, b);
    const at = position(gen, b.length);
    const times = pick(gen, [1, 1, 2, 8]);
    const copies: Uint8Array[] = Array.from({ length: times }, () => b.slice(s, e));
    return concat(b.slice(0, at), ...copies, b.slice(at));
  },
  removeSection: (gen, b) => {
    const [s, e] = slice(gen, b);
    return concat(b.slice(0, s), b.slice(e));
  },
  swapSections: (gen, b) => {
    const [s1, e1] = slice(gen, b);
    const [s2, e2] = slice(gen, b);
    if (e1 > s2 && e2 > s1) return Uint8Array.from(b); // overlapping: nothing sensible to swap
    const [a, c] = s1 < s2 ? [[s1, e1], [s2, e2]] : [[s2, e2], [s1, e1]];
    return concat(b.slice(0, a[0]), b.slice(c[0], c[1]), b.slice(a[1], c[0]), b.slice(a[0], a[1]), b.slice(c[1]));
  },
  /** The head of this payload with the tail of another: sections of two valid messages, out of place. */
  splice: (gen, b, other) => concat(b.slice(0, position(gen, b.length)), other.slice(position(gen, other.length))),
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies 1-3 random mutations; returns the bytes and the names of what was applied, in order. */
export function mutate(gen: Prng, bytes: Uint8Array, other: Uint8Array = bytes): { bytes: Uint8Array; ops: string[] } {
  const ops: string[] = [];
  let out = bytes;
  for (let k = pick(gen, [1, 1, 1, 2, 3]); k > 0; k--) {
    const name = pick(gen, MUTATION_NAMES);
    out = MUTATIONS[name](gen, out, other);
    ops.push(name);
  }
  return { bytes: out, ops };
}
