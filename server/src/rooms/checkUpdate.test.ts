import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { checkUpdate, DEFAULT_UPDATE_LIMITS } from './checkUpdate.ts';
import { createNote, deleteNotes, listNotes, setNoteText } from '../../../shared/src/board/notes.ts';
import { deepContentUpdate, descendingDeleteSet, hugeClockDeletes } from '../testing/hostileUpdates.ts';

const note = { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow' as const, author: 'A' };

function twoReplicas() {
  const client = new Y.Doc();
  const server = new Y.Doc();
  const id = createNote(client, { ...note, text: 'hello' });
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return { client, server, id };
}

describe('checkUpdate', () => {
  it('passes a live edit through whole', () => {
    const { client, server, id } = twoReplicas();
    const before = Y.encodeStateVector(client);
    setNoteText(client, id, 'changed');
    const edit = Y.encodeStateAsUpdate(client, before);
    expect(checkUpdate(server, edit)).toMatchObject({ kind: 'new', update: edit, incomplete: false });
  });

  it('finds nothing new in a re-send of the whole board', () => {
    const { client, server } = twoReplicas();
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client))).toEqual({ kind: 'none' });
  });

  it('keeps only the unknown part of a re-send that carries a new edit', () => {
    const { client, server } = twoReplicas();
    createNote(client, { ...note, text: 'offline' });
    const full = Y.encodeStateAsUpdate(client);
    const result = checkUpdate(server, full);
    expect(result.kind).toBe('new');
    if (result.kind !== 'new') return;
    expect(result.update.byteLength).toBeLessThan(full.byteLength);
    Y.applyUpdate(server, result.update);
    expect(listNotes(server)).toEqual(listNotes(client));
  });

  it('treats a deletion of existing content as new and its repetition as nothing', () => {
    const { client, server, id } = twoReplicas();
    const before = Y.encodeStateVector(client);
    deleteNotes(client, [id]);
    const deletion = Y.encodeStateAsUpdate(client, before);
    expect(checkUpdate(server, deletion).kind).toBe('new');
    Y.applyUpdate(server, deletion);
    expect(checkUpdate(server, deletion)).toEqual({ kind: 'none' });
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client))).toEqual({ kind: 'none' });
  });

  it.each([['json', 50_000], ['format', 50_000], ['any', 1_000]] as const)('refuses %s content nested %i deep, which would break every later encode', (kind, depth) => {
    const { server } = twoReplicas();
    const result = checkUpdate(server, deepContentUpdate(kind, depth));
    expect(result).toMatchObject({ kind: 'invalid', reason: 'content nested too deep' });
  });

  it('refuses delete-set clocks beyond 2^53, which would break every later encode', () => {
    const { server } = twoReplicas();
    const [first, second] = hugeClockDeletes();
    const a = checkUpdate(server, first);
    // The first is harmless on its own (a deletion of content the board lacks, kept pending).
    if (a.kind === 'new') Y.applyUpdate(server, a.update);
    expect(checkUpdate(server, second)).toMatchObject({ kind: 'invalid', reason: 'delete range out of range' });
    expect(() => Y.encodeStateAsUpdate(server)).not.toThrow();
  });

  it('refuses an update with more parts than the limit', () => {
    const { server } = twoReplicas();
    const update = descendingDeleteSet(2_000).update;
    expect(checkUpdate(server, update, { ...DEFAULT_UPDATE_LIMITS, maxDeleteRanges: 1_000 })).toMatchObject({
      kind: 'invalid',
      tooLarge: true,
    });
  });

  it('sorts a delete set given in descending order, deleting the same content', () => {
    const server = new Y.Doc();
    const { setup, update, text } = descendingDeleteSet(500);
    Y.applyUpdate(server, setup);
    const reference = new Y.Doc();
    Y.applyUpdate(reference, setup);
    Y.applyUpdate(reference, update);
    const result = checkUpdate(server, update);
    expect(result.kind).toBe('new');
    if (result.kind !== 'new') return;
    for (const ranges of Y.decodeUpdate(result.update).ds.clients.values()) {
      for (let i = 1; i < ranges.length; i++) expect(ranges[i].clock).toBeGreaterThan(ranges[i - 1].clock + ranges[i - 1].len - 1);
    }
    Y.applyUpdate(server, result.update);
    expect(text(server)).toBe(text(reference));
    expect(text(server)).toHaveLength(500);
  });

  it('marks an update that depends on content the board lacks as incomplete, and bounds how much of that it keeps', () => {
    const { client, server, id } = twoReplicas();
    const missing = Y.encodeStateVector(client);
    setNoteText(client, id, 'first edit, which the server never gets');
    const afterFirst = Y.encodeStateVector(client);
    setNoteText(client, id, 'second edit');
    const second = Y.encodeStateAsUpdate(client, afterFirst);
    expect(checkUpdate(server, second)).toMatchObject({ kind: 'new', incomplete: true });
    expect(checkUpdate(server, second, { ...DEFAULT_UPDATE_LIMITS, maxPendingBytes: 4 })).toMatchObject({ kind: 'invalid' });
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client, missing))).toMatchObject({ kind: 'new', incomplete: false });
  });

  it('refuses what does not decode', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 5);
    expect(checkUpdate(new Y.Doc(), encoding.toUint8Array(e))).toMatchObject({ kind: 'invalid' });
  });
});
