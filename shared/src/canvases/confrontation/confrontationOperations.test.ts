import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../board/meta.ts';
import { createNote, deleteNotes } from '../../board/notes.ts';
import { getCanvas } from '../../board/canvases.ts';
import { readBoard } from '../../board/readBoard.ts';
import { notesMap } from '../../board/schema.ts';
import { canvasKind } from '../registry.ts';
import type { ConfrontationAnalysis } from './confrontationAnalysis.ts';
import {
  clearScore,
  pickMatrixColumns,
  pickMatrixRows,
  readMyScores,
  setMatrixScale,
  setOptionChosen,
  setScore,
  updateMatrixSettings,
} from './confrontationOperations.ts';

const M = 'confrontation';

function workshop(): { doc: Y.Doc; s: string; w: string; o: string; t: string } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Acme', template: 'workshop', language: 'en', createdAt: 1 });
  const add = (frame: string, text: string) => createNote(doc, { canvas: 'swot', frame, text, x: 20, y: 80, color: 'yellow', author: 'Ann' });
  return {
    doc,
    s: add('swot.strengths', 'Strong brand'),
    w: add('swot.weaknesses', 'Slow delivery'),
    o: add('swot.opportunities', 'Growing B2B market'),
    t: add('swot.threats', 'New competitor'),
  };
}

