import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { createNote, moveNotes, setNoteText, deleteNotes, setNotesColor, listNotes, notesMap, NOTE_FILL } from '$shared/board/index.ts';
import { swotTemplate } from '$shared/templates/index.ts';
import { addCanvas, noteCanvasId, readCanvases } from '$shared/board/canvases.ts';
import { initBoardMeta } from '$shared/board/meta.ts';
import {
  allNoteViews,
  boundsOf,
  fontSizeFor,
  noteAt,
  notesInRect,
  notePositionInFrame,
  freeSpotNear,
  nextInReadingOrder,
  readingOrder,
  readingPlace,
  FRAME_HEADER,
  planNoteChanges,
  membershipChanges,
  reorder,
  touchedNoteIds,
  type NoteFilter,
  type NoteView,
  type Placement,
  NOTE_TEXT_BOX,
} from './noteView.ts';
import { createFontFitter } from './textFit.ts';

const canvasesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('canvases');

const base = { color: 'yellow' as const, author: 'Ann', frame: 'swot.strengths' };

/** Records the touched ids of every deep event on the notes map, like the renderer does. */
function watch(doc: Y.Doc) {
  const batches: Set<string>[] = [];
  notesMap(doc).observeDeep((events) => batches.push(touchedNoteIds(events)));
  return batches;
}

function drawnOf(doc: Y.Doc): Map<string, NoteView> {
  return new Map(allNoteViews(notesMap(doc)).map((v) => [v.id, v]));
}

/** Applies placements to a child list the way Konva's zIndex moves work. */
function applyPlacements(children: string[], placements: Placement[]): string[] {
  const list = children.slice();
  for (const p of placements) {
    const from = list.indexOf(p.id);
    if (from >= 0) list.splice(from, 1);
    const at = p.after === null ? 0 : list.indexOf(p.after) + 1;
    list.splice(at, 0, p.id);
  }
  return list;
}

describe('touchedNoteIds', () => {
  it('names only the note whose text was typed into', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { ...base, x: 0, y: 80 });
    createNote(doc, { ...base, x: 200, y: 80 });
    const batches = watch(doc);
    setNoteText(doc, a, 'Loyal customers');
    expect(batches).toEqual([new Set([a])]);
  });

  it('names every note of a multi-note move in one batch', () => {
    const doc = new Y.Doc();
    const ids = [0, 1, 2].map((i) => createNote(doc, { ...base, x: i * 200, y: 80 }));
    const batches = watch(doc);
    moveNotes(doc, swotTemplate, ids.slice(0, 2).map((id) => ({ id, x: 500, y: 300 })));
    expect(batches).toEqual([new Set(ids.slice(0, 2))]);
  });

  it('names added and deleted notes', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { ...base, x: 0, y: 80 });
    const batches = watch(doc);
    const b = createNote(doc, { ...base, x: 0, y: 80 });
    deleteNotes(doc, [a]);
    expect(batches).toEqual([new Set([b]), new Set([a])]);
  });
});

