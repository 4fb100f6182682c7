import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newContent } from './newContent.ts';
import { createNote, deleteNotes, listNotes, setNoteText } from '../../../shared/src/board/notes.ts';

const note = { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow' as const, author: 'A' };

function check(server: Y.Doc, update: Uint8Array) {
  return newContent(server, update, Y.decodeUpdate(update));
}

function twoReplicas() {
  const client = new Y.Doc();
  const server = new Y.Doc();
  const id = createNote(client, { ...note, text: 'hello' });
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return { client, server, id };
}

describe('newContent', () => {
  it('passes a live edit through whole', () => {
    const { client, server, id } = twoReplicas();
    const before = Y.encodeStateVector(client);
    setNoteText(client, id, 'changed');
    const edit = Y.encodeStateAsUpdate(client, before);
    expect(check(server, edit)).toEqual({ kind: 'all', update: edit });
  });

  it('finds nothing new in a re-send of the whole board', () => {
    const { client, server } = twoReplicas();
    expect(check(server, Y.encodeStateAsUpdate(client))).toEqual({ kind: 'none' });
  });

  it('keeps only the unknown part of a re-send that carries a new edit', () => {
    const { client, server } = twoReplicas();
    createNote(client, { ...note, text: 'offline' });
    const full = Y.encodeStateAsUpdate(client);
    const result = check(server, full);
    expect(result.kind).toBe('part');
    if (result.kind !== 'part') return;
    expect(result.update.byteLength).toBeLessThan(full.byteLength);
    Y.applyUpdate(server, result.update);
    expect(listNotes(server)).toEqual(listNotes(client));
  });

  it('treats a deletion of existing content as new and its repetition as nothing', () => {
    const { client, server, id } = twoReplicas();
    const before = Y.encodeStateVector(client);
    deleteNotes(client, [id]);
    const deletion = Y.encodeStateAsUpdate(client, before);
    expect(check(server, deletion).kind).toBe('all');
    Y.applyUpdate(server, deletion);
    expect(check(server, deletion)).toEqual({ kind: 'none' });
    expect(check(server, Y.encodeStateAsUpdate(client))).toEqual({ kind: 'none' });
  });
});
