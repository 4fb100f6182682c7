import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes } from './notes.ts';
import { canvasesMap, readCanvasRecord } from './schema.ts';
import { addCanvas, getCanvas } from './canvases.ts';
import { privateMode, privateNotesOn, setPrivateMode, writeRevealedNotes } from './privateNotes.ts';

const place = { frame: 'swot.strengths', x: 10, y: 80, color: 'green' as const };

function boardWithSwot(): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  const id = addCanvas(doc, { kind: 'swot', title: 'SWOT' });
  return { doc, id };
}

describe('private notes', () => {
  it('reads a canvas as public unless its setting says on, and attributed unless it says not', () => {
    const { doc, id } = boardWithSwot();
    expect(privateMode(getCanvas(doc, id))).toEqual({ on: false, attributed: true });
    setPrivateMode(doc, id, { on: true, attributed: false });
    expect(privateMode(getCanvas(doc, id))).toEqual({ on: true, attributed: false });
    const settings = canvasesMap(doc).get(id)!.get('settings') as Y.Map<unknown>;
    settings.set('private', 'yes please');
    expect(privateMode(readCanvasRecord(id, canvasesMap(doc).get(id)!))).toEqual({ on: false, attributed: true });
  });

  it('copies revealed notes with their ids on top, with the given author, and nothing twice', () => {
    const { doc: board, id } = boardWithSwot();
    createNote(board, { ...place, canvas: id, author: 'Fiona', text: 'on the board' });
    const own = new Y.Doc();
    createNote(own, { ...place, canvas: id, author: 'Claims to be Fiona', text: 'hidden', x: 200 });
    createNote(own, { ...place, canvas: 'other', author: 'Ann', text: 'elsewhere' });
    const notes = privateNotesOn(own, id);
    expect(notes.map((n) => n.text)).toEqual(['hidden']);
    expect(writeRevealedNotes(board, notes, 'Ann')).toHaveLength(1);
    expect(writeRevealedNotes(board, notes, 'Ann')).toHaveLength(0);
    const all = listNotes(board);
    expect(all.map((n) => n.text)).toEqual(['on the board', 'hidden']);
    expect(all[1]).toMatchObject({ id: notes[0].id, author: 'Ann', x: 200, canvas: id, color: 'green' });
  });
});
