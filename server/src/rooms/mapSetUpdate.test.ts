import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapSetUpdate } from './mapSetUpdate.ts';

/** A second replica of `doc`, to see what an update does on a board that has everything else. */
function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('mapSetUpdate', () => {
  it('sets a new key, an existing key and a key that was deleted, exactly as Y.Map#set would', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('participants');
    map.set('old', { name: 'Old' });
    map.set('gone', { name: 'Gone' });
    map.delete('gone');
    for (const [key, value] of [['new', { name: 'Ann', role: 'participant' }], ['old', { name: 'Renamed' }], ['gone', { name: 'Back' }]] as const) {
      const update = mapSetUpdate(doc, 'participants', key, value, 4242);
      const other = replica(doc);
      Y.applyUpdate(doc, update);
      Y.applyUpdate(other, update);
      expect(doc.getMap('participants').get(key)).toEqual(value);
      expect(other.getMap('participants').toJSON()).toEqual(doc.getMap('participants').toJSON());
    }
    expect(doc.getMap('participants').toJSON()).toEqual({ new: { name: 'Ann', role: 'participant' }, old: { name: 'Renamed' }, gone: { name: 'Back' } });
  });

  it('continues the writer’s clock on a board it has written to before', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, mapSetUpdate(doc, 'participants', 'a', 1, 7));
    Y.applyUpdate(doc, mapSetUpdate(doc, 'participants', 'b', 2, 7));
    expect(Y.getState(doc.store, 7)).toBe(2);
    expect(doc.getMap('participants').toJSON()).toEqual({ a: 1, b: 2 });
  });
});
