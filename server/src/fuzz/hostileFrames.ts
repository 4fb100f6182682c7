// The frames one fuzz seed sends: valid messages of the attacker's corpus (in order, so its content
// lands), interleaved with mutated and structurally hostile updates, awareness updates, sync step 1
// state vectors and unknown messages, some through a viewer's socket. Same seed, same frames.
import * as prng from 'lib0/prng';
import * as encoding from 'lib0/encoding';
import { MessageType } from '../../../shared/src/protocol.ts';
import { HUGE_NUMBERS, mutate, pick, type Prng } from './mutations.ts';
import { buildAttackerCorpus } from './attackerCorpus.ts';
import { deepContentUpdate, deleteSetUpdate, oddAwareness, oddStateVector, oddStructUpdate, type Target } from './hostileStructures.ts';

export type AttackerRole = 'participant' | 'viewer';

export interface HostileFrame {
  /** What it is, for failure reports and fixtures ("update: flipBits,truncate", "deep json x50000 in notes.k"). */
  kind: string;
  via: AttackerRole;
  bytes: Uint8Array;
}

const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** A y-websocket message: type, then (for sync) the step, then the payload as a length-prefixed byte array. */
export function frame(type: number, step: number | null, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (step !== null) encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function updateFrame(gen: Prng, update: Uint8Array): Uint8Array {
  return frame(MessageType.Sync, prng.bool(gen) ? SYNC_STEP_2 : SYNC_UPDATE, update);
}

export interface FrameContext {
  /** Awareness/doc client ids of the honest clients, so the attacker can aim at them. */
  honestClientIds: readonly number[];
}

/** The attacker's client id for a seed: below 2^32 like a real one, never an honest one. */
export function attackerClientId(seed: number): number {
  return 0x7000_0000 + (seed % 0x0fff_ffff);
}

export function hostileFrames(seed: number, count: number, ctx: FrameContext): HostileFrame[] {
  const gen = prng.create(seed);
  const corpus = buildAttackerCorpus(gen, attackerClientId(seed));
  const targets: Target[] = [
    { client: corpus.clientId, clock: corpus.clock },
    ...ctx.honestClientIds.map((client) => ({ client, clock: 0 })),
  ];
  const anyUpdate = () => pick(gen, corpus.updates);
  let nextValid = 0;
  const frames: HostileFrame[] = [];
  const push = (kind: string, bytes: Uint8Array) =>
    frames.push({ kind, bytes, via: prng.int32(gen, 0, 4) === 0 ? 'viewer' : 'participant' });

  while (frames.length < count) {
    const choice = prng.int32(gen, 0, 99);
    if (choice < 20 && nextValid < corpus.updates.length) {
      push('valid update', updateFrame(gen, corpus.updates[nextValid++]));
    } else if (choice < 25) {
      // Out of order: a later update before the ones it depends on (it waits as pending).
      const i = prng.int32(gen, 0, corpus.updates.length - 1);
      push(`valid update #${i} out of order`, updateFrame(gen, corpus.updates[i]));
    } else if (choice < 45) {
      const { bytes, ops } = mutate(gen, anyUpdate(), anyUpdate());
      push(`update: ${ops.join(',')}`, updateFrame(gen, bytes));
    } else if (choice < 52) {
      const u = deepContentUpdate(gen, prng.uint32(gen, 1, 2 ** 31));
      push(u.kind, updateFrame(gen, u.bytes));
    } else if (choice < 60) {
      const u = deleteSetUpdate(gen, targets);
      push(u.kind, updateFrame(gen, u.bytes));
    } else if (choice < 66) {
      const u = oddStructUpdate(gen, targets);
      push(u.kind, updateFrame(gen, u.bytes));
    } else if (choice < 71) {
      push('valid awareness', frame(MessageType.Awareness, null, pick(gen, corpus.awareness)));
    } else if (choice < 76) {
      const { bytes, ops } = mutate(gen, pick(gen, corpus.awareness));
      push(`awareness: ${ops.join(',')}`, frame(MessageType.Awareness, null, bytes));
    } else if (choice < 81) {
      const a = oddAwareness(gen, corpus.clientId, targets);
      push(a.kind, frame(MessageType.Awareness, null, a.bytes));
    } else if (choice < 84) {
      push('valid sync step 1', frame(MessageType.Sync, SYNC_STEP_1, pick(gen, corpus.stateVectors)));
    } else if (choice < 88) {
      const sv = prng.bool(gen) ? oddStateVector(gen, targets) : (() => {
        const m = mutate(gen, pick(gen, corpus.stateVectors));
        return { kind: `state vector: ${m.ops.join(',')}`, bytes: m.bytes };
      })();
      push(`sync step 1, ${sv.kind}`, frame(MessageType.Sync, SYNC_STEP_1, sv.bytes));
    } else {
      const m = oddMessage(gen, anyUpdate());
      push(m.kind, m.bytes);
    }
  }
  return frames;
}

/** Messages wrong at the outer level: unknown types and steps, empty frames, mutated framing, oversize. */
function oddMessage(gen: Prng, update: Uint8Array): { kind: string; bytes: Uint8Array } {
  const shape = prng.int32(gen, 0, 9);
  switch (shape) {
    case 0:
      return { kind: 'empty frame', bytes: new Uint8Array(0) };
    case 1: {
      const type = pick(gen, [MessageType.Stored, 4, 99, 101, prng.uint32(gen, 5, 2 ** 31), ...HUGE_NUMBERS]);
      return { kind: `unknown message type ${type}`, bytes: frame(type, null, prng.uint8Array(gen, prng.int32(gen, 0, 16))) };
    }
    case 2: {
      const step = pick(gen, [3, 4, 127, ...HUGE_NUMBERS]);
      return { kind: `unknown sync step ${step}`, bytes: frame(MessageType.Sync, step, update) };
    }
    case 3:
      return { kind: 'auth message', bytes: frame(MessageType.Auth, null, prng.uint8Array(gen, 8)) };
    case 4:
      return { kind: 'query awareness', bytes: Uint8Array.of(MessageType.QueryAwareness) };
    case 5: {
      const m = mutate(gen, updateFrame(gen, update));
      return { kind: `framing: ${m.ops.join(',')}`, bytes: m.bytes };
    }
    case 6: {
      // A valid message followed by bytes that belong to no message.
      const valid = updateFrame(gen, update);
      const out = new Uint8Array(valid.length + 8);
      out.set(valid);
      out.set(prng.uint8Array(gen, 8), valid.length);
      return { kind: 'update with trailing bytes', bytes: out };
    }
    case 7: {
      // The length prefix claims more (or far less) than the frame holds.
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.Sync);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint(e, pick(gen, [0, update.length + 1, ...HUGE_NUMBERS]));
      encoding.writeUint8Array(e, update);
      return { kind: 'update with a lying length', bytes: encoding.toUint8Array(e) };
    }
    case 8:
      // Rare on purpose: a frame past MAX_FRAME_BYTES (1 MiB by default) must close only this socket.
      if (prng.int32(gen, 0, 3) === 0) return { kind: 'oversize frame', bytes: frame(MessageType.Sync, SYNC_UPDATE, new Uint8Array(pick(gen, [1_100_000, 2_200_000]))) };
      return { kind: 'query awareness', bytes: Uint8Array.of(MessageType.QueryAwareness) };
    default:
      return { kind: 'random bytes', bytes: prng.uint8Array(gen, prng.int32(gen, 1, 64)) };
  }
}
