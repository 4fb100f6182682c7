import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { tidyFrames, createNote, freeSlot, getNote, listNotes, moveNotes, moveNoteToFrame, duplicateNotes, deleteNotes, setNoteText } from './notes.ts';
import { addCanvas } from './canvases.ts';
import { initBoard } from './meta.ts';
import { swotTemplate } from '../templates/swot.ts';

const base = { color: 'yellow' as const, author: 'Ann' };

describe('notes', () => {
  it('keeps working when another program put something other than a note map under notes (fuzz finding)', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { ...base, frame: 'swot.strengths', x: 10, y: 80, text: 'real' });
    doc.getMap('notes').set('junk', 'a plain string');
    expect(listNotes(doc).map((n) => n.text)).toEqual(['real']);
    expect(() => moveNotes(doc, swotTemplate, [{ id: 'junk', x: 0, y: 0 }, { id: a, x: 20, y: 90 }])).not.toThrow();
    expect(() => createNote(doc, { ...base, frame: 'swot.threats', x: 0, y: 0 })).not.toThrow();
    expect(() => duplicateNotes(doc, swotTemplate, ['junk'], 'Ann')).not.toThrow();
    deleteNotes(doc, ['junk']);
    expect(listNotes(doc)).toHaveLength(2);
  });

  it('stacks new notes on top of existing ones', () => {
    const doc = new Y.Doc();
    const a = createNote(doc, { ...base, frame: 'swot.strengths', x: 10, y: 80 });
    const b = createNote(doc, { ...base, frame: 'swot.strengths', x: 20, y: 90 });
    expect(listNotes(doc).map((n) => n.id)).toEqual([a, b]);
  });

  it('changes the frame when a note is dropped in another quadrant', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { ...base, frame: 'swot.strengths', x: 10, y: 80 });
    const threats = swotTemplate.frames.find((f) => f.id === 'swot.threats')!;
    moveNotes(doc, swotTemplate, [{ id, x: threats.x + 50, y: threats.y + 100 }]);
    expect(listNotes(doc)[0].frame).toBe('swot.threats');
  });

  it('pulls a note dropped outside every quadrant into the nearest one, so position and frame agree (issue 8)', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { ...base, frame: 'swot.strengths', x: 1000, y: 80 });
    // Arrow keys pushed it past the right edge beside Weaknesses.
    moveNotes(doc, swotTemplate, [{ id, x: 1900, y: 100 }]);
    const n = listNotes(doc)[0];
    expect(n.frame).toBe('swot.weaknesses');
    const w = swotTemplate.frames.find((f) => f.id === 'swot.weaknesses')!;
    expect(n.x + 160).toBeLessThanOrEqual(w.x + w.width);
    moveNotes(doc, swotTemplate, [{ id, x: -5000, y: -5000 }]);
    expect(listNotes(doc)[0]).toMatchObject({ frame: 'swot.strengths' });
    expect(listNotes(doc)[0].x).toBeGreaterThanOrEqual(0);
    expect(listNotes(doc)[0].y).toBeGreaterThanOrEqual(0);
  });

  it('moves a note to a quadrant from the keyboard into a free slot inside it', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { ...base, frame: 'swot.strengths', x: 10, y: 80 });
    moveNoteToFrame(doc, swotTemplate, id, 'swot.opportunities');
    const n = listNotes(doc)[0];
    const f = swotTemplate.frames.find((f) => f.id === 'swot.opportunities')!;
    expect(n.frame).toBe('swot.opportunities');
    expect(n.x).toBeGreaterThanOrEqual(f.x);
    expect(n.y).toBeGreaterThanOrEqual(f.y);
  });

  it('finds a free slot among the notes of one canvas only, when two SWOT canvases share the quadrants', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Acme', template: 'swot', language: 'en', createdAt: 1 });
    const second = addCanvas(doc, { kind: 'swot', title: 'SWOT 2027' });
    const first = freeSlot(doc, swotTemplate, 'swot.strengths', 'swot');
    createNote(doc, { ...base, canvas: 'swot', frame: 'swot.strengths', ...first });
    // The slot is taken on `swot`, still free on the second canvas.
    expect(freeSlot(doc, swotTemplate, 'swot.strengths', 'swot')).not.toEqual(first);
    expect(freeSlot(doc, swotTemplate, 'swot.strengths', second)).toEqual(first);
    const onSecond = createNote(doc, { ...base, canvas: second, frame: 'swot.weaknesses', x: 1000, y: 80 });
    moveNoteToFrame(doc, swotTemplate, onSecond, 'swot.strengths');
    expect(getNote(doc, onSecond)).toMatchObject({ canvas: second, frame: 'swot.strengths', ...first });
  });

  it('duplicates text and colour on top, and deletes', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { ...base, frame: 'swot.strengths', x: 10, y: 80, color: 'blue' });
    setNoteText(doc, id, 'Loyal customers');
    const [copy] = duplicateNotes(doc, swotTemplate, [id], 'Bob');
    expect(listNotes(doc).map((n) => [n.text, n.color, n.author])).toEqual([
      ['Loyal customers', 'blue', 'Ann'],
      ['Loyal customers', 'blue', 'Bob'],
    ]);
    deleteNotes(doc, [id]);
    expect(listNotes(doc).map((n) => n.id)).toEqual([copy]);
  });

  it('converges when two replicas edit concurrently', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = createNote(a, { ...base, frame: 'swot.strengths', x: 10, y: 80 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setNoteText(a, id, 'A');
    createNote(b, { ...base, frame: 'swot.threats', x: 1000, y: 700, text: 'B' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listNotes(a)).toEqual(listNotes(b));
  });

  it('tidies a quadrant into a grid without overlaps, in reading order, in one transaction (issue 8)', () => {
    const doc = new Y.Doc();
    const ids = Array.from({ length: 18 }, (_, i) => createNote(doc, { ...base, frame: 'swot.opportunities', x: 40 + (i % 3) * 7, y: 700 + i * 3, createdAt: i }));
    const other = createNote(doc, { ...base, frame: 'swot.threats', x: 1000, y: 700 });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    tidyFrames(doc, swotTemplate, ['swot.opportunities']);
    expect(transactions).toBe(1);
    const notes = listNotes(doc).filter((n) => n.frame === 'swot.opportunities');
    for (const a of notes) for (const b of notes) if (a !== b) expect(Math.abs(a.x - b.x) >= 160 || Math.abs(a.y - b.y) >= 120).toBe(true);
    // Every note stays in its quadrant, and the first in reading order is top-left.
    for (const n of notes) expect(n.x >= 0 && n.x + 160 <= 960 && n.y >= 640 && n.y + 120 <= 1280).toBe(true);
    const first = notes.find((n) => n.id === ids[0])!;
    expect(first.y).toBe(Math.min(...notes.map((n) => n.y)));
    expect(listNotes(doc).find((n) => n.id === other)).toMatchObject({ x: 1000, y: 700 });
  });

  it('squeezes rows when a quadrant holds more notes than its grid, staying inside it', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 60; i++) createNote(doc, { ...base, frame: 'swot.strengths', x: 20, y: 80, createdAt: i });
    tidyFrames(doc, swotTemplate, ['swot.strengths']);
    const notes = listNotes(doc);
    for (const n of notes) expect(n.y + 120).toBeLessThanOrEqual(640);
    expect(new Set(notes.map((n) => `${n.x},${n.y}`)).size).toBe(60);
  });

  it('gives a note moved to another quadrant that quadrant\'s colour, unless the user chose one (issue 8)', () => {
    const doc = new Y.Doc();
    const plain = createNote(doc, { ...base, color: 'green', frame: 'swot.strengths', x: 10, y: 80 });
    const chosen = createNote(doc, { ...base, color: 'purple', frame: 'swot.strengths', x: 200, y: 80 });
    moveNotes(doc, swotTemplate, [{ id: plain, x: 1000, y: 700 }, { id: chosen, x: 1200, y: 700 }]);
    expect(getNote(doc, plain)).toMatchObject({ frame: 'swot.threats', color: 'pink' });
    expect(getNote(doc, chosen)).toMatchObject({ frame: 'swot.threats', color: 'purple' });
    moveNoteToFrame(doc, swotTemplate, plain, 'swot.opportunities');
    expect(getNote(doc, plain)).toMatchObject({ frame: 'swot.opportunities', color: 'blue' });
  });
});