describe('planNoteChanges', () => {
  it('updates only the position of a moved note and leaves the others alone', () => {
    const doc = new Y.Doc();
    const ids = Array.from({ length: 50 }, (_, i) => createNote(doc, { ...base, x: i, y: 80 }));
    const drawn = drawnOf(doc);
    const batches = watch(doc);
    moveNotes(doc, swotTemplate, [{ id: ids[3], x: 1200, y: 100 }]);
    const plan = planNoteChanges(drawn, notesMap(doc), batches[0]);
    expect(plan.create).toEqual([]);
    expect(plan.remove).toEqual([]);
    expect(plan.update).toHaveLength(1);
    expect(plan.update[0].view).toMatchObject({ id: ids[3], x: 1200, y: 100 });
    // moveNotes also brings the note to the top.
    expect(plan.update[0].changes.sort()).toEqual(['position', 'z']);
  });

  it('plans a colour change as a fill update only', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { ...base, x: 0, y: 80 });
    const drawn = drawnOf(doc);
    const batches = watch(doc);
    setNotesColor(doc, [a], 'blue');
    const plan = planNoteChanges(drawn, notesMap(doc), batches[0]);
    expect(plan.update).toEqual([{ view: expect.objectContaining({ fill: NOTE_FILL.blue }), changes: ['fill'] }]);
  });

  it('creates nodes for new notes and removes nodes of deleted ones', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { ...base, x: 0, y: 80 });
    const drawn = drawnOf(doc);
    const batches = watch(doc);
    doc.transact(() => {
      deleteNotes(doc, [a]);
      createNote(doc, { ...base, x: 10, y: 90, text: 'New' });
    });
    const plan = planNoteChanges(drawn, notesMap(doc), batches[0]);
    expect(plan.remove).toEqual([a]);
    expect(plan.create.map((v) => v.text)).toEqual(['New']);
  });

  it('plans nothing for a note deleted before it was ever drawn', () => {
    const doc = new Y.Doc();
    const plan = planNoteChanges(new Map(), notesMap(doc), ['gone']);
    expect(plan).toEqual({ create: [], update: [], remove: [] });
  });

  it('draws only the notes of its own canvas, and removes a note that goes to another canvas', () => {
    const doc = new Y.Doc();
    initBoardMeta(doc, { title: 'Acme', template: 'swot', language: 'en', createdAt: 1 });
    const other = addCanvas(doc, { kind: 'swot', title: 'Next year' });
    const onSwot: NoteFilter = (n) => noteCanvasId(n, readCanvases(doc)) === 'swot';
    const mine = createNote(doc, { ...base, canvas: 'swot', x: 0, y: 80, text: 'Ours' });
    createNote(doc, { ...base, x: 200, y: 80, text: 'No canvas stored' });
    createNote(doc, { ...base, canvas: other, x: 0, y: 80, text: 'Theirs' });
    const views = allNoteViews(notesMap(doc), undefined, onSwot);
    expect(views.map((v) => v.text)).toEqual(['Ours', 'No canvas stored']);
    const batches = watch(doc);
    notesMap(doc).get(mine)!.set('canvas', other);
    const plan = planNoteChanges(new Map(views.map((v) => [v.id, v])), notesMap(doc), batches[0], undefined, onSwot);
    expect(plan).toEqual({ create: [], update: [], remove: [mine] });
  });

  it('finds the notes that change canvas when the canvases change', () => {
    const doc = new Y.Doc();
    initBoardMeta(doc, { title: 'Acme', template: 'swot', language: 'en', createdAt: 1 });
    const legacy = createNote(doc, { ...base, x: 0, y: 80 });
    const second = addCanvas(doc, { kind: 'swot', title: 'Second SWOT' });
    // A program that knows no canvases removes `canvas` again; the reading rule puts it on `swot`.
    notesMap(doc).get(legacy)!.delete('canvas');
    const onSecond: NoteFilter = (n) => noteCanvasId(n, readCanvases(doc)) === second;
    expect(membershipChanges(notesMap(doc), () => false, onSecond)).toEqual([]);
    // Its canvas removed, `swot` no longer comes first: the note now reads as the second canvas's.
    canvasesOf(doc).get('swot')!.set('removedAt', 5);
    expect(membershipChanges(notesMap(doc), () => false, onSecond)).toEqual([legacy]);
    expect(membershipChanges(notesMap(doc), (id) => id === legacy, onSecond)).toEqual([]);
  });

  it('reads notes written by another program with missing fields', () => {
    const doc = new Y.Doc();
    const m = new Y.Map<unknown>();
    notesMap(doc).set('foreign', m);
    m.set('text', 'plain string');
    const [v] = allNoteViews(notesMap(doc));
    expect(v).toMatchObject({ id: 'foreign', x: 0, y: 0, color: 'yellow', text: 'plain string' });
  });
});

describe('reorder', () => {
  it('keeps drawing order equal to z order after notes are brought to the top', () => {
    const doc = new Y.Doc();
    const ids = Array.from({ length: 8 }, (_, i) => createNote(doc, { ...base, x: i, y: 80 }));
    const children = allNoteViews(notesMap(doc)).map((v) => v.id);
    moveNotes(doc, swotTemplate, [ids[1], ids[5], ids[2]].map((id) => ({ id, x: 700, y: 300 })));
    const views = drawnOf(doc);
    const { order, placements } = reorder(children, views, [ids[1], ids[5], ids[2]]);
    const expected = listNotes(doc).map((n) => n.id);
    expect(order).toEqual(expected);
    expect(applyPlacements(children, placements)).toEqual(expected);
    expect(placements).toHaveLength(3);
  });

  it('inserts new notes at their z position, also between existing ones', () => {
    const views = new Map(
      [
        { id: 'a', z: 'a0' },
        { id: 'c', z: 'a2' },
        { id: 'b', z: 'a1' },
        { id: 'd', z: 'a3' },
      ].map((v) => [v.id, v]),
    );
    const { order, placements } = reorder(['a', 'c'], views, ['d', 'b']);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(applyPlacements(['a', 'c'], placements)).toEqual(order);
  });

  it('orders notes with equal z keys by id, like every other replica', () => {
    const views = new Map([
      ['y', { id: 'y', z: 'a0' }],
      ['x', { id: 'x', z: 'a0' }],
    ]);
    expect(reorder([], views, ['y', 'x']).order).toEqual(['x', 'y']);
  });
});

