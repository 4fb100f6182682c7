import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planOfDoc } from './actionPlan.ts';
import { planFixture } from './planFixture.testing.ts';
import { initBoardMeta } from '../board/meta.ts';
import { canvasMap, canvasesMap } from '../board/schema.ts';
import { removeCanvas } from '../board/canvases.ts';
import { deleteNotes } from '../board/notes.ts';
import { smartGaps } from '../canvases/actions/smartCheck.ts';
import { readAction } from '../canvases/actions/actionRecord.ts';
import { updateAction } from '../canvases/actions/actionOperations.ts';
import { setAccount } from '../canvases/pyramid/accounts.ts';

const NOW = Date.UTC(2026, 1, 2);

describe('generatePlan', () => {
  it('lists the chosen option first, then the others by rank, each with its cell, notes and number of scores', () => {
    const plan = planOfDoc(planFixture('en'), NOW);
    const [m] = plan.matrices;
    expect(m.chosen.map((o) => [o.rank, o.source.row.code, o.source.column.code, o.type, o.source.scores])).toEqual([[1, 'S1', 'O1', 'offensive', 3]]);
    expect(m.chosen[0].question).toBe('How can we use Strong brand to seize Growing B2B market?');
    expect(m.others.map((o) => `${o.rank} ${o.source.row.code}×${o.source.column.code} ${o.agreement}`)).toEqual([
      '2 W1×T1 high',
      '3 S2×O2 low',
      '4 S1×T1 single',
    ]);
  });

  it('gives every action its owner, SMART gaps and where it came from', () => {
    const plan = planOfDoc(planFixture('nl'), NOW);
    const [fromOption, free] = plan.actions;
    expect(fromOption).toMatchObject({ ownerName: 'Ann de Vries', due: '2026-03-31', gaps: [] });
    expect(fromOption.origin).toMatchObject({ source: { kind: 'matrixOption', canvasId: 'matrix', row: 's1', column: 'o1' }, canvasTitle: 'Confrontatiematrix', present: true, cell: 'S1 × K1' });
    expect(free).toMatchObject({ origin: null, gaps: ['noMeasure', 'noOwner', 'noDue'] });
  });

  it('says when the source of an action is no longer on the board', () => {
    const doc = planFixture('en');
    deleteNotes(doc, ['o1']);
    const a = planOfDoc(doc, NOW).actions[0];
    expect(a.origin).toMatchObject({ present: false, cell: null });
  });

  it('leaves out what the board lacks: no matrix, no actions canvas, nothing made up', () => {
    const doc = new Y.Doc();
    initBoardMeta(doc, { title: 'Empty', template: 'swot', language: 'en', createdAt: 1 });
    canvasesMap(doc).set('swot', canvasMap({ id: 'swot', kind: 'swot', title: 'SWOT', order: 'a0', createdAt: 1, removedAt: null, settings: {} }));
    const plan = planOfDoc(doc, NOW);
    expect(plan.matrices).toEqual([]);
    expect(plan.actions).toEqual([]);
    expect(Object.keys(plan).sort()).toEqual(['actions', 'boardCreatedAt', 'generatedAt', 'language', 'matrices', 'participants', 'title']);
  });

  it('lists the largest 7S gaps and the weakest quickscan activities, each with what it rests on', () => {
    const plan = planOfDoc(planFixture('en'), NOW);
    expect(plan.sevens![0].gaps.map((g) => [g.element, g.gap, g.source.currentScores])).toEqual([['staff', 3, 2], ['systems', 1.5, 2], ['style', 1, 1]]);
    expect(plan.quickscan![0].weakest.map((a) => [a.id, a.mean, a.change, a.source.round, a.source.scores])).toEqual([
      ['leads', 2, null, '2', 1],
      ['crm', 2.5, 1.5, '2', 2],
      ['complaints', 4, null, '2', 1],
    ]);
    expect(Object.keys(planOfDoc(planFixture('en', { kinds: false }), NOW))).not.toContain('sevens');
    expect(Object.keys(planOfDoc(planFixture('en', { kinds: false }), NOW))).not.toContain('quickscan');
  });

  it('gives per pyramid level its accounts, revenue share, strategy and largest accounts, and the movement', () => {
    // 10 customers, shares 10/20/30%: top A (250), large B C (150 each), medium D E F (100), small G H I J.
    // Last period B (300) was top and A large, J had no revenue: A up, B down, seven stayed, J won.
    const doc = new Y.Doc();
    initBoardMeta(doc, { title: 'P', template: 'pyramid', language: 'nl', createdAt: 1 });
    canvasesMap(doc).set('pyr', canvasMap({ id: 'pyr', kind: 'pyramid', title: '', order: 'a0', createdAt: 1, removedAt: null,
      settings: { shares: { top: 10, large: 20, medium: 30 }, strategies: { small: 'reduce' } } }));
    const rows: Array<[string, number, number]> = [
      ['A', 250, 250], ['B', 150, 300], ['C', 150, 150], ['D', 100, 100], ['E', 100, 100],
      ['F', 100, 100], ['G', 50, 50], ['H', 40, 40], ['I', 30, 30], ['J', 30, 0],
    ];
    for (const [name, current, previous] of rows) setAccount(doc, 'pyr', { id: name, name, current, previous, status: 'customer' });
    const [p] = planOfDoc(doc, NOW).pyramid!;
    expect(p).toMatchObject({ canvasId: 'pyr', title: 'Klantenpiramide', accounts: 10, revenue: 1000 });
    expect(p.levels.map((l) => [l.level, l.count, l.revenueShare, l.strategyName, l.teamChosen, l.top.map((t) => `${t.name} ${t.revenue}`)])).toEqual([
      ['top', 1, 0.25, 'Vasthouden', false, ['A 250']],
      ['large', 2, 0.3, 'Promoveren', false, ['B 150', 'C 150']],
      ['medium', 3, 0.3, 'Promoveren', false, ['D 100', 'E 100', 'F 100']],
      ['small', 4, 0.15, 'Afstoten', true, ['G 50', 'H 40', 'I 30', 'J 30']],
    ]);
    expect(p.levels[3].source).toEqual({ canvasId: 'pyr', level: 'small' });
    expect(p.levels[3].top[0].source).toEqual({ canvasId: 'pyr', level: 'small', accountId: 'G' });
    expect(p.movement).toEqual({ up: 1, down: 1, same: 7, won: 1, lost: 0, source: { canvasId: 'pyr' } });
    expect(Object.keys(planOfDoc(planFixture('en', { kinds: false }), NOW))).not.toContain('pyramid');
  });

  it('leaves out removed canvases and their actions', () => {
    const doc = planFixture('en');
    removeCanvas(doc, 'actions', undefined, NOW);
    expect(planOfDoc(doc, NOW).actions).toEqual([]);
  });

  it('is deterministic: the same board and clock give the same plan', () => {
    expect(JSON.stringify(planOfDoc(planFixture('en', { hostile: true }), NOW))).toBe(JSON.stringify(planOfDoc(planFixture('en', { hostile: true }), NOW)));
  });
});

