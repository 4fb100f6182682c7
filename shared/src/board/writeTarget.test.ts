import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { writeTarget, type WriteTarget } from './writeTarget.ts';
import { pathsOfChange } from './updatePaths.testing.ts';
import { createNote, deleteNotes, moveNotes, setNoteText } from './notes.ts';
import { addCanvas, moveCanvas, removeCanvas, renameCanvas, restoreCanvas } from './canvases.ts';
import { initBoard, initBoardMeta } from './meta.ts';
import { swotTemplate } from '../templates/swot.ts';
import { clearScore, setMatrixScale, setOptionChosen, setScore } from '../canvases/confrontation/confrontationOperations.ts';

const meta = { title: 'Acme', template: 'confrontation', language: 'en', createdAt: 1 };

function targets(doc: Y.Doc, change: () => void): WriteTarget[] {
  const seen = new Map<string, WriteTarget>();
  for (const { root, path } of pathsOfChange(doc, change)) {
    const t = writeTarget(root, path);
    seen.set(JSON.stringify(t), t);
  }
  return [...seen.values()];
}

describe('writeTarget', () => {
  it('maps each root and key path to what it touches', () => {
    expect(writeTarget('meta', ['title'])).toEqual({ kind: 'meta', key: 'title' });
    expect(writeTarget('notes', ['n1'])).toEqual({ kind: 'note', noteId: 'n1' });
    expect(writeTarget('notes', ['n1', 'text', null])).toEqual({ kind: 'note', noteId: 'n1', field: 'text' });
    expect(writeTarget('canvases', ['c1'])).toEqual({ kind: 'canvas-structure', canvasId: 'c1' });
    expect(writeTarget('canvases', ['c1', 'title'])).toEqual({ kind: 'canvas-structure', canvasId: 'c1', field: 'title' });
    expect(writeTarget('canvases', ['c1', 'settings'])).toEqual({ kind: 'canvas-settings', canvasId: 'c1' });
    expect(writeTarget('canvases', ['c1', 'settings', 'scale'])).toEqual({ kind: 'canvas-settings', canvasId: 'c1', key: 'scale' });
    expect(writeTarget('personal', ['c1/p1/0..2:r:c'])).toEqual({ kind: 'personal', canvasId: 'c1', participantId: 'p1', entry: '0..2:r:c' });
    expect(writeTarget('participants', ['p1'])).toEqual({ kind: 'participant', participantId: 'p1' });
    expect(writeTarget('accounts', ['c1/a1'])).toEqual({ kind: 'account', canvasId: 'c1', accountId: 'a1' });
    expect(writeTarget('accounts', ['c1'])).toEqual({ kind: 'malformed', root: 'accounts', reason: 'not a <canvasId>/<accountId> key' });
    expect(writeTarget('accounts', [null])).toEqual({ kind: 'malformed', root: 'accounts', reason: 'not a <canvasId>/<accountId> key' });
    expect(writeTarget('awareness', ['x'])).toEqual({ kind: 'unknown-root', name: 'awareness' });
  });

  it('calls writes that do not fit the schema malformed, so the server can refuse them', () => {
    for (const [root, path] of [
      ['meta', [null]],
      ['notes', [null]],
      ['notes', ['n1', null]],
      ['canvases', ['bad/id']],
      ['canvases', ['c1', null]],
      ['canvases', ['c1', 'settings', null]],
      ['personal', ['c1/p1']],
      ['personal', ['c1/p1/']],
      ['personal', ['c1:x/p1/e']],
      ['personal', [null]],
      ['participants', ['a/b']],
      ['notes', []],
    ] as const) {
      expect(writeTarget(root, path).kind, `${root} ${JSON.stringify(path)}`).toBe('malformed');
    }
  });

  it('gives a participant entry inside the personal root whatever is nested under it', () => {
    expect(writeTarget('personal', ['c1/p1/e', 'x', null])).toEqual({ kind: 'personal', canvasId: 'c1', participantId: 'p1', entry: 'e' });
  });
});

