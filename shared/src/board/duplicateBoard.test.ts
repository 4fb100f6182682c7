import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './meta.ts';
import { createNote } from './notes.ts';
import { addCanvas, readCanvases, removeCanvas, updateCanvasSettings } from './canvases.ts';
import { duplicateAgenda, duplicateBoard } from './duplicateBoard.ts';
import { workshopAgenda } from '../facilitation/workshopAgenda.ts';
import { notesMap, personalMap, readMeta, readNote, ROOT } from './schema.ts';

describe('duplicateBoard', () => {
  it('copies canvases, settings and notes under new metadata, without people, scores or removed canvases', () => {
    const source = new Y.Doc();
    initBoard(source, { title: 'Acme 2026', template: 'workshop', language: 'nl', createdAt: 1 });
    const [first] = readCanvases(source);
    updateCanvasSettings(source, first.id, { hideResults: true });
    const gone = addCanvas(source, { kind: 'swot', title: 'Old' });
    removeCanvas(source, gone);
    const kept = createNote(source, { canvas: first.id, frame: first.kind === 'swot' ? 'swot.strengths' : 'x', text: 'Loyal customers', x: 0, y: 0, color: 'green', author: 'Ann' });
    createNote(source, { canvas: gone, frame: 'swot.threats', text: 'Trashed', x: 0, y: 0, color: 'grey', author: 'Ann' });
    personalMap(source).set(`${first.id}/p1/cell`, 3);
    source.getMap(ROOT.participants).set('p1', { name: 'Ann', role: 'participant' });

    const copy = new Y.Doc();
    duplicateBoard(source, copy, { title: 'Acme 2027', template: 'workshop', language: 'nl', createdAt: 2 });

    expect(readMeta(copy)).toMatchObject({ title: 'Acme 2027', template: 'workshop', createdAt: 2 });
    const canvases = readCanvases(copy);
    expect(canvases.map((c) => c.id)).toEqual(readCanvases(source).filter((c) => c.removedAt === null).map((c) => c.id));
    expect(canvases[0].settings).toEqual(readCanvases(source)[0].settings);
    const notes = Array.from(notesMap(copy).entries()).map(([id, m]) => readNote(id, m));
    expect(notes.map((n) => n.text)).toEqual(['Loyal customers']);
    expect(notes[0].id).toBe(kept);
    expect(personalMap(copy).size).toBe(0);
    expect(copy.getMap(ROOT.participants).size).toBe(0);
  });

  it('takes the agenda along, except phases on a canvas the copy does not have; the phases still point at its canvases', () => {
    const source = new Y.Doc();
    initBoard(source, { title: 'Acme 2026', template: 'workshop', language: 'en', createdAt: 1 });
    const agenda = workshopAgenda(readCanvases(source), 'en');
    removeCanvas(source, 'pyramid');
    const copy = new Y.Doc();
    duplicateBoard(source, copy, { title: 'Acme 2027', template: 'workshop', language: 'en', createdAt: 2 });

    const phases = duplicateAgenda(agenda, copy);
    expect(phases).toEqual(agenda.filter((p) => p.canvasId !== 'pyramid'));
    expect(phases.length).toBe(agenda.length - 1);
    const copied = new Set(readCanvases(copy).map((c) => c.id));
    expect(phases.every((p) => copied.has(p.canvasId))).toBe(true);
  });
});
