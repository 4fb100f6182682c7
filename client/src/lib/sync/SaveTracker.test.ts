import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { SaveTracker } from './SaveTracker.ts';

/** A local doc whose updates go to the tracker, and a "server" doc that stores what it receives. */
function setup() {
  const local = new Y.Doc();
  const server = new Y.Doc();
  const tracker = new SaveTracker();
  const sent: Uint8Array[] = [];
  local.on('update', (u: Uint8Array) => {
    tracker.add(u);
    sent.push(u);
  });
  const store = (n = sent.length) => {
    for (const u of sent.splice(0, n)) Y.applyUpdate(server, u);
    return Y.decodeSnapshot(Y.encodeSnapshot(Y.snapshot(server)));
  };
  return { local, server, tracker, store };
}

describe('SaveTracker', () => {
  it('is saved when nothing was changed', () => {
    expect(new SaveTracker().saved).toBe(true);
  });

  it('is not saved after a local change until the server stored it', () => {
    const { local, tracker, store } = setup();
    local.getMap('notes').set('a', 1);
    expect(tracker.saved).toBe(false);
    tracker.acknowledge(store());
    expect(tracker.saved).toBe(true);
  });

  it('stays unsaved while a snapshot covers only the earlier of two updates', () => {
    const { local, tracker, store } = setup();
    local.getMap('notes').set('a', 1);
    local.getMap('notes').set('b', 2);
    tracker.acknowledge(store(1));
    expect(tracker.saved).toBe(false);
    expect(tracker.pendingCount).toBe(1);
    tracker.acknowledge(store());
    expect(tracker.saved).toBe(true);
  });

  it('treats a deletion as pending until the stored snapshot has the delete', () => {
    const { local, tracker, store } = setup();
    const text = new Y.Text('hello');
    local.getMap('notes').set('t', text);
    tracker.acknowledge(store());
    text.delete(0, 2);
    expect(tracker.saved).toBe(false);
    const before = Y.decodeSnapshot(Y.encodeSnapshot(Y.snapshot(new Y.Doc())));
    tracker.acknowledge(before);
    expect(tracker.saved).toBe(false);
    tracker.acknowledge(store());
    expect(tracker.saved).toBe(true);
  });

  it('merges a long backlog and still confirms it', () => {
    const { local, tracker, store } = setup();
    for (let i = 0; i < 200; i++) local.getMap('notes').set(String(i), i);
    expect(tracker.pendingCount).toBeLessThanOrEqual(65);
    tracker.acknowledge(store());
    expect(tracker.saved).toBe(true);
  });

  it('tells listeners when the saved state flips', () => {
    const { local, tracker, store } = setup();
    const seen: boolean[] = [];
    tracker.onChange((s) => seen.push(s));
    local.getMap('notes').set('a', 1);
    local.getMap('notes').set('b', 1);
    tracker.acknowledge(store());
    expect(seen).toEqual([false, true]);
  });

  it('tells which items are in local updates the server has not confirmed', () => {
    const { local, tracker, store } = setup();
    const notes = local.getMap<Y.Map<unknown>>('notes');
    notes.set('saved', new Y.Map());
    tracker.acknowledge(store());
    notes.set('offline', new Y.Map());
    // Someone else's item (another client id) is never this device's unsaved content.
    const remote = new Y.Doc().getMap<Y.Map<unknown>>('notes');
    remote.set('theirs', new Y.Map());
    const unsaved = tracker.pendingHolds();
    const idOf = (key: string) => notes.get(key)!._item!.id;
    expect([idOf('saved'), idOf('offline'), remote.get('theirs')!._item!.id].map(unsaved)).toEqual([false, true, false]);
  });
});
