import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../board/meta.ts';
import { addCanvas } from '../../board/canvases.ts';
import { exportBoard } from '../../board/exportBoard.ts';
import { readPersonalEntries } from '../../board/personal.ts';
import type { QuickscanAnalysis } from './quickscanAnalysis.ts';
import {
  clearQuickscanScore,
  ownAnswers,
  readQuickscanSettings,
  setCurrentRound,
  setQuickscanComment,
  setQuickscanScore,
  startRound,
  updateRound,
} from './quickscanOperations.ts';

function board(): { doc: Y.Doc; q: string } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Acme', template: 'swot', language: 'en', createdAt: 1 });
  return { doc, q: addCanvas(doc, { kind: 'quickscan', title: 'Quickscan', createdAt: 2 }) };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('quickscan operations', () => {
  it('sets, changes and clears one’s own score and comment, leaving others’ alone', () => {
    const { doc, q } = board();
    const ann = { canvasId: q, participantId: 'ann', round: '1' };
    setQuickscanScore(doc, { ...ann, activity: 'crm' }, 2);
    setQuickscanScore(doc, { ...ann, activity: 'crm' }, 4);
    setQuickscanScore(doc, { ...ann, activity: 'social' }, 1);
    setQuickscanScore(doc, { canvasId: q, participantId: 'bob', round: '1', activity: 'crm' }, 5);
    setQuickscanComment(doc, { ...ann, activity: 'crm' }, 'No shared customer view');
    setQuickscanComment(doc, { ...ann, activity: 'leads' }, 'Nobody follows up');
    clearQuickscanScore(doc, { ...ann, activity: 'social' });
    setQuickscanComment(doc, { ...ann, activity: 'leads' }, '  ');
    const entries = readPersonalEntries(doc, q);
    expect(ownAnswers(entries, 'ann', '1')).toEqual({ scores: new Map([['crm', 4]]), comments: new Map([['crm', 'No shared customer view']]) });
    expect(ownAnswers(entries, 'bob', '1').scores).toEqual(new Map([['crm', 5]]));
    expect(entries.map((e) => e.entry).sort()).toEqual(['1:crm', '1:crm', '1:crm:comment']);
  });

  it('refuses a score off the scale, a round that does not exist, a too long comment and a canvas that is no quickscan', () => {
    const { doc, q } = board();
    const ref = { canvasId: q, participantId: 'ann', round: '1', activity: 'crm' as const };
    expect(() => setQuickscanScore(doc, ref, 0)).toThrow(RangeError);
    expect(() => setQuickscanScore(doc, ref, 6)).toThrow(RangeError);
    expect(() => setQuickscanScore(doc, ref, 2.5)).toThrow(RangeError);
    expect(() => setQuickscanScore(doc, { ...ref, round: '2' }, 3)).toThrow(/no round 2/);
    expect(() => setQuickscanComment(doc, ref, 'x'.repeat(1001))).toThrow(RangeError);
    expect(() => setQuickscanScore(doc, { ...ref, canvasId: 'swot' }, 3)).toThrow(/no quickscan/);
    expect(readPersonalEntries(doc, q)).toEqual([]);
  });

  it('starts a new round that becomes the one scored; the earlier round keeps its scores', () => {
    const { doc, q } = board();
    setQuickscanScore(doc, { canvasId: q, participantId: 'ann', round: '1', activity: 'crm' }, 2);
    expect(startRound(doc, q, { date: '2026-09-14' })).toBe('2');
    expect(readQuickscanSettings(doc, q)).toEqual({
      rounds: [{ id: '1', label: '', date: null }, { id: '2', label: '', date: '2026-09-14' }],
      current: '2',
    });
    setQuickscanScore(doc, { canvasId: q, participantId: 'ann', round: '2', activity: 'crm' }, 4);
    updateRound(doc, q, '1', { label: 'Kick-off', date: '2026-03-02' });
    expect(() => updateRound(doc, q, '1', { date: 'March' })).toThrow();
    setCurrentRound(doc, q, '1');
    const a = exportBoard(doc).canvases.find((c) => c.id === q)!.analysis as QuickscanAnalysis;
    expect(a.current).toBe('1');
    expect(a.rounds.map((r) => [r.label, r.date, r.activities.crm.mean])).toEqual([['Kick-off', '2026-03-02', 2], ['Round 2', '2026-09-14', 4]]);
    expect(a.changes[0].activities.crm).toEqual({ from: 2, to: 4, change: 2 });
  });

  it('makes one round, not two, when two facilitators start one at the same moment', () => {
    const { doc: a, q } = board();
    const b = new Y.Doc();
    sync(a, b);
    expect(startRound(a, q, { label: 'Autumn' })).toBe('2');
    expect(startRound(b, q, { label: 'September' })).toBe('2');
    setQuickscanScore(b, { canvasId: q, participantId: 'bob', round: '2', activity: 'crm' }, 3);
    sync(a, b);
    const rounds = readQuickscanSettings(a, q).rounds;
    expect(rounds.map((r) => r.id)).toEqual(['1', '2']);
    expect(ownAnswers(readPersonalEntries(a, q), 'bob', '2').scores.get('crm')).toBe(3);
  });
});