describe('drawing order under random edits', () => {
  it('matches z order on every replica after random creates, moves and deletes (seeded)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      let state = seed;
      const rand = (n: number) => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % n;
      };
      const docs = [new Y.Doc(), new Y.Doc()];
      const drawn = docs.map(() => ({ views: new Map<string, NoteView>(), children: [] as string[], order: [] as string[] }));
      docs.forEach((doc, i) =>
        notesMap(doc).observeDeep((events) => {
          const d = drawn[i];
          const plan = planNoteChanges(d.views, notesMap(doc), touchedNoteIds(events));
          for (const id of plan.remove) d.views.delete(id);
          const gone = new Set(plan.remove);
          d.children = d.children.filter((id) => !gone.has(id));
          d.order = d.order.filter((id) => !gone.has(id));
          const moved: string[] = [];
          for (const v of plan.create) {
            d.views.set(v.id, v);
            moved.push(v.id);
          }
          for (const u of plan.update) {
            d.views.set(u.view.id, u.view);
            if (u.changes.includes('z')) moved.push(u.view.id);
          }
          const r = reorder(d.order, d.views, moved);
          d.order = r.order;
          d.children = applyPlacements(d.children, r.placements);
        }),
      );
      for (let step = 0; step < 40; step++) {
        const doc = docs[rand(2)];
        const ids = [...notesMap(doc).keys()];
        const op = ids.length < 3 ? 0 : rand(4);
        if (op === 0) createNote(doc, { ...base, x: rand(1900), y: rand(1200) });
        else if (op === 1) moveNotes(doc, swotTemplate, [{ id: ids[rand(ids.length)], x: rand(1900), y: rand(1200) }]);
        else if (op === 2) deleteNotes(doc, [ids[rand(ids.length)]]);
        else setNoteText(doc, ids[rand(ids.length)], 'text ' + step);
        if (rand(3) === 0) {
          Y.applyUpdate(docs[0], Y.encodeStateAsUpdate(docs[1]));
          Y.applyUpdate(docs[1], Y.encodeStateAsUpdate(docs[0]));
        }
      }
      Y.applyUpdate(docs[0], Y.encodeStateAsUpdate(docs[1]));
      Y.applyUpdate(docs[1], Y.encodeStateAsUpdate(docs[0]));
      const expected = listNotes(docs[0]).map((n) => n.id);
      expect(drawn[0].children, `seed ${seed}`).toEqual(expected);
      expect(drawn[1].children, `seed ${seed}`).toEqual(expected);
    }
  });
});

describe('hit testing', () => {
  const pos = new Map([
    ['low', { x: 0, y: 0 }],
    ['high', { x: 100, y: 50 }],
  ]);
  const order = ['low', 'high'];

  it('finds the topmost note under a point', () => {
    expect(noteAt(order, pos, 120, 60)).toBe('high');
    expect(noteAt(order, pos, 10, 10)).toBe('low');
    expect(noteAt(order, pos, 1000, 1000)).toBeUndefined();
  });

  it('box-selects every note the rectangle touches', () => {
    expect(notesInRect(order, pos, { x: 150, y: 100, width: 10, height: 10 })).toEqual(['low', 'high']);
    expect(notesInRect(order, pos, { x: 200, y: 60, width: 10, height: 10 })).toEqual(['high']);
  });

  it('bounds the template and all notes for export', () => {
    expect(boundsOf([{ x: 0, y: 0, width: 100, height: 100 }], [{ x: -50, y: 500 }])).toEqual({ x: -50, y: 0, width: 160, height: 620 });
    expect(boundsOf([], [])).toBeUndefined();
  });
});

