// Well-formed but hostile payloads, written field by field in the Yjs v1 update format, the sync
// state-vector format and the awareness format: what byte mutations rarely reach (50,000 levels of
// nesting, 50,000 delete ranges in descending order, clocks past 2^53). Issue 6 lists what they did
// to the server. Every choice comes from the seeded PRNG.
import * as prng from 'lib0/prng';
import * as encoding from 'lib0/encoding';
import { HUGE_NUMBERS, pick, type Prng } from './mutations.ts';

/** A client the attacker may aim at, with how far its clock is known to reach. */
export interface Target {
  client: number;
  clock: number;
}

/** 1..max, each power of two about equally likely: mostly small, sometimes enormous. */
export function logUniform(gen: Prng, max: number): number {
  return Math.max(1, Math.floor(2 ** (prng.real53(gen) * Math.log2(max))));
}

function someClient(gen: Prng, targets: readonly Target[]): number {
  return prng.bool(gen) && targets.length > 0 ? pick(gen, targets).client : pick(gen, [prng.uint32(gen, 0, 2 ** 32 - 1), ...HUGE_NUMBERS]);
}

/** `depth` nested arrays as JSON text: `[[[...]]]`. JSON.stringify recurses, so re-encoding it overflows the stack. */
export function nestedJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** `depth` nested arrays in lib0's `any` encoding (117 = array, then its length), ending in null (126). */
function nestedAny(e: encoding.Encoder, depth: number): void {
  for (let i = 0; i < depth; i++) {
    encoding.writeUint8(e, 117);
    encoding.writeVarUint(e, 1);
  }
  encoding.writeUint8(e, 126);
}

const ROOT_NAMES = ['notes', 'meta', 'fuzz'];

/**
 * One item whose content nests `depth` levels deep (ContentJSON, ContentFormat, ContentEmbed or
 * ContentAny), under a root type of the board or a new one: decodable, and each level is legal.
 */
export function deepContentUpdate(gen: Prng, client: number): { kind: string; bytes: Uint8Array } {
  const depth = logUniform(gen, 60_000);
  const content = pick(gen, ['json', 'format', 'embed', 'any'] as const);
  const ref = { json: 2, format: 6, embed: 5, any: 8 }[content];
  const root = pick(gen, ROOT_NAMES);
  const sub = root === 'fuzz' && prng.bool(gen) ? null : prng.word(gen, 1, 8);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients with structs
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // first clock
  encoding.writeUint8(e, ref | (sub === null ? 0 : 0x20));
  encoding.writeVarUint(e, 1); // parent is a root type, by name
  encoding.writeVarString(e, root);
  if (sub !== null) encoding.writeVarString(e, sub);
  if (content === 'json') {
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, nestedJson(depth));
  } else if (content === 'format') {
    encoding.writeVarString(e, 'bold');
    encoding.writeVarString(e, nestedJson(depth));
  } else if (content === 'embed') {
    encoding.writeVarString(e, nestedJson(depth));
  } else {
    encoding.writeVarUint(e, 1);
    nestedAny(e, depth);
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return { kind: `deep ${content} x${depth} in ${root}${sub === null ? '' : '.' + sub}`, bytes: encoding.toUint8Array(e) };
}

/**
 * An update with no structs and a delete set: many ranges (up to 50,000) in ascending, descending or
 * shuffled order, over content that exists or not, with clocks and lengths up to 2^64.
 */
export function deleteSetUpdate(gen: Prng, targets: readonly Target[]): { kind: string; bytes: Uint8Array } {
  const clients = pick(gen, [1, 1, 1, 2, 3]);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, clients);
  const parts: string[] = [];
  for (let c = 0; c < clients; c++) {
    const client = someClient(gen, targets);
    const known = targets.find((t) => t.client === client)?.clock ?? 0;
    const ranges = pick(gen, [1, 2, 3, logUniform(gen, 100), logUniform(gen, 5_000), logUniform(gen, 50_000)]);
    const order = pick(gen, ['ascending', 'descending', 'shuffled'] as const);
    const where = pick(gen, ['existing', 'beyond', 'huge'] as const);
    const lengthKind = pick(gen, ['one', 'small', 'huge'] as const);
    const base = where === 'huge' ? pick(gen, HUGE_NUMBERS) : where === 'beyond' ? known + prng.int32(gen, 1, 1000) : 0;
    // Ranges one apart on existing content: every range splits an item (that is what made
    // descending order quadratic in Y.applyUpdate).
    const step = where === 'existing' ? Math.max(2, Math.floor(known / ranges)) : prng.int32(gen, 2, 1000);
    const clocks = Array.from({ length: ranges }, (_, i) => base + i * step);
    if (order === 'descending') clocks.reverse();
    if (order === 'shuffled') for (let i = clocks.length - 1; i > 0; i--) {
      const j = prng.int32(gen, 0, i);
      [clocks[i], clocks[j]] = [clocks[j], clocks[i]];
    }
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges);
    for (const clock of clocks) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, lengthKind === 'one' ? 1 : lengthKind === 'small' ? prng.int32(gen, 1, step) : pick(gen, HUGE_NUMBERS));
    }
    parts.push(`${ranges} ${order} ${where} ranges, ${lengthKind} lengths`);
  }
  return { kind: `delete set: ${parts.join('; ')}`, bytes: encoding.toUint8Array(e) };
}

/**
 * Structs with odd headers: client ids and clocks past 2^32 and 2^53, GC/Skip/Deleted lengths up
 * to 2^64, origins and parents that do not exist, unknown content refs, counts that lie.
 */
