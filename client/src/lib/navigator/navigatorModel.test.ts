import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { initBoard, initBoardMeta } from '$shared/board/meta.ts';
import { addCanvas, readCanvases, removeCanvas, renameCanvas } from '$shared/board/canvases.ts';
import { createNote } from '$shared/board/notes.ts';
import { readBoard } from '$shared/board/readBoard.ts';
import { canvasMap, canvasesMap, type CanvasRecord } from '$shared/board/schema.ts';
import { navigatorItems, removedCanvases, resolveCanvas, type CountingView } from './navigatorModel.ts';

const meta = { title: 'Acme', template: 'confrontation', language: 'en', createdAt: 1 };
const note = { x: 20, y: 80, color: 'yellow' as const, author: 'Ann', frame: 'swot.strengths' };
const notes: CountingView = { count: (board, canvas) => board.notesOf(canvas.id).length, countKey: 'navigator.count.notes' };
const swotOnly = (kind: string) => (kind === 'swot' ? notes : undefined);

function board(): { doc: Y.Doc; extra: string } {
  const doc = new Y.Doc();
  initBoard(doc, meta);
  const extra = addCanvas(doc, { kind: 'swot', title: 'SWOT 2027' });
  return { doc, extra };
}

describe('resolveCanvas', () => {
  it('shows the canvas the address asks for', () => {
    const { doc, extra } = board();
    expect(resolveCanvas(readCanvases(doc), extra)?.id).toBe(extra);
    expect(resolveCanvas(readCanvases(doc), 'confrontation')?.id).toBe('confrontation');
  });

  it('falls back to the first visible canvas for an unknown id or none', () => {
    const { doc } = board();
    removeCanvas(doc, 'swot');
    expect(resolveCanvas(readCanvases(doc), 'NoSuchCanvas')?.id).toBe('confrontation');
    expect(resolveCanvas(readCanvases(doc), null)?.id).toBe('confrontation');
  });

  it('shows the next canvas when the current one is removed, the one before when it was last', () => {
    const { doc, extra } = board();
    removeCanvas(doc, 'confrontation');
    expect(resolveCanvas(readCanvases(doc), 'confrontation')?.id).toBe(extra);
    removeCanvas(doc, extra);
    expect(resolveCanvas(readCanvases(doc), extra)?.id).toBe('swot');
  });

  it('shows nothing when every canvas is removed, or before the board has synced', () => {
    const { doc, extra } = board();
    for (const id of ['swot', 'confrontation', extra]) removeCanvas(doc, id);
    expect(resolveCanvas(readCanvases(doc), 'swot')).toBeUndefined();
    expect(resolveCanvas(readCanvases(new Y.Doc()), 'swot')).toBeUndefined();
  });

  it('opens a board from before canvases on its one SWOT canvas', () => {
    const doc = new Y.Doc();
    initBoardMeta(doc, { ...meta, template: 'swot' });
    expect(canvasesMap(doc).size).toBe(0);
    expect(resolveCanvas(readCanvases(doc), null)).toMatchObject({ id: 'swot', kind: 'swot', title: 'SWOT analysis' });
  });
});

describe('navigatorItems', () => {
  it('lists the visible canvases in order with their kind, live count and the current one', () => {
    const { doc, extra } = board();
    createNote(doc, { ...note, canvas: 'swot' });
    createNote(doc, { ...note }); // no canvas stored: on `swot` by the reading rule
    createNote(doc, { ...note, canvas: extra });
    const items = navigatorItems(readBoard(doc), extra, 'en', swotOnly);
    expect(items).toEqual([
      expect.objectContaining({ id: 'swot', title: 'SWOT analysis', showKind: false, count: 2, countLabel: 'Notes: 2', current: false }),
      expect.objectContaining({ id: 'confrontation', title: 'Confrontation matrix', count: null, current: false }),
      expect.objectContaining({ id: extra, title: 'SWOT 2027', kindName: 'SWOT analysis', showKind: true, count: 1, current: true }),
    ]);
  });

  it('names canvases in the locale and leaves removed ones out', () => {
    const { doc, extra } = board();
    removeCanvas(doc, 'confrontation');
    renameCanvas(doc, extra, '   ');
    const items = navigatorItems(readBoard(doc), 'swot', 'nl', swotOnly);
    expect(items.map((i) => [i.id, i.title, i.countLabel])).toEqual([
      ['swot', 'SWOT analysis', 'Notities: 0'],
      [extra, 'SWOT-analyse', 'Notities: 0'],
    ]);
  });

  it('shows a canvas of a kind this version does not know by its kind id, without a count', () => {
    const { doc } = board();
    const future: CanvasRecord = { id: 'later', kind: 'businessModelCanvas', title: 'Portfolio', order: 'a5', createdAt: 1, removedAt: null, settings: {} };
    canvasesMap(doc).set('later', canvasMap(future));
    const item = navigatorItems(readBoard(doc), undefined, 'en', swotOnly).find((i) => i.id === 'later');
    expect(item).toMatchObject({ title: 'Portfolio', kindName: 'businessModelCanvas', showKind: true, count: null, current: false });
  });

  it('keeps the navigator when a view fails to count', () => {
    const { doc } = board();
    const broken: CountingView = {
      count: () => {
        throw new Error('boom');
      },
    };
    const original = console.error;
    console.error = () => {};
    try {
      expect(navigatorItems(readBoard(doc), 'swot', 'en', () => broken).map((i) => i.count)).toEqual([null, null, null]);
    } finally {
      console.error = original;
    }
  });
});

describe('removedCanvases', () => {
  it('lists removed canvases, the most recently removed first', () => {
    const { doc, extra } = board();
    removeCanvas(doc, 'swot', undefined, 100);
    removeCanvas(doc, extra, undefined, 200);
    expect(removedCanvases(readCanvases(doc)).map((c) => c.id)).toEqual([extra, 'swot']);
  });
});
