// The write check on real Yjs updates made by the shared typed operations (and a few forged ones):
// a server replica and a client replica, the client's change encoded as it would be sent.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../../shared/src/board/meta.ts';
import { createNote, deleteNotes, setNoteText } from '../../../shared/src/board/notes.ts';
import { addCanvas, removeCanvas, renameCanvas } from '../../../shared/src/board/canvases.ts';
import { canvasesMap, metaMap, notesMap, personalMap } from '../../../shared/src/board/schema.ts';
import { clearScore, pickMatrixRows, setScore } from '../../../shared/src/canvases/confrontation/confrontationOperations.ts';
import type { Actor } from '../auth/permissions.ts';
import { SERVER_ACTOR } from '../auth/permissions.ts';
import { checkWrites, writeContext } from './writeCheck.ts';
import { MAX_DEPTH } from './UpdatePlaces.ts';
import { aheadOfTimeDeletion } from '../testing/hostileUpdates.ts';

const facilitator: Actor = { role: 'facilitator', participantId: 'fac' };
const ann: Actor = { role: 'participant', participantId: 'ann' };
const bob: Actor = { role: 'participant', participantId: 'bob' };
const note = { frame: 'swot.strengths', x: 0, y: 80, color: 'yellow' as const, author: 'Ann' };

