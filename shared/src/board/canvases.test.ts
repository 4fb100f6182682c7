import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import {
  addCanvas,
  canvasSettings,
  getCanvas,
  moveCanvas,
  noteCanvasId,
  readCanvases,
  removeCanvas,
  renameCanvas,
  restoreCanvas,
  updateCanvasSettings,
  visibleCanvases,
} from './canvases.ts';
import { migrateBoard } from './migrate.ts';
import { initBoard, initBoardMeta } from './meta.ts';
import { createNote, getNote } from './notes.ts';
import { readBoard } from './readBoard.ts';
import { canvasesMap } from './schema.ts';

const note = { x: 20, y: 80, color: 'yellow' as const, author: 'Ann' };
const meta = { title: 'Acme', template: 'swot', language: 'en', createdAt: 1795766286989 };

/** A board as the server made them before issue 7: metadata and notes, no canvases. */
function legacyBoard(): { doc: Y.Doc; threat: string } {
  const doc = new Y.Doc();
  initBoardMeta(doc, meta);
  const threat = createNote(doc, { ...note, frame: 'swot.threats', text: 'New competitor' });
  createNote(doc, { ...note, frame: 'swot.strengths', text: 'Strong brand' });
  return { doc, threat };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const ids = (doc: Y.Doc) => visibleCanvases(readCanvases(doc)).map((c) => c.id);

describe('boards from before canvases', () => {
  it('open unchanged: one SWOT canvas holding every note, without writing anything', () => {
    const { doc } = legacyBoard();
    const before = Y.encodeStateVector(doc);
    const board = readBoard(doc);
    expect(board.canvases).toEqual([
      { id: 'swot', kind: 'swot', title: 'SWOT analysis', order: 'a0', createdAt: meta.createdAt, removedAt: null, settings: {} },
    ]);
    expect(board.notesOf('swot').map((n) => n.text)).toEqual(['New competitor', 'Strong brand']);
    expect(board.otherNotes()).toEqual([]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('migrate once: the written canvases are the ones read before, and a second run writes nothing', () => {
    const { doc } = legacyBoard();
    const read = readCanvases(doc);
    expect(migrateBoard(doc)).toBe(true);
    expect(canvasesMap(doc).size).toBe(1);
    expect(readCanvases(doc)).toEqual(read);
    const after = Y.encodeStateVector(doc);
    expect(migrateBoard(doc)).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(after);
  });

  it('converge when several replicas migrate at the same time', () => {
    const { doc: a } = legacyBoard();
    const b = new Y.Doc();
    const c = new Y.Doc();
    sync(a, b);
    sync(a, c);
    for (const d of [a, b, c]) expect(migrateBoard(d)).toBe(true);
    sync(a, b);
    sync(b, c);
    sync(a, c);
    const expected = readCanvases(a);
    expect(expected.map((x) => x.id)).toEqual(['swot']);
    for (const d of [b, c]) {
      for (const root of ['meta', 'notes', 'canvases']) expect(d.getMap(root).toJSON()).toEqual(a.getMap(root).toJSON());
      expect(readCanvases(d)).toEqual(expected);
    }
    expect(readBoard(c).notesOf('swot')).toHaveLength(2);
  });

  it('are not invented for a replica that has not synced yet', () => {
    const doc = new Y.Doc();
    expect(readCanvases(doc)).toEqual([]);
    expect(migrateBoard(doc)).toBe(false);
    expect(canvasesMap(doc).size).toBe(0);
  });

  it('keep a note from a program that writes only frame: swot.threats in the threats of the one SWOT', () => {
    const doc = new Y.Doc();
    initBoard(doc, { ...meta, template: 'confrontation' });
    const id = createNote(doc, { ...note, frame: 'swot.threats' });
    expect(getNote(doc, id)?.canvas).toBeUndefined();
    expect(readBoard(doc).notesOf('swot').map((n) => n.id)).toEqual([id]);
  });
});

describe('board templates', () => {
  it('create their canvases in order, titled in the board language', () => {
    for (const [template, kinds] of [
      ['swot', ['swot']],
      ['confrontation', ['swot', 'confrontation']],
      ['workshop', ['quickscan', 'swot', 'confrontation', '7s', 'pyramid', 'actions']],
    ] as const) {
      const doc = new Y.Doc();
      initBoard(doc, { ...meta, template, language: 'nl' });
      const canvases = readCanvases(doc);
      expect(canvases.map((c) => c.kind), template).toEqual(kinds);
      expect(canvasesMap(doc).size).toBe(kinds.length);
      expect(canvases.find((c) => c.kind === 'swot')?.title).toBe('SWOT-analyse');
    }
    const doc = new Y.Doc();
    initBoard(doc, { ...meta, template: 'workshop', language: 'nl' });
    expect(getCanvas(doc, 'confrontation')).toMatchObject({ title: 'Confrontatiematrix', settings: { source: 'swot' } });
  });
});

describe('canvas operations', () => {
  function board(): Y.Doc {
    const doc = new Y.Doc();
    initBoard(doc, { ...meta, template: 'confrontation' });
    return doc;
  }

  it('add at the end or at a place, rename and reorder', () => {
    const doc = board();
    const last = addCanvas(doc, { kind: 'swot', title: 'SWOT 2026' });
    const first = addCanvas(doc, { kind: 'swot', title: 'SWOT 2025', index: 0 });
    expect(ids(doc)).toEqual([first, 'swot', 'confrontation', last]);
    renameCanvas(doc, last, 'SWOT next year');
    expect(getCanvas(doc, last)?.title).toBe('SWOT next year');
    moveCanvas(doc, first, 3);
    expect(ids(doc)).toEqual(['swot', 'confrontation', last, first]);
    moveCanvas(doc, last, 0);
    expect(ids(doc)).toEqual([last, 'swot', 'confrontation', first]);
  });

  it('remove a canvas without losing it: its notes go with it and come back on restore, in its old place', () => {
    const doc = board();
    const legacy = createNote(doc, { ...note, frame: 'swot.strengths' });
    const second = addCanvas(doc, { kind: 'swot', title: 'SWOT 2' });
    const onSecond = createNote(doc, { ...note, canvas: second, frame: 'swot.strengths' });
    removeCanvas(doc, 'swot', undefined, 42);
    expect(ids(doc)).toEqual(['confrontation', second]);
    expect(getCanvas(doc, 'swot')?.removedAt).toBe(42);
    let b = readBoard(doc);
    expect(b.notesOf(second).map((n) => n.id)).toEqual([onSecond]);
    expect(b.notesOf('swot').map((n) => n.id)).toEqual([legacy]);
    restoreCanvas(doc, 'swot');
    expect(ids(doc)).toEqual(['swot', 'confrontation', second]);
    b = readBoard(doc);
    expect(b.notesOf('swot').map((n) => n.id)).toEqual([legacy]);
  });

  it('leave notes where they are when canvases are added or reordered', () => {
    const doc = board();
    const legacy = createNote(doc, { ...note, frame: 'swot.weaknesses' });
    const other = addCanvas(doc, { kind: 'swot', title: 'Other SWOT', index: 0 });
    moveCanvas(doc, 'swot', 2);
    expect(readBoard(doc).notesOf('swot').map((n) => n.id)).toEqual([legacy]);
    expect(readBoard(doc).notesOf(other)).toEqual([]);
  });

  it('keep two canvases added at once on two replicas, in the same order on both', () => {
    const a = board();
    const b = new Y.Doc();
    sync(a, b);
    const x = addCanvas(a, { kind: 'swot', title: 'A' });
    const y = addCanvas(b, { kind: 'swot', title: 'B' });
    sync(a, b);
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a).slice(2).sort()).toEqual([x, y].sort());
  });

  it('give a new matrix the first SWOT as its source, kept when other SWOTs are added before it', () => {
    const doc = new Y.Doc();
    initBoard(doc, meta);
    const matrix = addCanvas(doc, { kind: 'confrontation', title: 'Matrix' });
    addCanvas(doc, { kind: 'swot', title: 'Earlier SWOT', index: 0 });
    expect(canvasSettings(getCanvas(doc, matrix)!)).toMatchObject({ source: 'swot' });
    const other = addCanvas(doc, { kind: 'confrontation', title: 'Other', settings: { source: 'elsewhere' } });
    expect(getCanvas(doc, other)?.settings).toEqual({ source: 'elsewhere' });
  });

  it('refuse an unknown kind and invalid settings, writing nothing', () => {
    const doc = board();
    const before = Y.encodeStateVector(doc);
    expect(() => addCanvas(doc, { kind: 'nope', title: 'x' })).toThrow(/unknown canvas kind/);
    expect(() => addCanvas(doc, { kind: 'confrontation', title: 'x', settings: { perQuadrant: 11 } })).toThrow();
    expect(() => updateCanvasSettings(doc, 'confrontation', { scale: '1..5' })).toThrow();
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('read settings a program wrote badly field by field, with defaults for the bad ones, and still change the others', () => {
    const doc = board();
    const settings = canvasesMap(doc).get('confrontation')!.get('settings') as Y.Map<unknown>;
    settings.set('perQuadrant', 'many');
    settings.set('scale', '-2..2');
    expect(canvasSettings(getCanvas(doc, 'confrontation')!)).toMatchObject({ source: 'swot', perQuadrant: 5, scale: '-2..2', rows: null });
    updateCanvasSettings(doc, 'confrontation', { revealed: true });
    expect(canvasSettings(getCanvas(doc, 'confrontation')!)).toMatchObject({ revealed: true, scale: '-2..2' });
  });
});

describe('noteCanvasId with several SWOT canvases', () => {
  const swot = (id: string, removedAt: number | null = null) => ({ id, kind: 'swot', title: id, order: 'a0', createdAt: 0, removedAt, settings: {} });
  const matrix = { ...swot('m'), kind: 'confrontation' };

  it('follows the note’s own canvas, removed or not', () => {
    expect(noteCanvasId({ canvas: 'b', frame: 'swot.threats' }, [swot('swot'), swot('b', 1)])).toBe('b');
  });

  it('puts a note without canvas on the canvas swot, else the first visible canvas with its frame', () => {
    expect(noteCanvasId({ frame: 'swot.threats' }, [swot('a'), swot('swot')])).toBe('swot');
    expect(noteCanvasId({ frame: 'swot.threats' }, [matrix, swot('a'), swot('b')])).toBe('a');
    expect(noteCanvasId({ frame: 'swot.threats' }, [swot('swot', 5), swot('b')])).toBe('b');
    expect(noteCanvasId({ canvas: 'gone', frame: 'swot.threats' }, [swot('a')])).toBe('a');
  });

  it('keeps it with a removed canvas when no visible one has its frame, and on none when no canvas has it', () => {
    expect(noteCanvasId({ frame: 'swot.threats' }, [matrix, swot('swot', 5)])).toBe('swot');
    expect(noteCanvasId({ frame: 'pyramid.top' }, [swot('swot')])).toBeUndefined();
  });
});
