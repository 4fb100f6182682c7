import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StoredState } from './StoredState.ts';
import { createNote, deleteNotes, setNoteText } from '../../../shared/src/board/notes.ts';

describe('StoredState', () => {
  it('keeps the same snapshot as Y.snapshot through inserts, deletes and remote updates', () => {
    const doc = new Y.Doc();
    const remote = new Y.Doc();
    const note = { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow' as const, author: 'A' };
    createNote(doc, { ...note, text: 'before' });
    const state = new StoredState(doc);
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const r = rand();
      if (r < 0.4) ids.push(createNote(doc, { ...note, text: `n${i}` }));
      else if (r < 0.7 && ids.length > 0) setNoteText(doc, ids[Math.floor(rand() * ids.length)], `edited ${i}`);
      else if (r < 0.85 && ids.length > 0) deleteNotes(doc, [ids.splice(Math.floor(rand() * ids.length), 1)[0]]);
      else {
        Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
        remote.getText('remote').insert(0, `r${i}`);
        if (remote.getText('remote').length > 4) remote.getText('remote').delete(1, 2);
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
      }
      if (i % 17 === 0) expect(Y.equalSnapshots(state.snapshot(), Y.snapshot(doc))).toBe(true);
    }
    expect(Y.equalSnapshots(state.snapshot(), Y.snapshot(doc))).toBe(true);
  });

  it('counts content that arrives already deleted (garbage-collected before the server saw it), so "All changes saved" can show', () => {
    // A participant creates a note and deletes it while their socket is reconnecting; their doc
    // garbage-collects its content, and the sync that follows brings it as a GC struct.
    const participant = new Y.Doc();
    const pending: Uint8Array[] = [];
    participant.on('update', (u: Uint8Array) => pending.push(u));
    const id = createNote(participant, { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow', author: 'A', text: 'gone again' });
    deleteNotes(participant, [id]);
    const server = new Y.Doc();
    const state = new StoredState(server);
    const sync = Y.encodeStateAsUpdate(participant);
    expect(Y.decodeUpdate(sync).structs.some((s) => s instanceof Y.GC)).toBe(true);
    Y.applyUpdate(server, sync);
    expect(Y.equalSnapshots(state.snapshot(), Y.snapshot(server))).toBe(true);
    // The participant's own updates are all in the Stored snapshot: nothing stays pending.
    for (const u of pending) expect(Y.snapshotContainsUpdate(state.snapshot(), u)).toBe(true);
  });
});