export function oddStructUpdate(gen: Prng, targets: readonly Target[]): { kind: string; bytes: Uint8Array } {
  const client = someClient(gen, targets);
  const clock = pick(gen, [0, 0, prng.uint32(gen, 1, 1000), ...HUGE_NUMBERS]);
  const shape = pick(gen, ['gc', 'skip', 'deleted', 'string', 'origin', 'parentId', 'unknownRef', 'countLies'] as const);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  const structs = shape === 'countLies' ? pick(gen, HUGE_NUMBERS) : prng.int32(gen, 1, 3);
  encoding.writeVarUint(e, structs);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  const n = shape === 'countLies' ? 1 : structs;
  for (let i = 0; i < n; i++) {
    switch (shape) {
      case 'gc':
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, pick(gen, [1, ...HUGE_NUMBERS]));
        break;
      case 'skip':
        encoding.writeUint8(e, 10);
        encoding.writeVarUint(e, pick(gen, [1, ...HUGE_NUMBERS]));
        break;
      case 'deleted':
        encoding.writeUint8(e, 1);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, 'notes');
        encoding.writeVarUint(e, pick(gen, [1, ...HUGE_NUMBERS]));
        break;
      case 'string':
        encoding.writeUint8(e, 4);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, pick(gen, ROOT_NAMES));
        encoding.writeVarString(e, 'x'.repeat(logUniform(gen, 200_000)));
        break;
      case 'origin':
      case 'parentId': {
        // An item to the right of, or inside, something that may not exist (it waits as pending).
        encoding.writeUint8(e, shape === 'origin' ? 4 | 0x80 : 4);
        if (shape === 'parentId') encoding.writeVarUint(e, 0); // parent by id
        encoding.writeVarUint(e, someClient(gen, targets));
        encoding.writeVarUint(e, pick(gen, [0, prng.uint32(gen, 1, 1000), ...HUGE_NUMBERS]));
        encoding.writeVarString(e, prng.word(gen, 1, 10));
        break;
      }
      case 'unknownRef':
      case 'countLies':
        encoding.writeUint8(e, prng.int32(gen, 11, 31) | (prng.bool(gen) ? 0x20 : 0));
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, 'notes');
        break;
    }
  }
  encoding.writeVarUint(e, 0);
  return { kind: `struct ${shape} client ${client} clock ${clock}`, bytes: encoding.toUint8Array(e) };
}

/** Sync step 1 state vectors nobody honest sends: huge clocks, 10,000 clients, duplicates, lies about the count. */
export function oddStateVector(gen: Prng, targets: readonly Target[]): { kind: string; bytes: Uint8Array } {
  const shape = pick(gen, ['empty', 'zero', 'hugeClocks', 'manyClients', 'duplicates', 'countLies'] as const);
  const e = encoding.createEncoder();
  if (shape === 'empty') return { kind: 'state vector: no bytes', bytes: new Uint8Array(0) };
  const entries = shape === 'zero' ? 0 : shape === 'manyClients' ? logUniform(gen, 10_000) : prng.int32(gen, 1, 4);
  encoding.writeVarUint(e, shape === 'countLies' ? pick(gen, HUGE_NUMBERS) : entries);
  const client = someClient(gen, targets);
  for (let i = 0; i < entries; i++) {
    encoding.writeVarUint(e, shape === 'duplicates' ? client : someClient(gen, targets));
    encoding.writeVarUint(e, shape === 'hugeClocks' || prng.bool(gen) ? pick(gen, HUGE_NUMBERS) : prng.uint32(gen, 0, 1000));
  }
  return { kind: `state vector: ${shape} (${entries})`, bytes: encoding.toUint8Array(e) };
}

/**
 * Awareness updates with hostile entries: other clients' ids (the honest ones) with newer clocks,
 * clocks past 2^53, deeply nested or invalid JSON, 60 KB names, many ids, removals of others.
 */
export function oddAwareness(gen: Prng, own: number, targets: readonly Target[]): { kind: string; bytes: Uint8Array } {
  const shape = pick(gen, ['takeover', 'hugeClock', 'deepState', 'invalidJson', 'bigState', 'manyIds', 'removeOthers', 'countLies'] as const);
  const entries = shape === 'manyIds' ? logUniform(gen, 1000) : prng.int32(gen, 1, 3);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, shape === 'countLies' ? pick(gen, HUGE_NUMBERS) : entries);
  for (let i = 0; i < entries; i++) {
    const other = shape === 'takeover' || shape === 'removeOthers' || shape === 'manyIds';
    encoding.writeVarUint(e, other ? someClient(gen, targets) : own);
    encoding.writeVarUint(e, shape === 'hugeClock' || prng.bool(gen) ? pick(gen, HUGE_NUMBERS) : prng.uint32(gen, 0, 100));
    const state =
      shape === 'deepState' ? `{"user":${nestedJson(logUniform(gen, 30_000))}}`
      : shape === 'invalidJson' ? pick(gen, ['{', '', 'undefined', '{"user":', '\u0000'])
      : shape === 'bigState' ? JSON.stringify({ user: { name: 'x'.repeat(logUniform(gen, 70_000)) } })
      : shape === 'removeOthers' ? 'null'
      : JSON.stringify({ user: { name: 'Teacher', role: 'facilitator' } });
    encoding.writeVarString(e, state);
  }
  return { kind: `awareness: ${shape} (${entries})`, bytes: encoding.toUint8Array(e) };
}
