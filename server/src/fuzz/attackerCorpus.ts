// The valid messages an attacker starts from: a participant's own edits written with the same
// shared/ note operations the app uses (v1 updates, in order), its awareness updates and its state
// vectors along the way. Deterministic for a seed: fixed client id, note ids and timestamps.
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import * as awarenessProtocol from 'y-protocols/awareness';
import { createNote, deleteNotes, listNotes, moveNotes, noteText, setNotesColor } from '../../../shared/src/board/notes.ts';
import { NOTE_COLORS } from '../../../shared/src/board/schema.ts';
import { swotTemplate } from '../../../shared/src/templates/index.ts';
import { pick, type Prng } from './mutations.ts';
import { logUniform } from './hostileStructures.ts';

export interface AttackerCorpus {
  clientId: number;
  /** Each update the attacker's doc emitted, in order (later ones may depend on earlier ones). */
  updates: Uint8Array[];
  awareness: Uint8Array[];
  stateVectors: Uint8Array[];
  /** The attacker's clock after all updates: how far "existing content" of its client reaches. */
  clock: number;
}

const FRAMES = swotTemplate.frames.map((f) => f.id);

/** A UUID-shaped id from the PRNG, so the same seed writes the same bytes. */
function seededId(gen: Prng): string {
  const hex = Array.from(prng.uint8Array(gen, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function buildAttackerCorpus(gen: Prng, clientId: number, edits = 12): AttackerCorpus {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  const stateVectors: Uint8Array[] = [Y.encodeStateVector(doc)];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const awareness = new awarenessProtocol.Awareness(doc);
  const presence: Uint8Array[] = [];
  for (let i = 0; i < edits; i++) {
    const notes = listNotes(doc);
    const op = notes.length === 0 ? 'create' : pick(gen, ['create', 'create', 'type', 'erase', 'move', 'color', 'delete', 'bulk'] as const);
    const some = () => pick(gen, notes).id;
    switch (op) {
      case 'create':
        createNote(doc, {
          id: seededId(gen),
          frame: pick(gen, FRAMES),
          x: prng.int32(gen, 0, 1200),
          y: prng.int32(gen, 0, 900),
          color: pick(gen, NOTE_COLORS),
          author: 'Mallory',
          text: prng.word(gen, 0, 30),
          createdAt: 1_700_000_000_000 + i,
        });
        break;
      case 'type': {
        const t = noteText(doc, some());
        t?.insert(prng.int32(gen, 0, t.length), prng.word(gen, 1, 10));
        break;
      }
      case 'erase': {
        const t = noteText(doc, some());
        if (t && t.length > 0) t.delete(prng.int32(gen, 0, t.length - 1), 1);
        break;
      }
      case 'move':
        moveNotes(doc, swotTemplate, [{ id: some(), x: prng.int32(gen, 0, 1200), y: prng.int32(gen, 0, 900) }]);
        break;
      case 'color':
        setNotesColor(doc, [some()], pick(gen, NOTE_COLORS));
        break;
      case 'delete':
        deleteNotes(doc, [some()]);
        break;
      case 'bulk':
        // Long text, so a delete set has enough existing content of this client to split.
        noteText(doc, some())?.insert(0, 'b'.repeat(logUniform(gen, 120_000)));
        break;
    }
    if (prng.bool(gen)) {
      awareness.setLocalState({ user: { name: 'Mallory', color: '#f00' }, cursor: { x: prng.int32(gen, 0, 999), y: i } });
      presence.push(awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]));
    }
    stateVectors.push(Y.encodeStateVector(doc));
  }
  if (presence.length === 0) {
    awareness.setLocalState({ user: { name: 'Mallory', color: '#f00' } });
    presence.push(awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]));
  }
  const clock = Y.getState(doc.store, clientId);
  awareness.destroy();
  doc.destroy();
  return { clientId, updates, awareness: presence, stateVectors, clock };
}
