import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../board/meta.ts';
import { addCanvas, getCanvas } from '../../board/canvases.ts';
import { readPersonalEntries } from '../../board/personal.ts';
import { readBoard } from '../../board/readBoard.ts';
import { createNote } from '../../board/notes.ts';
import { exportBoard } from '../../board/exportBoard.ts';
import { canvasKind } from '../registry.ts';
import type { SevensAnalysis } from './sevensAnalysis.ts';
import { sevensFrameId } from './sevensLayout.ts';
import { ownSevensScores, setElementScore, setFitScore } from './sevensOperations.ts';

function board(): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Acme', template: 'swot', language: 'nl', createdAt: 1 });
  return { doc, id: addCanvas(doc, { kind: '7s', title: '7S' }) };
}

function analysis(doc: Y.Doc, id: string): SevensAnalysis {
  return canvasKind('7s')!.analyze!(readBoard(doc), getCanvas(doc, id)!) as SevensAnalysis;
}

describe('7S operations', () => {
  it('sets, changes and clears one’s own scores under one’s own id, leaving others’ alone', () => {
    const { doc, id } = board();
    const ann = { canvasId: id, participantId: 'ann' };
    const bob = { canvasId: id, participantId: 'bob' };
    setElementScore(doc, ann, 'strategy', 'current', 2);
    setElementScore(doc, ann, 'strategy', 'current', 3);
    setElementScore(doc, ann, 'strategy', 'desired', 5);
    setElementScore(doc, bob, 'strategy', 'current', 1);
    setFitScore(doc, ann, 'skills', 'strategy', 4);
    expect(ownSevensScores(readPersonalEntries(doc, id), 'ann')).toEqual(
      new Map([['score:strategy:current', 3], ['score:strategy:desired', 5], ['fit:strategy:skills', 4]]),
    );
    setElementScore(doc, ann, 'strategy', 'desired', null);
    setFitScore(doc, ann, 'strategy', 'skills', null);
    expect(ownSevensScores(readPersonalEntries(doc, id), 'ann')).toEqual(new Map([['score:strategy:current', 3]]));
    expect(readPersonalEntries(doc, id).map((e) => `${e.participantId}/${e.entry}=${String(e.value)}`).sort()).toEqual([
      'ann/score:strategy:current=3',
      'bob/score:strategy:current=1',
    ]);
    expect(analysis(doc, id).elements[0].current).toMatchObject({ count: 2, mean: 2 });
  });

  it('refuses a score off the scale, a pair of one element, and a canvas that is not a 7S', () => {
    const { doc, id } = board();
    const ann = { canvasId: id, participantId: 'ann' };
    expect(() => setElementScore(doc, ann, 'style', 'current', 0)).toThrow(RangeError);
    expect(() => setElementScore(doc, ann, 'style', 'current', 2.5)).toThrow(RangeError);
    expect(() => setFitScore(doc, ann, 'style', 'style', 3)).toThrow(RangeError);
    expect(() => setElementScore(doc, { canvasId: 'swot', participantId: 'ann' }, 'style', 'current', 3)).toThrow(/no 7S canvas/);
    expect(readPersonalEntries(doc, id)).toEqual([]);
  });

  it('places notes in the region of an element’s current or desired state', () => {
    const { doc, id } = board();
    const layout = canvasKind('7s')!.layout;
    const centre = layout.frames.find((f) => f.id === sevensFrameId('sharedValues', 'current'))!;
    createNote(doc, { canvas: id, frame: centre.id, text: 'Klant eerst', x: centre.x + 20, y: centre.y + 80, color: 'yellow', author: 'Ann' });
    expect(readBoard(doc).notesOf(id).map((n) => [n.frame, n.text])).toEqual([['7s.sharedValues.current', 'Klant eerst']]);
  });
});

describe('7S export', () => {
  it('carries the 7S analysis in the board export', () => {
    const { doc, id } = board();
    setElementScore(doc, { canvasId: id, participantId: 'ann' }, 'skills', 'current', 2);
    setElementScore(doc, { canvasId: id, participantId: 'ann' }, 'skills', 'desired', 4);
    const exported = exportBoard(doc).canvases.find((c) => c.id === id)!;
    expect(exported.kind).toBe('7s');
    const a = exported.analysis as SevensAnalysis;
    expect(a.byGap[0]).toBe('skills');
    expect(a.elements.find((e) => e.element === 'skills')).toMatchObject({ gap: 2, current: { mean: 2 }, desired: { mean: 4 } });
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});

describe('7S layout', () => {
  const layout = canvasKind('7s')!.layout;
  const f = (id: string) => layout.frames.find((x) => x.id === id)!;

  it('has a current and a desired region for each of the seven elements, none overlapping', () => {
    expect(layout.frames).toHaveLength(14);
    for (const a of layout.frames) {
      for (const b of layout.frames) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('puts shared values in the centre and tells hard from soft by colour', () => {
    const xs = layout.frames.map((x) => x.x + x.width / 2);
    const ys = layout.frames.map((x) => x.y + x.height / 2);
    const mid = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
    const c = f('7s.sharedValues.current');
    const d = f('7s.sharedValues.desired');
    // The centre of the figure is where the two shared-values regions meet.
    expect(c.x + c.width).toBe(mid.x);
    expect(c.y + c.height / 2).toBe(mid.y);
    expect(d.x).toBe(mid.x);
    const hard = new Set(['strategy', 'structure', 'systems'].map((e) => f(`7s.${e}.current`).color));
    const soft = new Set(['sharedValues', 'style', 'staff', 'skills'].map((e) => f(`7s.${e}.current`).color));
    expect(hard.size).toBe(1);
    expect(soft.size).toBe(1);
    expect([...hard][0]).not.toBe([...soft][0]);
    // The jump bar: one button per element, on its current state.
    expect(layout.jumpFrames).toHaveLength(7);
    expect(layout.jumpFrames!.every((id) => id.endsWith('.current') && layout.frames.some((x) => x.id === id))).toBe(true);
  });
});
