import { describe, it, expect, afterEach } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { createNote, deleteNotes, noteText } from '$shared/board/notes.ts';
import { notesMap } from '$shared/board/schema.ts';
import { TypingRescue, type LostNote } from './TypingRescue.ts';

const me = { kind: 'me' };
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** This user's doc and awareness, another user's doc, and updates carried between them by hand. */
function twoUsers() {
  const mine = new Y.Doc();
  const theirs = new Y.Doc();
  mine.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(theirs, u, 'net'));
  theirs.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(mine, u, 'net'));
  const awareness = new Awareness(mine);
  const lost: LostNote[] = [];
  const rescue = new TypingRescue(mine, awareness, (n) => lost.push(n));
  cleanups.push(() => (rescue.destroy(), awareness.destroy()));
  const id = createNote(mine, { frame: 'swot.threats', color: 'pink', author: 'Ann', x: 40, y: 80, text: 'Price' }, me);
  const type = (s: string) => noteText(mine, id)!.insert(noteText(mine, id)!.length, s);
  return { mine, theirs, awareness, lost, id, type };
}

describe('TypingRescue', () => {
  it('hands back the text, place and colour of the note this user types in when someone else deletes it', () => {
    const { theirs, awareness, lost, id, type } = twoUsers();
    awareness.setLocalStateField('editing', id);
    type(' war');
    deleteNotes(theirs, [id], 'them');
    expect(lost).toEqual([{ text: 'Price war', frame: 'swot.threats', color: 'pink', x: 40, y: 80 }]);
  });

  it('still does when the editor closes from another observer of the same transaction, whichever runs first', () => {
    const { mine, theirs, awareness, lost, id } = twoUsers();
    awareness.setLocalStateField('editing', id);
    // Like the canvas: its own observer closes the editor when the note goes. One rescue runs
    // before it (made in twoUsers), one after it.
    const closeEditor = () => {
      if (!notesMap(mine).has(id)) awareness.setLocalStateField('editing', null);
    };
    notesMap(mine).observeDeep(closeEditor);
    const first = new TypingRescue(mine, awareness, (n) => lost.push(n));
    cleanups.push(() => first.destroy());
    deleteNotes(theirs, [id], 'them');
    expect(lost.map((n) => n.text)).toEqual(['Price', 'Price']);
  });

  it('reports nothing for this user’s own delete, or once they stopped typing', async () => {
    const own = twoUsers();
    own.awareness.setLocalStateField('editing', own.id);
    deleteNotes(own.mine, [own.id], me);
    expect(own.lost).toEqual([]);

    const done = twoUsers();
    done.awareness.setLocalStateField('editing', done.id);
    done.awareness.setLocalStateField('editing', null);
    await Promise.resolve();
    deleteNotes(done.theirs, [done.id], 'them');
    expect(done.lost).toEqual([]);
  });

  it('does not offer an empty note back', () => {
    const { mine, theirs, awareness, lost } = twoUsers();
    const empty = createNote(mine, { frame: 'swot.threats', color: 'pink', author: 'Ann', x: 0, y: 0 }, me);
    awareness.setLocalStateField('editing', empty);
    deleteNotes(theirs, [empty], 'them');
    expect(lost).toEqual([]);
  });
});
