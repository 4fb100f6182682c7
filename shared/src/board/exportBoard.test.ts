import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { exportBoard } from './exportBoard.ts';
import { initBoard, initBoardMeta } from './meta.ts';
import { createNote } from './notes.ts';
import { addCanvas, removeCanvas } from './canvases.ts';
import { setOptionChosen, setScore } from '../canvases/confrontation/confrontationOperations.ts';

const meta = { title: 'Acme', template: 'confrontation', language: 'nl', createdAt: 7 };
const base = { x: 20, y: 80, color: 'yellow' as const, author: 'Ann', createdAt: 9 };

describe('exportBoard', () => {
  it('gives the canvases in order with their notes, effective settings and the matrix analysis, as plain JSON', () => {
    const doc = new Y.Doc();
    initBoard(doc, meta);
    const s = createNote(doc, { ...base, canvas: 'swot', frame: 'swot.strengths', text: 'Sterk merk' });
    const o = createNote(doc, { ...base, frame: 'swot.opportunities', text: 'Groeiende B2B-markt' });
    createNote(doc, { ...base, frame: 'elsewhere', text: 'Loose' });
    for (const [p, v] of [['p1', 2], ['p2', 1]] as const) setScore(doc, { canvasId: 'confrontation', participantId: p, row: s, column: o }, v);
    setOptionChosen(doc, 'confrontation', s, o, true);
    removeCanvas(doc, addCanvas(doc, { kind: 'swot', title: 'Scratch' }));

    const out = exportBoard(doc);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    expect(out.meta).toEqual({ title: 'Acme', template: 'confrontation', language: 'nl', createdAt: 7 });
    expect(out.canvases.map((c) => [c.id, c.kind, c.title])).toEqual([
      ['swot', 'swot', 'SWOT-analyse'],
      ['confrontation', 'confrontation', 'Confrontatiematrix'],
    ]);
    const [swot, matrix] = out.canvases;
    expect(swot.notes.map((n) => n.text)).toEqual(['Sterk merk', 'Groeiende B2B-markt']);
    expect(swot.notes[0]).not.toHaveProperty('canvas');
    expect(swot.analysis).toEqual({ counts: { S: 1, W: 0, O: 1, T: 0 } });
    expect(matrix.settings).toMatchObject({ source: 'swot', perQuadrant: 5, scale: '0..2', rows: null, columns: null });
    expect(matrix.analysis).toMatchObject({
      scale: { id: '0..2', labels: ['0', '+', '++'] },
      rows: [{ noteId: s, text: 'Sterk merk', quadrant: 'S' }],
      columns: [{ noteId: o, text: 'Groeiende B2B-markt', quadrant: 'O' }],
      cells: [{ row: s, column: o, quadrant: 'SO', count: 2, mean: 1.5, stdev: 0.5 }],
      rowSums: { [s]: 1.5 },
      columnSums: { [o]: 1.5 },
      quadrantSums: { SO: 1.5, ST: 0, WO: 0, WT: 0 },
      options: [{ row: s, column: o, mean: 1.5, type: 'offensive', question: 'Hoe kunnen we Sterk merk inzetten om Groeiende B2B-markt te benutten?', chosen: true }],
    });
    expect(out.otherNotes.map((n) => n.text)).toEqual(['Loose']);
  });

  it('exports a board from before canvases as its one SWOT canvas', () => {
    const doc = new Y.Doc();
    initBoardMeta(doc, { ...meta, template: 'swot', language: 'en' });
    createNote(doc, { ...base, frame: 'swot.threats', text: 'New competitor' });
    const out = exportBoard(doc);
    expect(out.canvases).toEqual([
      {
        id: 'swot', kind: 'swot', title: 'SWOT analysis', settings: {},
        notes: [expect.objectContaining({ frame: 'swot.threats', text: 'New competitor' })],
        analysis: { counts: { S: 0, W: 0, O: 0, T: 1 } },
      },
    ]);
  });
});
