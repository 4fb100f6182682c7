// The payloads are only worth reusing if they still do what issue 6 says against the Yjs we ship:
// pass decoding and applying, then hurt later. These check that, in one process, without a server.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import {
  deeplyNestedUpdate,
  descendingDeleteSetUpdate,
  hostilePayloads,
  hugeClockDeleteSetUpdates,
  longTextUpdate,
  smallUpdates,
} from './hostilePayloads.ts';

/** The Yjs update inside a y-websocket update frame (type 0 sync, step 2 update). */
function updateOf(frame: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(frame);
  expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([0, 2]);
  return decoding.readVarUint8Array(d);
}

describe('hostile payloads', () => {
  it.each(['json', 'format'] as const)('nested %s content decodes and applies, then every full encode of the doc throws', (kind) => {
    const update = deeplyNestedUpdate(kind);
    expect(() => Y.decodeUpdate(update)).not.toThrow();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    expect(() => Y.encodeStateAsUpdate(doc)).toThrow(RangeError);
  });

  it('the delete sets with clocks above 2^53 apply, then every full encode throws', () => {
    const doc = new Y.Doc();
    for (const u of hugeClockDeleteSetUpdates()) {
      expect(() => Y.decodeUpdate(u)).not.toThrow();
      Y.applyUpdate(doc, u);
    }
    expect(() => Y.encodeStateAsUpdate(doc)).toThrow(/Integer out of Range/);
  });

  it('the descending delete set is about 192 KB of 50,000 ranges and deletes every second character of the paste', () => {
    const ds = descendingDeleteSetUpdate();
    expect(ds.byteLength).toBe(191_754);
    const ranges = Y.decodeUpdate(ds).ds.clients;
    const clocks = [...ranges.values()][0].map((r) => r.clock);
    expect(clocks).toHaveLength(50_000);
    expect(clocks[0]).toBeGreaterThan(clocks[1]);
    // Applied on a small paste of the same client (the full size takes seconds: that is the attack).
    const doc = new Y.Doc();
    Y.applyUpdate(doc, longTextUpdate(undefined, 10));
    Y.applyUpdate(doc, descendingDeleteSetUpdate(undefined, 5));
    expect(doc.getText('paste').toString()).toBe('xxxxx');
  });

  it('the flood is valid updates that type one character each', () => {
    const doc = new Y.Doc();
    for (const u of smallUpdates(30)) Y.applyUpdate(doc, u);
    expect(doc.getText('flood').toString()).toBe('abcdefghijklmnopqrstuvwxyzabcd');
  });

  it('every payload is whole y-websocket frames; the viewer sends 400 sync step 1 with an empty state vector', () => {
    const payloads = hostilePayloads({ flood: 10 });
    expect(payloads.map((p) => p.id)).toEqual(['a-json', 'a-format', 'b-clock', 'c-ranges', 'd-step1', 'e-flood']);
    for (const p of payloads.filter((p) => p.id !== 'd-step1')) {
      for (const f of [...p.setup, ...p.frames]) expect(() => Y.decodeUpdate(updateOf(f))).not.toThrow();
    }
    const step1 = payloads.find((p) => p.id === 'd-step1')!;
    expect(step1.role).toBe('viewer');
    expect(step1.reads).toBe(false);
    expect(step1.frames).toHaveLength(400);
    expect(step1.frames.reduce((n, f) => n + f.byteLength, 0)).toBe(1_600);
    expect([...step1.frames[0]]).toEqual([0, 0, 1, 0]);
  });
});
