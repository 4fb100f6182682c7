// A board history made the way clients make it: a real Y.Doc, changed through the shared note
// operations, one small update per change (a note created, a character typed or deleted, a note
// moved, a colour changed). Seeded, so every run stores a history of the same shape (only the note
// ids, from createNote, are random).
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { createNote, deleteNotes, moveNotes, noteText, setNotesColor } from '../../shared/src/board/index.ts';
import { notesMap, NOTE_COLORS, NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/src/board/schema.ts';
import { swotTemplate } from '../../shared/src/templates/swot.ts';

export interface History {
  updates: Uint8Array[];
  /** The document the updates produce, applied on top of `baseState`. */
  doc: Y.Doc;
  bytes: number;
}

/**
 * `count` updates on top of `baseState` (the board as the server created it), from a new client
 * every `updatesPerSession` updates. About 1 in 400 changes creates a note and 1 in 4000 deletes
 * one, so the board ends with a few hundred notes with long edit histories: the shape of a board
 * used across many workshop sessions.
 */
export function generateHistory(baseState: Uint8Array, count: number, seed = 42, updatesPerSession = 2_000): History {
  const gen = prng.create(seed);
  const updates: Uint8Array[] = [];
  let bytes = 0;
  const record = (u: Uint8Array) => {
    updates.push(u);
    bytes += u.byteLength;
  };
  // A board is edited by many people over many sessions: every `updatesPerSession` updates the
  // edits continue from a fresh Y.Doc (a new client id) holding the board so far.
  const join = (state: Uint8Array) => {
    const d = new Y.Doc();
    // Seeded client ids, like every other choice here.
    d.clientID = prng.int32(gen, 1, 0x7fffffff);
    Y.applyUpdate(d, state);
    d.on('update', record);
    return d;
  };
  let doc = join(baseState);
  let lastSwitch = 0;
  const ids: string[] = [...notesMap(doc).keys()];
  const frames = swotTemplate.frames;
  const randomPoint = () => {
    const f = prng.oneOf(gen, frames);
    return {
      x: f.x + prng.int32(gen, 16, f.width - NOTE_WIDTH - 16),
      y: f.y + prng.int32(gen, 72, f.height - NOTE_HEIGHT - 16),
    };
  };
  while (updates.length < count) {
    if (updates.length - lastSwitch >= updatesPerSession) {
      lastSwitch = updates.length;
      const next = join(Y.encodeStateAsUpdate(doc));
      doc.destroy();
      doc = next;
    }
    const r = prng.real53(gen);
    if ((ids.length < 20 || r < 0.0025) && updates.length < count - 1) {
      const p = randomPoint();
      ids.push(createNote(doc, { frame: frames[0].id, ...p, color: prng.oneOf(gen, [...NOTE_COLORS]), author: `User ${prng.int32(gen, 1, 12)}` }));
      // Place it by position, as a drop would, so its frame matches where it is.
      moveNotes(doc, swotTemplate, [{ id: ids[ids.length - 1], ...p }]);
    } else if (r < 0.0028 && ids.length > 20) {
      const i = prng.int32(gen, 0, ids.length - 1);
      deleteNotes(doc, [ids[i]]);
      ids.splice(i, 1);
    } else if (r < 0.15) {
      moveNotes(doc, swotTemplate, [{ id: prng.oneOf(gen, ids), ...randomPoint() }]);
    } else if (r < 0.17) {
      setNotesColor(doc, [prng.oneOf(gen, ids)], prng.oneOf(gen, [...NOTE_COLORS]));
    } else {
      const t = noteText(doc, prng.oneOf(gen, ids));
      if (!t) continue;
      // Mostly typing at the end, sometimes a correction (backspace) or an insert in the middle.
      if (t.length > 0 && prng.real53(gen) < 0.12) t.delete(t.length - 1, 1);
      else t.insert(prng.real53(gen) < 0.85 ? t.length : prng.int32(gen, 0, t.length), prng.letter(gen));
    }
  }
  return { updates, doc, bytes };
}