/** A board (confrontation template, one strength, one opportunity) on the server and on a client. */
function board() {
  const server = new Y.Doc();
  initBoard(server, { title: 'Acme', template: 'confrontation', language: 'en', createdAt: 1 });
  const s = createNote(server, { ...note, text: 'Strong brand' });
  const o = createNote(server, { ...note, frame: 'swot.opportunities', text: 'B2B market' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, s, o };
}

/** The update `change` makes on the client (as its provider sends it). */
function updateOf(client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change();
  return Y.encodeStateAsUpdate(client, before);
}

function check(server: Y.Doc, update: Uint8Array, actor: Actor) {
  return checkWrites(server, Y.decodeUpdate(update), actor);
}

describe('checkWrites', () => {
  it('lets only the facilitator change metadata, canvases and matrix settings', () => {
    const changes: Record<string, (doc: Y.Doc) => void> = {
      'empty meta': (doc) => metaMap(doc).forEach((_v, k) => metaMap(doc).delete(k)),
      'rename a canvas': (doc) => renameCanvas(doc, 'swot', 'Ours'),
      'add a canvas': (doc) => void addCanvas(doc, { kind: 'swot', title: 'Second SWOT' }),
      'remove a canvas': (doc) => removeCanvas(doc, 'confrontation'),
      'delete a canvas outright': (doc) => canvasesMap(doc).delete('confrontation'),
      'pick matrix rows': (doc) => pickMatrixRows(doc, 'confrontation', []),
    };
    for (const [what, change] of Object.entries(changes)) {
      const { server, client } = board();
      const update = updateOf(client, () => change(client));
      expect(check(server, update, facilitator), what).toBeUndefined();
      expect(check(server, update, ann), what).toMatchObject({ kind: 'forbidden' });
    }
  });

  it('names what was forbidden', () => {
    const { server, client } = board();
    expect(check(server, updateOf(client, () => metaMap(client).set('title', '')), ann)).toEqual({
      kind: 'forbidden',
      target: { kind: 'meta', key: 'title' },
    });
    const other = board();
    expect(check(other.server, updateOf(other.client, () => canvasesMap(other.client).delete('swot')), ann)).toEqual({
      kind: 'forbidden',
      target: { kind: 'canvas-structure', canvasId: 'swot' },
    });
  });

  it('lets participants create, edit, type into and delete notes', () => {
    const { server, client, s } = board();
    const edits = [
      () => void createNote(client, { ...note, text: 'New' }),
      () => setNoteText(client, s, 'Strong brand, known for quality'),
      () => client.transact(() => (notesMap(client).get(s)!.get('text') as Y.Text).insert(3, 'x')),
      () => deleteNotes(client, [s]),
    ];
    for (const edit of edits) {
      const update = updateOf(client, edit);
      expect(check(server, update, ann)).toBeUndefined();
      Y.applyUpdate(server, update);
    }
  });

  it('lets a participant write and clear their own score but not another participant’s', () => {
    const { server, client, s, o } = board();
    const mine = updateOf(client, () => setScore(client, { canvasId: 'confrontation', participantId: 'ann', row: s, column: o }, 2));
    expect(check(server, mine, ann)).toBeUndefined();
    expect(check(server, mine, bob)).toEqual({
      kind: 'forbidden',
      target: { kind: 'personal', canvasId: 'confrontation', participantId: 'ann', entry: `0..2:${s}:${o}` },
    });
    Y.applyUpdate(server, mine);
    // Overwriting and deleting a score touch the same entry (its old value is deleted).
    const again = updateOf(client, () => setScore(client, { canvasId: 'confrontation', participantId: 'ann', row: s, column: o }, 1));
    expect(check(server, again, ann)).toBeUndefined();
    expect(check(server, again, bob)).toMatchObject({ kind: 'forbidden' });
    Y.applyUpdate(server, again);
    const cleared = updateOf(client, () => clearScore(client, { canvasId: 'confrontation', participantId: 'ann', row: s, column: o }));
    expect(check(server, cleared, ann)).toBeUndefined();
    expect(check(server, cleared, bob)).toMatchObject({ kind: 'forbidden' });
  });

  it('refuses an update that mixes allowed and forbidden parts', () => {
    const { server, client } = board();
    const mixed = updateOf(client, () => {
      createNote(client, { ...note, text: 'innocent' });
      personalMap(client).set('confrontation/ann/x', 1);
      metaMap(client).set('title', 'Hacked');
    });
    expect(check(server, mixed, ann)).toMatchObject({ kind: 'forbidden', target: { kind: 'meta' } });
    // Two updates merged (as an offline client's sync step 2 would carry them).
    const other = board();
    const note1 = updateOf(other.client, () => void createNote(other.client, { ...note, text: 'a' }));
    const rename = updateOf(other.client, () => renameCanvas(other.client, 'swot', 'x'));
    expect(check(other.server, Y.mergeUpdates([note1, rename]), ann)).toMatchObject({ kind: 'forbidden', target: { kind: 'canvas-structure' } });
  });

  it('refuses the participant list to everyone but the server', () => {
    const { server, client } = board();
    const update = updateOf(client, () => client.getMap('participants').set('ann', { name: 'Boss', role: 'facilitator' }));
    expect(check(server, update, facilitator)).toMatchObject({ kind: 'forbidden', target: { kind: 'participant' } });
    expect(check(server, update, SERVER_ACTOR)).toBeUndefined();
  });

  it('refuses roots the schema does not have, to everyone', () => {
    const { server, client } = board();
    const update = updateOf(client, () => client.getMap('votes').set('x', 1));
    expect(check(server, update, facilitator)).toEqual({ kind: 'forbidden', target: { kind: 'unknown-root', name: 'votes' } });
  });

  it('refuses nested types under personal, even under one’s own key', () => {
    const { server, client } = board();
    const update = updateOf(client, () => {
      const m = new Y.Map<unknown>();
      personalMap(client).set('confrontation/ann/box', m);
      m.set('inside', 1);
    });
    expect(check(server, update, ann)).toMatchObject({ kind: 'forbidden', target: { kind: 'malformed', root: 'personal' } });
  });

  it('refuses types nested deeper than the schema ever needs', () => {
    const { server, client, s } = board();
    const update = updateOf(client, () => {
      let m = notesMap(client).get(s)!;
      for (let i = 0; i <= MAX_DEPTH; i++) {
        const inner = new Y.Map<unknown>();
        m.set('deeper', inner);
        m = inner;
      }
    });
    expect(check(server, update, ann)).toMatchObject({ kind: 'forbidden', target: { kind: 'malformed', reason: 'nested too deep' } });
  });

  it('places a long run of typing, each character on the one before, without a board walk', () => {
    const { server, client, s } = board();
    const text = notesMap(client).get(s)!.get('text') as Y.Text;
    // Separate transactions at separate places: one struct each, each depending on the previous.
    const update = updateOf(client, () => {
      for (let i = 0; i < 2_000; i++) text.insert(i % 2 === 0 ? text.length : 0, 'ab');
    });
    expect(Y.decodeUpdate(update).structs.length).toBeGreaterThan(1_000);
    expect(check(server, update, ann)).toBeUndefined();
    expect(check(server, update, { role: 'viewer', participantId: 'v' })).toMatchObject({ kind: 'forbidden' });
  });

  it('lets an edit of a note that was deleted meanwhile through (Yjs discards it)', () => {
    const { server, client, s } = board();
    const edit = updateOf(client, () => setNoteText(client, s, 'late edit'));
    deleteNotes(server, [s]);
    expect(check(server, edit, ann)).toBeUndefined();
  });

  it('cannot place an update that depends on content the board lacks, comes after a gap, or deletes what the board lacks', () => {
    const { server, client, s } = board();
    const missing = updateOf(client, () => setNoteText(client, s, 'first'));
    const dependent = updateOf(client, () => setNoteText(client, s, 'second'));
    expect(check(server, dependent, ann)).toMatchObject({ kind: 'unplaceable' });
    // Together they are whole, and allowed.
    expect(check(server, Y.mergeUpdates([missing, dependent]), ann)).toBeUndefined();
    // An independent new note of the same client still comes after the missing clocks.
    const independent = updateOf(client, () => void createNote(client, { ...note, text: 'later' }));
    expect(check(server, independent, ann)).toMatchObject({ kind: 'unplaceable' });
    // A deletion of the facilitator's next items, sent before they exist.
    const future = aheadOfTimeDeletion(server.clientID, Y.getState(server.store, server.clientID), 100);
    expect(check(server, future, ann)).toMatchObject({ kind: 'unplaceable' });
  });
});

describe('writeContext', () => {
  it('finds the canvas of a canvas target, a score, a stored note and a note the update creates', () => {
    const { server, client, s } = board();
    let created = '';
    const update = updateOf(client, () => void (created = createNote(client, { ...note, canvas: 'confrontation', text: 'new' })));
    const context = writeContext(server, Y.decodeUpdate(update));
    expect(context.canvasOf({ kind: 'canvas-settings', canvasId: 'confrontation', key: 'rows' })?.kind).toBe('confrontation');
    expect(context.canvasOf({ kind: 'personal', canvasId: 'confrontation', participantId: 'ann', entry: 'x' })?.id).toBe('confrontation');
    expect(context.canvasOf({ kind: 'note', noteId: s })?.id).toBe('swot');
    expect(context.canvasOf({ kind: 'note', noteId: created, field: 'x' })?.id).toBe('confrontation');
    expect(context.canvasOf({ kind: 'meta', key: 'title' })).toBeUndefined();
  });
});
