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
});
