// What an incoming Yjs update would do to a board, decided before anything is stored (issue 6).
//
// An update that decodes is not yet safe. Found by attacking the server with a participant link:
// - content nested ~50,000 deep (ContentJSON, ContentFormat, ContentAny) is stored, and from then on
//   every full encode of the board throws in JSON.stringify/writeAny: no client can ever load it;
// - delete-set clocks above 2^53 (lib0's readVarUint returns them as inexact floats) make every
//   later encode throw "Integer out of Range";
// - a delete set in descending order costs quadratic time in Y.applyUpdate, and is replayed on
//   every load;
// - deletions or structs that refer to content the board does not have stay "pending" in the doc,
//   are merged again on every later update, and are re-sent with every full encode.
// So the server checks numbers, nesting and size, sorts delete sets, bounds pending content, and
// keeps only the part of the update the board does not have yet (clients re-send content the server
// holds: a reload replays IndexedDB into a connected provider).
import * as Y from 'yjs';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
type Struct = DecodedUpdate['structs'][number];

export interface UpdateLimits {
  /** Structs plus delete ranges in one update: bounds the time one message can cost. */
  maxParts: number;
  /**
   * Delete ranges in one update. Each range can split an item, and Yjs splices its struct array per
   * split: 10,000 sorted ranges cost ~12 ms, 50,000 ~300 ms (measured here). Deleting a note is one
   * to three ranges, so select-all-and-delete of a few thousand notes still fits.
   */
  maxDeleteRanges: number;
  /** Nesting depth of JSON-like content (objects, arrays): JSON.stringify and writeAny recurse. */
  maxDepth: number;
  /** Bytes of content the board may hold that depends on content it lacks (Yjs "pending"). */
  maxPendingBytes: number;
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  // A 1 MiB frame of minimal structs holds ~300k parts; a big offline sync step 2 holds thousands.
  maxParts: 100_000,
  maxDeleteRanges: 10_000,
  // The board stores plain values; formatting attributes are one level deep.
  maxDepth: 64,
  maxPendingBytes: 64 * 1024,
};

/** Client ids are uint32 in Yjs (doc.clientID); clocks must stay exact doubles. */
const MAX_CLIENT_ID = 0xffff_ffff;
const MAX_CLOCK = Number.MAX_SAFE_INTEGER;

export type UpdateCheck =
  /** Refuse it and blame the sender (4400 or 4413). */
  | { kind: 'invalid'; reason: string; tooLarge?: boolean }
  /** Applying it would change nothing (a re-send, an empty sync step 2). */
  | { kind: 'none' }
  /**
   * Store and apply `update`: only the unknown part, delete set sorted. `incomplete` when part of it
   * depends on content the board lacks (it stays pending until that content arrives). `decoded` is
   * the incoming update as decoded here (known parts included), for the write check, so nothing is
   * decoded twice.
   */
  | { kind: 'new'; update: Uint8Array; incomplete: boolean; decoded: DecodedUpdate };

