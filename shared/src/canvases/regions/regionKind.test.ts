import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../board/meta.ts';
import { addCanvas } from '../../board/canvases.ts';
import { createNote, moveNotes } from '../../board/notes.ts';
import { readBoard } from '../../board/readBoard.ts';
import { en, nl, translate } from '../../i18n/index.ts';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../board/schema.ts';
import { frameAt } from '../../templates/template.ts';
import { canvasKind } from '../registry.ts';
import { countPerRegion, regionKind } from './regionKind.ts';
import { destepKind } from '../destep/destepKind.ts';

const MODELS = ['mission', 'valueDisciplines', 'porterGeneric', 'destep', 'fiveForces', 'ansoff', 'bcg'];
const note = (frame: string) => ({ frame });

describe('countPerRegion', () => {
  it('counts the notes of each region, every region present in layout order, and their total', () => {
    const notes = ['destep.economic', 'destep.economic', 'destep.ecological', 'destep.economic'].map(note);
    const a = countPerRegion(destepKind.layout, notes);
    expect(a).toEqual({
      counts: { demographic: 0, economic: 3, socialCultural: 0, technological: 0, ecological: 1, politicalLegal: 0 },
      total: 4,
    });
    expect(Object.keys(a.counts)).toEqual(['demographic', 'economic', 'socialCultural', 'technological', 'ecological', 'politicalLegal']);
  });

  it('gives zero everywhere for no notes, and leaves out notes of other kinds’ regions', () => {
    expect(countPerRegion(destepKind.layout, []).total).toBe(0);
    const a = countPerRegion(destepKind.layout, [note('swot.threats'), note('destep'), note(''), note('destep.politicalLegal')]);
    expect(a.total).toBe(1);
    expect(a.counts.politicalLegal).toBe(1);
  });
});

describe('regionKind', () => {
  it('refuses a region whose id does not start with the kind, since stored frame ids tell kinds apart', () => {
    const frame = { ...destepKind.layout.frames[0], id: 'demographic' };
    expect(() => regionKind({ ...destepKind.layout, frames: [frame] })).toThrow(/destep\./);
  });

  it('analyses only the notes of its own canvas', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Acme', template: 'swot', language: 'en', createdAt: 1 });
    const first = addCanvas(doc, { kind: 'destep', title: 'Market' });
    const second = addCanvas(doc, { kind: 'destep', title: 'Market 2027' });
    const at = (frameId: string) => destepKind.layout.frames.find((f) => f.id === frameId)!;
    const put = (canvas: string, frameId: string) => createNote(doc, { canvas, frame: frameId, x: at(frameId).x + 20, y: at(frameId).y + 80, color: 'yellow', author: 'Ann' });
    put(first, 'destep.technological');
    put(first, 'destep.technological');
    put(first, 'destep.demographic');
    put(second, 'destep.demographic');
    createNote(doc, { canvas: 'swot', frame: 'swot.threats', x: 1000, y: 700, color: 'pink', author: 'Ann' });
    const board = readBoard(doc);
    const analyze = (id: string) => destepKind.analyze!(board, board.canvases.find((c) => c.id === id)!);
    expect(analyze(first)).toMatchObject({ counts: { technological: 2, demographic: 1, economic: 0 }, total: 3 });
    expect(analyze(second)).toMatchObject({ counts: { technological: 0, demographic: 1 }, total: 1 });
  });

  it('counts a note where it was dragged to: into another region, or pulled back from outside them all', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Acme', template: 'swot', language: 'en', createdAt: 1 });
    const id = addCanvas(doc, { kind: 'bcg', title: 'Portfolio' });
    const layout = canvasKind('bcg')!.layout;
    const n = createNote(doc, { canvas: id, frame: 'bcg.star', x: 40, y: 100, color: 'yellow', author: 'Ann' });
    moveNotes(doc, layout, [{ id: n, x: 1200, y: 900 }]);
    let board = readBoard(doc);
    expect(canvasKind('bcg')!.analyze!(board, board.canvases.find((c) => c.id === id)!)).toMatchObject({ counts: { star: 0, dog: 1 }, total: 1 });
    // Far outside the matrix, left of the cash cows: pulled into the nearest region.
    moveNotes(doc, layout, [{ id: n, x: -2000, y: 1000 }]);
    board = readBoard(doc);
    expect(canvasKind('bcg')!.analyze!(board, board.canvases.find((c) => c.id === id)!)).toMatchObject({ counts: { cashCow: 1, dog: 0 }, total: 1 });
  });
});

describe.each(MODELS)('the %s model', (id) => {
  const kind = canvasKind(id)!;
  const frames = kind.layout.frames;

  it('is registered, with 2 to 9 regions (keys 1-9 reach each), no settings, and a title in both languages', () => {
    expect(kind.id).toBe(id);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.length).toBeLessThanOrEqual(9);
    expect(kind.settings.parse({})).toEqual({});
    expect(translate('nl', kind.titleKey)).not.toBe(translate('en', kind.titleKey));
  });

  it('labels every region and asks its question in English and Dutch', () => {
    for (const f of frames) {
      expect(f.promptKey, f.id).toBeDefined();
      for (const key of [f.labelKey, f.promptKey!, f.hintKey, f.shortKey]) {
        if (key === undefined) continue;
        expect(en[key], key).toBeTruthy();
        expect(nl[key], key).toBeTruthy();
      }
      expect(en[f.promptKey!]).toMatch(/\?$/);
      expect(nl[f.promptKey!]).toMatch(/\?$/);
    }
  });

  it('has regions that do not overlap and hold several notes, each a distinct colour', () => {
    for (const f of frames) {
      expect(f.width, f.id).toBeGreaterThanOrEqual(3 * NOTE_WIDTH);
      expect(f.height, f.id).toBeGreaterThanOrEqual(3 * NOTE_HEIGHT);
      // The region's centre belongs to it alone.
      expect(frameAt(kind.layout, f.x + f.width / 2, f.y + f.height / 2)?.id).toBe(f.id);
      for (const g of frames) {
        if (g === f) continue;
        const apart = f.x + f.width <= g.x || g.x + g.width <= f.x || f.y + f.height <= g.y || g.y + g.height <= f.y;
        expect(apart, `${f.id} / ${g.id}`).toBe(true);
      }
    }
    expect(new Set(frames.map((f) => f.defaultNoteColor)).size).toBe(frames.length);
    expect(new Set(frames.map((f) => f.id)).size).toBe(frames.length);
  });

  it('tells its regions apart on a phone: the short names of the jump bar differ', () => {
    for (const locale of ['en', 'nl'] as const) {
      const shorts = frames.map((f) => (f.shortKey ? translate(locale, f.shortKey) : translate(locale, f.labelKey).charAt(0)));
      // DESTEP's letters are the model's own name: its two E's are how everyone knows it.
      if (id === 'destep') expect(shorts.join('')).toBe('DESTEP');
      else expect(new Set(shorts).size, shorts.join(' ')).toBe(frames.length);
    }
  });
});