function analysis(doc: Y.Doc): ConfrontationAnalysis {
  const board = readBoard(doc);
  return canvasKind('confrontation')!.analyze!(board, getCanvas(doc, M)!) as ConfrontationAnalysis;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('scores', () => {
  it('sets, changes and clears one’s own score, leaving others’ alone', () => {
    const { doc, s, o, t } = workshop();
    setScore(doc, { canvasId: M, participantId: 'ann', row: s, column: o }, 2);
    setScore(doc, { canvasId: M, participantId: 'bob', row: s, column: o }, 1);
    setScore(doc, { canvasId: M, participantId: 'ann', row: s, column: t }, 1);
    setScore(doc, { canvasId: M, participantId: 'ann', row: s, column: t }, 0);
    expect(readMyScores(doc, M, 'ann')).toEqual(new Map([[`${s}:${o}`, 2], [`${s}:${t}`, 0]]));
    clearScore(doc, { canvasId: M, participantId: 'ann', row: s, column: o });
    expect(readMyScores(doc, M, 'ann')).toEqual(new Map([[`${s}:${t}`, 0]]));
    expect(readMyScores(doc, M, 'bob')).toEqual(new Map([[`${s}:${o}`, 1]]));
    expect(analysis(doc).cells.find((c) => c.row === s && c.column === o)).toMatchObject({ count: 1, mean: 1 });
  });

  it('refuses a score off the scale and a canvas that is not a matrix', () => {
    const { doc, s, o } = workshop();
    const cell = { canvasId: M, participantId: 'ann', row: s, column: o };
    expect(() => setScore(doc, cell, 3)).toThrow(RangeError);
    expect(() => setScore(doc, cell, -1)).toThrow(RangeError);
    expect(() => setScore(doc, cell, 1.5)).toThrow(RangeError);
    expect(() => setScore(doc, { ...cell, canvasId: 'swot' }, 1)).toThrow(/no confrontation matrix/);
    setMatrixScale(doc, M, '-2..2');
    setScore(doc, cell, -1);
    expect(readMyScores(doc, M, 'ann').get(`${s}:${o}`)).toBe(-1);
  });

  it('keeps every score when one participant scores on two devices at once, even the first scores', () => {
    const { doc: phone, s, w, o, t } = workshop();
    const laptop = new Y.Doc();
    sync(phone, laptop);
    setScore(phone, { canvasId: M, participantId: 'ann', row: s, column: o }, 2);
    setScore(laptop, { canvasId: M, participantId: 'ann', row: w, column: t }, 1);
    setScore(laptop, { canvasId: M, participantId: 'bob', row: s, column: o }, 0);
    sync(phone, laptop);
    for (const d of [phone, laptop]) {
      expect(readMyScores(d, M, 'ann')).toEqual(new Map([[`${s}:${o}`, 2], [`${w}:${t}`, 1]]));
      expect(analysis(d).progress.scoredBy).toEqual({ ann: 2, bob: 1 });
    }
  });

  it('keeps the old scores aside when the scale changes, and brings them back with the old scale', () => {
    const { doc, s, o, t } = workshop();
    setScore(doc, { canvasId: M, participantId: 'ann', row: s, column: o }, 2);
    setScore(doc, { canvasId: M, participantId: 'bob', row: s, column: t }, 1);
    setMatrixScale(doc, M, '-2..2');
    let a = analysis(doc);
    expect(a.scale.id).toBe('-2..2');
    expect(a.cells.every((c) => c.count === 0)).toBe(true);
    expect(a.aside.otherScales).toEqual({ '0..2': 2 });
    expect(readMyScores(doc, M, 'ann').size).toBe(0);
    setScore(doc, { canvasId: M, participantId: 'ann', row: s, column: o }, -2);
    setMatrixScale(doc, M, '0..2');
    a = analysis(doc);
    expect(a.cells.find((c) => c.row === s && c.column === o)).toMatchObject({ count: 1, mean: 2 });
    expect(a.aside.otherScales).toEqual({ '-2..2': 1 });
  });

  it('keeps the scores of a note deleted from the SWOT, and counts them again when the deletion is undone', () => {
    const { doc, s, w, o } = workshop();
    const undo = new Y.UndoManager(notesMap(doc), { trackedOrigins: new Set(['ann']) });
    setScore(doc, { canvasId: M, participantId: 'ann', row: s, column: o }, 2);
    setScore(doc, { canvasId: M, participantId: 'ann', row: w, column: o }, 1);
    deleteNotes(doc, [s], 'ann');
    let a = analysis(doc);
    expect(a.rows.map((r) => r.noteId)).toEqual([w]);
    expect(a.aside.notInMatrix).toBe(1);
    undo.undo();
    a = analysis(doc);
    expect(a.rows.map((r) => r.noteId)).toEqual([s, w]);
    expect(a.cells.find((c) => c.row === s && c.column === o)).toMatchObject({ count: 1, mean: 2 });
    expect(a.options[0].question).toBe('How can we use Strong brand to seize Growing B2B market?');
  });

  it('follows live edits of a note’s text in labels and questions', () => {
    const { doc, s, o } = workshop();
    setScore(doc, { canvasId: M, participantId: 'ann', row: s, column: o }, 2);
    const text = notesMap(doc).get(s)!.get('text') as Y.Text;
    text.insert(text.length, ' in the north');
    expect(analysis(doc).rows[0].text).toBe('Strong brand in the north');
    expect(analysis(doc).options[0].question).toContain('Strong brand in the north');
  });
});

describe('matrix settings', () => {
  it('picks rows and columns, and goes back to the top N', () => {
    const doc = workshop();
    const s2 = createNote(doc.doc, { canvas: 'swot', frame: 'swot.strengths', text: 'Second', x: 20, y: 400, color: 'green', author: 'A' });
    pickMatrixRows(doc.doc, M, [s2, doc.w]);
    pickMatrixColumns(doc.doc, M, [doc.t]);
    let a = analysis(doc.doc);
    expect(a.rows.map((r) => r.noteId)).toEqual([s2, doc.w]);
    expect(a.columns.map((r) => r.noteId)).toEqual([doc.t]);
    pickMatrixRows(doc.doc, M, null);
    updateMatrixSettings(doc.doc, M, { perQuadrant: 1 });
    a = analysis(doc.doc);
    expect(a.rows.map((r) => r.noteId)).toEqual([doc.s, doc.w]);
    expect(a.perQuadrant).toBe(1);
    expect(() => updateMatrixSettings(doc.doc, M, { perQuadrant: 0 })).toThrow();
  });

  it('marks and unmarks chosen options, writing nothing when unchanged', () => {
    const { doc, s, o } = workshop();
    setScore(doc, { canvasId: M, participantId: 'ann', row: s, column: o }, 2);
    setOptionChosen(doc, M, s, o, true);
    const sv = Y.encodeStateVector(doc);
    setOptionChosen(doc, M, s, o, true);
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    expect(analysis(doc).options[0].chosen).toBe(true);
    setOptionChosen(doc, M, s, o, false);
    expect(analysis(doc).options[0].chosen).toBe(false);
  });
});