/** An update with no structs and no deletions, for Y.mergeUpdates' re-encoding. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

export function checkUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits = DEFAULT_UPDATE_LIMITS): UpdateCheck {
  let decoded: DecodedUpdate;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { kind: 'invalid', reason: 'undecodable update' };
  }
  const { structs, ds } = decoded;
  let ranges = 0;
  for (const r of ds.clients.values()) ranges += r.length;
  if (structs.length + ranges > limits.maxParts || ranges > limits.maxDeleteRanges) {
    return { kind: 'invalid', reason: 'update has too many parts', tooLarge: true };
  }

  // How far each client's content reaches once this update is applied (contiguous from the board's state).
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(doc.store, client);
  let known = false;
  let fresh = false;
  let incomplete = false;
  for (const s of structs) {
    const bad = structProblem(s, limits.maxDepth);
    if (bad) return { kind: 'invalid', reason: bad };
    if (s instanceof Y.Skip) continue;
    const { client, clock } = s.id;
    const state = Y.getState(doc.store, client);
    if (clock + s.length <= state) {
      known = true;
      continue;
    }
    fresh = true;
    const r = reachOf(client);
    if (clock > r) incomplete = true; // a gap: Yjs keeps it pending
    else reach.set(client, Math.max(r, clock + s.length));
  }
  let sorted = true;
  for (const [client, ranges] of ds.clients) {
    if (client > MAX_CLIENT_ID || client < 0) return { kind: 'invalid', reason: 'client id out of range' };
    let end = 0;
    for (const { clock, len } of ranges) {
      if (!isCount(clock) || !isCount(len) || clock + len > MAX_CLOCK) return { kind: 'invalid', reason: 'delete range out of range' };
      if (clock < end) sorted = false;
      end = clock + len;
    }
  }
  // Dependencies (origins, parent) must be on the board or in this update.
  if (fresh && !incomplete) incomplete = structs.some((s) => s instanceof Y.Item && hasMissingDependency(s, reachOf));

  let deletes = false;
  try {
    deletes = deletesSomething(doc, ds);
  } catch {
    deletes = true; // an inconsistent range: let Yjs decide when applying
  }
  if (!fresh && !deletes) return { kind: 'none' };
  if (!incomplete) incomplete = dsReachesBeyond(ds, reachOf);
  if (incomplete && pendingBytes(doc) + update.byteLength > limits.maxPendingBytes) {
    return { kind: 'invalid', reason: 'update depends on content the board does not have' };
  }
  let out = update;
  // Only the unknown structs (the whole delete set is kept: deleting twice is harmless).
  if (known && fresh) out = Y.diffUpdate(out, Y.encodeStateVector(doc));
  // Y.mergeUpdates sorts and merges the delete set (two updates only: yjs#710 is about thousands).
  if (!sorted) out = Y.mergeUpdates([out, EMPTY_UPDATE]);
  return { kind: 'new', update: out, incomplete, decoded };
}

/** Bytes of content the doc holds back because it depends on content it lacks. */
export function pendingBytes(doc: Y.Doc): number {
  const store = doc.store as unknown as { pendingStructs: { update: Uint8Array } | null; pendingDs: Uint8Array | null };
  return (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function idProblem(id: Y.ID | null, length = 0): string | undefined {
  if (id === null) return undefined;
  if (!Number.isInteger(id.client) || id.client < 0 || id.client > MAX_CLIENT_ID) return 'client id out of range';
  if (!isCount(id.clock) || !isCount(length) || id.clock + length > MAX_CLOCK) return 'clock out of range';
  return undefined;
}

function structProblem(s: Struct, maxDepth: number): string | undefined {
  const bad = idProblem(s.id, s.length);
  if (bad) return bad;
  if (!(s instanceof Y.Item)) return undefined;
  const dep = idProblem(s.origin) ?? idProblem(s.rightOrigin) ?? (s.parent instanceof Y.ID ? idProblem(s.parent) : undefined);
  if (dep) return dep;
  const c = s.content;
  let values: unknown[] | undefined;
  if (c instanceof Y.ContentJSON || c instanceof Y.ContentAny) values = c.arr;
  else if (c instanceof Y.ContentFormat) values = [c.value];
  else if (c instanceof Y.ContentEmbed) values = [c.embed];
  else if (c instanceof Y.ContentDoc) values = [c.opts];
  if (values && values.some((v) => tooDeep(v, maxDepth))) return 'content nested too deep';
  return undefined;
}

/** Iterative (a recursive walk would overflow on exactly the values it is meant to catch). */
function tooDeep(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || v instanceof Uint8Array) continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

function hasMissingDependency(s: Y.Item, reachOf: (client: number) => number): boolean {
  const missing = (id: Y.ID | null) => id !== null && id.clock >= reachOf(id.client);
  return missing(s.origin) || missing(s.rightOrigin) || (s.parent instanceof Y.ID && missing(s.parent));
}

function dsReachesBeyond(ds: DecodedUpdate['ds'], reachOf: (client: number) => number): boolean {
  for (const [client, ranges] of ds.clients) {
    const r = reachOf(client);
    if (ranges.some(({ clock, len }) => clock + len > r)) return true;
  }
  return false;
}

/** True when a delete set removes anything the doc still has, or content it has not seen. */
function deletesSomething(doc: Y.Doc, ds: DecodedUpdate['ds']): boolean {
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (end > state || !structs) return true;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < end; i++) {
        if (!structs[i].deleted) return true;
      }
    }
  }
  return false;
}