describe('notePositionInFrame', () => {
  const frame = { x: 960, y: 640, width: 960, height: 640 };

  it('centres the note on the point when there is room', () => {
    expect(notePositionInFrame(frame, 1400, 1000)).toEqual({ x: 1320, y: 940 });
  });

  it('keeps a note created at the corner of a quadrant wholly inside it, below the label', () => {
    const p = notePositionInFrame(frame, 960, 640);
    expect(p.x).toBeGreaterThanOrEqual(frame.x);
    expect(p.y).toBeGreaterThanOrEqual(frame.y + FRAME_HEADER);
  });
});

describe('freeSpotNear', () => {
  const frame = { x: 0, y: 0, width: 960, height: 640 };

  it('lays repeated new notes out side by side instead of on top of each other', () => {
    const placed: Array<{ x: number; y: number }> = [];
    for (let i = 0; i < 6; i++) placed.push(freeSpotNear(frame, 480, 320, placed));
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const overlapX = Math.abs(placed[i].x - placed[j].x) < 160;
        const overlapY = Math.abs(placed[i].y - placed[j].y) < 120;
        expect(overlapX && overlapY, `notes ${i} and ${j} overlap`).toBe(false);
      }
    }
    for (const p of placed) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x + 160).toBeLessThanOrEqual(960);
    }
  });
});

describe('nextInReadingOrder', () => {
  const pos = new Map([
    ['right', { x: 400, y: 125 }],
    ['below', { x: 40, y: 400 }],
    ['left', { x: 40, y: 150 }],
  ]);

  it('walks notes row by row, left to right, and lets Tab leave after the last one', () => {
    expect(nextInReadingOrder(pos, swotTemplate, undefined, 1)).toBe('left');
    expect(nextInReadingOrder(pos, swotTemplate, 'left', 1)).toBe('right');
    expect(nextInReadingOrder(pos, swotTemplate, 'right', 1)).toBe('below');
    expect(nextInReadingOrder(pos, swotTemplate, 'below', 1)).toBeUndefined();
    expect(nextInReadingOrder(pos, swotTemplate, 'left', -1)).toBeUndefined();
    expect(nextInReadingOrder(pos, swotTemplate, undefined, -1)).toBe('below');
  });

  it('finishes a quadrant before the next one, in the template order', () => {
    const [s, w, o] = swotTemplate.frames;
    const at = (f: typeof s, dx: number, dy: number) => ({ x: f.x + dx, y: f.y + dy });
    const board = new Map([
      ['w-top', at(w, 40, 80)],
      ['s-top', at(s, 40, 80)],
      ['s-second-row', at(s, 40, 300)],
      ['o-top', at(o, 40, 80)],
      ['outside', { x: -5000, y: 0 }],
    ]);
    expect(readingOrder(board, swotTemplate)).toEqual(['s-top', 's-second-row', 'w-top', 'o-top', 'outside']);
    expect(readingPlace(board, swotTemplate, 's-second-row')).toEqual({ frameId: s.id, index: 2, total: 2 });
    expect(readingPlace(board, swotTemplate, 'outside')).toEqual({ frameId: null, index: 1, total: 1 });
  });
});

describe('fontSizeFor', () => {
  it('uses large type for short notes and smaller type for long ones', () => {
    expect(fontSizeFor('Strong brand')).toBeGreaterThan(fontSizeFor('A long note about how the account team handles complaints from key customers'));
  });

  it('shrinks the font rather than break "accountmanagers"', () => {
    const perChar = (t: string, size: number) => t.length * 0.6 * size;
    const fit = createFontFitter(perChar, { ...NOTE_TEXT_BOX, wholeWordSize: NOTE_TEXT_BOX.minSize });
    const size = fontSizeFor('Ervaren accountmanagers', fit);
    expect(size).toBeLessThan(NOTE_TEXT_BOX.maxSize);
    expect(perChar('accountmanagers', size)).toBeLessThanOrEqual(NOTE_TEXT_BOX.width);
  });

  it('gives note views the size of the fitter it is handed', () => {
    const doc = new Y.Doc();
    createNote(doc, { ...base, x: 0, y: 0, text: 'Klanten vragen om servicecontracten' });
    const [v] = allNoteViews(notesMap(doc), (text) => ({ size: 17, text }));
    expect(v.fontSize).toBe(17);
  });
});