describe('what the typed operations touch', () => {
  function board(): Y.Doc {
    const doc = new Y.Doc({ gc: false });
    initBoard(doc, meta);
    return doc;
  }

  it('a note edit touches only that note, deletion included', () => {
    const doc = board();
    let id = '';
    expect(targets(doc, () => (id = createNote(doc, { canvas: 'swot', frame: 'swot.strengths', x: 0, y: 80, color: 'green', author: 'A' })))).toEqual([
      { kind: 'note', noteId: id },
      { kind: 'note', noteId: id, field: 'id' },
      { kind: 'note', noteId: id, field: 'canvas' },
      { kind: 'note', noteId: id, field: 'frame' },
      { kind: 'note', noteId: id, field: 'text' },
      { kind: 'note', noteId: id, field: 'x' },
      { kind: 'note', noteId: id, field: 'y' },
      { kind: 'note', noteId: id, field: 'color' },
      { kind: 'note', noteId: id, field: 'author' },
      { kind: 'note', noteId: id, field: 'createdAt' },
      { kind: 'note', noteId: id, field: 'z' },
    ]);
    expect(targets(doc, () => setNoteText(doc, id, 'Strong brand'))).toEqual([{ kind: 'note', noteId: id, field: 'text' }]);
    expect(targets(doc, () => moveNotes(doc, swotTemplate, [{ id, x: 1000, y: 80 }]))).toEqual([
      { kind: 'note', noteId: id, field: 'x' },
      { kind: 'note', noteId: id, field: 'frame' },
      { kind: 'note', noteId: id, field: 'color' }, // the quadrant's colour follows the note
    ]);
    const deleted = targets(doc, () => deleteNotes(doc, [id]));
    expect(deleted.every((t) => t.kind === 'note' && t.noteId === id)).toBe(true);
  });

  it('a score touches only that participant entry on that canvas, clearing included', () => {
    const doc = board();
    const cell = { canvasId: 'confrontation', participantId: 'p1', row: 'r1', column: 'c1' };
    const mine = { kind: 'personal', canvasId: 'confrontation', participantId: 'p1', entry: '0..2:r1:c1' };
    expect(targets(doc, () => setScore(doc, cell, 2))).toEqual([mine]);
    expect(targets(doc, () => setScore(doc, cell, 1))).toEqual([mine]);
    expect(targets(doc, () => clearScore(doc, cell))).toEqual([mine]);
  });

  it('matrix settings touch only that canvas settings', () => {
    const doc = board();
    expect(targets(doc, () => setMatrixScale(doc, 'confrontation', '-2..2'))).toEqual([
      { kind: 'canvas-settings', canvasId: 'confrontation', key: 'scale' },
    ]);
    expect(targets(doc, () => setOptionChosen(doc, 'confrontation', 'r1', 'c1', true))).toEqual([
      { kind: 'canvas-settings', canvasId: 'confrontation', key: 'chosen' },
    ]);
  });

  it('canvas structure changes touch only canvas structure', () => {
    const doc = board();
    let id = '';
    const added = targets(doc, () => (id = addCanvas(doc, { kind: 'swot', title: 'SWOT 2' })));
    expect(added.every((t) => t.kind.startsWith('canvas-') && 'canvasId' in t && t.canvasId === id)).toBe(true);
    expect(targets(doc, () => renameCanvas(doc, id, 'Second SWOT'))).toEqual([{ kind: 'canvas-structure', canvasId: id, field: 'title' }]);
    expect(targets(doc, () => moveCanvas(doc, id, 0))).toEqual([{ kind: 'canvas-structure', canvasId: id, field: 'order' }]);
    expect(targets(doc, () => removeCanvas(doc, id))).toEqual([{ kind: 'canvas-structure', canvasId: id, field: 'removedAt' }]);
    expect(targets(doc, () => restoreCanvas(doc, id))).toEqual([{ kind: 'canvas-structure', canvasId: id, field: 'removedAt' }]);
  });

  it('the first structure change on a board from before canvases writes the legacy canvas and pins its notes, once', () => {
    const doc = new Y.Doc({ gc: false });
    initBoardMeta(doc, { ...meta, template: 'swot' });
    const note = createNote(doc, { frame: 'swot.threats', x: 1000, y: 700, color: 'pink', author: 'A' });
    const first = targets(doc, () => addCanvas(doc, { kind: 'swot', title: 'SWOT 2' }));
    expect(new Set(first.map((t) => t.kind))).toEqual(new Set(['canvas-structure', 'canvas-settings', 'note']));
    expect(first.filter((t) => t.kind === 'note')).toEqual([{ kind: 'note', noteId: note, field: 'canvas' }]);
    expect(targets(doc, () => renameCanvas(doc, 'swot', 'Our SWOT'))).toEqual([{ kind: 'canvas-structure', canvasId: 'swot', field: 'title' }]);
  });
});