describe('smartGaps', () => {
  const blank = { title: '', kpi: '', target: '', owner: '', ownerId: null, due: null };
  it('names what is missing, in order, and nothing once complete', () => {
    expect(smartGaps(blank)).toEqual(['noTitle', 'noMeasure', 'noOwner', 'noDue']);
    expect(smartGaps({ ...blank, title: 'x', kpi: 'orders' })).toEqual(['noTarget', 'noOwner', 'noDue']);
    expect(smartGaps({ title: 'x', kpi: 'orders', target: '20', owner: '', ownerId: 'pAnn', due: '2026-03-31' })).toEqual([]);
    expect(smartGaps({ title: ' ', kpi: 'orders', target: '20', owner: 'Extern bureau', ownerId: null, due: '2026-03-31' })).toEqual(['noTitle']);
  });

  it('clears when owner and date are filled in through the operations', () => {
    const doc = planFixture('en');
    const read = () => readAction('a2', doc.getMap('actions').get('a2'));
    updateAction(doc, 'a2', { field: 'owner', ownerId: 'pBob', owner: 'Bob' });
    updateAction(doc, 'a2', { field: 'due', value: '2026-05-01' });
    updateAction(doc, 'a2', { field: 'kpi', value: 'Trained people' });
    updateAction(doc, 'a2', { field: 'target', value: '8 of 8' });
    expect(smartGaps(read())).toEqual([]);
    expect(() => updateAction(doc, 'a2', { field: 'due', value: '31-05-2026' })).toThrow();
  });

  it('reads a badly written action as defaults instead of failing', () => {
    const m = new Y.Map<unknown>();
    const doc = new Y.Doc();
    doc.getMap('actions').set('bad', m);
    m.set('due', 'tomorrow');
    m.set('priority', 'urgent!');
    m.set('source', { kind: 'matrixOption' });
    expect(readAction('bad', m)).toMatchObject({ due: null, priority: 'medium', status: 'open', source: null, title: '' });
    expect(readAction('x', 'not a map')).toMatchObject({ title: '', canvas: '' });
  });
});
