import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { peekSyncMessage, snapshotFromSync } from './syncSnapshot.ts';
import { SaveTracker } from './SaveTracker.ts';

describe('snapshotFromSync', () => {
  it('confirms content restored from the device that the server already has', () => {
    const server = new Y.Doc();
    const text = new Y.Text('hello world');
    server.getMap('notes').set('n', text);
    text.delete(0, 6);
    // The browser restored the same state from IndexedDB.
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    const tracker = new SaveTracker();
    tracker.add(Y.encodeStateAsUpdate(local));

    const step1 = Y.encodeStateVector(server);
    const step2 = Y.encodeStateAsUpdate(server, Y.encodeStateVector(local));
    tracker.acknowledge(snapshotFromSync(step1, step2));
    expect(tracker.saved).toBe(true);
  });

  it('does not confirm offline edits the server lacks', () => {
    const server = new Y.Doc();
    server.getMap('notes').set('a', 1);
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    local.getMap('notes').set('b', 2);
    const tracker = new SaveTracker();
    tracker.add(Y.encodeStateAsUpdate(local));
    tracker.acknowledge(snapshotFromSync(Y.encodeStateVector(server), Y.encodeStateAsUpdate(server, Y.encodeStateVector(local))));
    expect(tracker.saved).toBe(false);
  });

  it('does not confirm an offline deletion the server lacks', () => {
    const server = new Y.Doc();
    server.getMap('notes').set('a', 1);
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
    local.getMap('notes').delete('a');
    const tracker = new SaveTracker();
    tracker.add(Y.encodeStateAsUpdate(local));
    tracker.acknowledge(snapshotFromSync(Y.encodeStateVector(server), Y.encodeStateAsUpdate(server, Y.encodeStateVector(local))));
    expect(tracker.saved).toBe(false);
  });
});

describe('peekSyncMessage', () => {
  it('reads the step and payload and leaves the decoder where it was', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3]));
    const d = decoding.createDecoder(encoding.toUint8Array(e));
    expect(peekSyncMessage(d)).toEqual({ step: 0, payload: new Uint8Array([1, 2, 3]) });
    expect(d.pos).toBe(0);
  });
});
