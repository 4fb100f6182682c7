import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planFixture, FIXTURE_TIME } from '../plan/planFixture.testing.ts';
import { nextWorkshop, readPreviousWorkshop } from './nextWorkshop.ts';
import { readBoard } from './readBoard.ts';
import { readCanvases } from './canvases.ts';
import { notesMap, personalMap, ROOT } from './schema.ts';
import { createAction, reviewCarriedAction } from '../canvases/actions/actionOperations.ts';
import { listActions } from '../canvases/actions/actionRecord.ts';
import { quickscanKind } from '../canvases/quickscan/quickscanKind.ts';
import { setQuickscanScore, startRound } from '../canvases/quickscan/quickscanOperations.ts';
import { EARLIER_ROUND_ID } from '../canvases/quickscan/quickscanSettings.ts';
import { confrontationKind } from '../canvases/confrontation/confrontationKind.ts';
import { readSettings } from '../canvases/kind.ts';
import { planOfDoc } from '../plan/actionPlan.ts';

const LATER = Date.UTC(2026, 5, 1, 9, 0);
const meta = { title: 'Acme 2026 II', template: 'workshop', language: 'en', createdAt: LATER };

/** The plan fixture (open action a1, in-progress a2, quickscan rounds 1 and 2) plus a done and a dropped action. */
function previousBoard(): Y.Doc {
  const doc = planFixture('en');
  createAction(doc, { id: 'a3', canvas: 'actions', title: 'Hire a CRM consultant', status: 'done', author: 'Ann', createdAt: FIXTURE_TIME });
  createAction(doc, { id: 'a4', canvas: 'actions', title: 'Open a shop in Ghent', status: 'dropped', author: 'Bob', createdAt: FIXTURE_TIME });
  return doc;
}

function next(source: Y.Doc, sourceId = 'prevBoard') {
  const doc = new Y.Doc();
  const result = nextWorkshop(source, doc, meta, sourceId);
  return { doc, result };
}

const scanOf = (doc: Y.Doc) => {
  const board = readBoard(doc);
  return quickscanKind.analyze!(board, board.canvases.find((c) => c.id === 'scan')!);
};

describe('nextWorkshop', () => {
  it('makes the same canvases, empty, and records which board and day it follows', () => {
    const source = previousBoard();
    const { doc } = next(source);
    expect(readBoard(doc).meta).toMatchObject({ title: 'Acme 2026 II', createdAt: LATER });
    expect(readPreviousWorkshop(doc)).toEqual({ boardId: 'prevBoard', title: 'Acme 2026', date: '2026-01-15' });
    expect(readCanvases(doc).map((c) => [c.id, c.kind])).toEqual(readCanvases(source).map((c) => [c.id, c.kind]));
    expect(notesMap(doc).size).toBe(0);
    expect(personalMap(doc).size).toBe(0);
    expect(doc.getMap(ROOT.accounts).size).toBe(0);
    expect(doc.getMap(ROOT.participants).size).toBe(0);
    // The matrix keeps how it is set up, not what was about last time's notes.
    const matrix = readCanvases(doc).find((c) => c.id === 'matrix')!;
    expect(readSettings(confrontationKind, matrix.settings)).toMatchObject({ source: 'swot', chosen: [], rows: null, columns: null });
  });

  it('carries the open and in-progress actions for review with their source, and leaves done and dropped ones', () => {
    const { doc, result } = next(previousBoard());
    const carried = listActions(doc, 'actions');
    expect(result.actions).toBe(2);
    expect(carried.map((a) => [a.title, a.status, a.review])).toEqual([
      ['How can we use Strong brand to seize Growing B2B market?', 'open', true],
      ['Train the sales team', 'inProgress', true],
    ]);
    const [first] = carried;
    expect(first.carriedOver).toEqual({ boardId: 'prevBoard', title: 'Acme 2026', date: '2026-01-15', actionId: 'a1', due: '2026-03-31' });
    expect(first.id).not.toBe('a1');
    // Participant ids are the old board's: the owner is carried as the name they had there.
    expect([first.ownerId, first.owner, first.due, first.kpi, first.target]).toEqual([null, 'Ann de Vries', '2026-03-31', 'Repeat orders per quarter', 'from 12 to 20']);
    expect(first.source).toMatchObject({ kind: 'matrixOption', row: 's1', column: 'o1' });
  });

  it('keeps a carried action with one click (the mark goes, where it came from stays), or closes it', () => {
    const { doc } = next(previousBoard());
    const [keep, drop] = listActions(doc, 'actions');
    reviewCarriedAction(doc, keep.id, 'keep');
    reviewCarriedAction(doc, drop.id, 'dropped');
    const after = listActions(doc, 'actions');
    expect(after.map((a) => [a.status, a.review, a.carriedOver?.actionId])).toEqual([['open', false, 'a1'], ['dropped', false, 'a2']]);
  });

  it('stores the quickscan result as a read-only earlier round without people, and compares the new round with it', () => {
    const { doc } = next(previousBoard());
    const stored = readCanvases(doc).find((c) => c.id === 'scan')!.settings;
    // The group's result only: how many gave each score per activity, no participant ids.
    expect(stored.earlier).toEqual({
      boardId: 'prevBoard', title: 'Acme 2026', date: '2026-01-15', participants: 2,
      distributions: { leads: [0, 1, 0, 0, 0], crm: [0, 1, 1, 0, 0], complaints: [0, 0, 0, 1, 0], strategy: [0, 0, 0, 0, 1] },
    });
    expect(JSON.stringify(stored)).not.toMatch(/pAnn|pBob|pFiona/);

    let scan = scanOf(doc);
    expect(scan.rounds.map((r) => [r.id, r.label, r.current])).toEqual([[EARLIER_ROUND_ID, 'Previous workshop', false], ['1', 'Round 1', true]]);
    expect(scan.rounds[0].previousWorkshop).toEqual({ boardId: 'prevBoard', title: 'Acme 2026' });
    expect(scan.rounds[0].activities.crm).toMatchObject({ count: 2, mean: 2.5, stdev: 0.5, min: 2, max: 3 });
    expect(scan.rounds[0].weakest).toEqual(['leads', 'crm', 'complaints', 'strategy']);

    setQuickscanScore(doc, { canvasId: 'scan', participantId: 'pNew', round: '1', activity: 'crm' }, 4);
    scan = scanOf(doc);
    expect(scan.changes).toHaveLength(1);
    expect(scan.changes[0]).toMatchObject({ from: EARLIER_ROUND_ID, to: '1' });
    expect(scan.changes[0].activities.crm).toEqual({ from: 2.5, to: 4, change: 1.5 });
    // Nobody can score the earlier round: only the round being scored is open.
    expect(quickscanKind.personalEntryOpen!(`${EARLIER_ROUND_ID}:crm`, readSettings(quickscanKind, stored))).toBe(false);
  });

  it('takes the last scored round when nobody scored the round being scored', () => {
    const source = previousBoard();
    startRound(source, 'scan', { date: '2026-02-01' });
    const { doc } = next(source);
    const earlier = readCanvases(doc).find((c) => c.id === 'scan')!.settings.earlier as { date: string; participants: number };
    expect([earlier.date, earlier.participants]).toEqual(['2026-01-15', 2]);
  });

  it('says in the action plan which actions were carried over and what the quickscan change is against', () => {
    const { doc } = next(previousBoard());
    setQuickscanScore(doc, { canvasId: 'scan', participantId: 'pNew', round: '1', activity: 'crm' }, 4);
    const plan = planOfDoc(doc, LATER);
    expect(plan.actions.map((a) => a.carriedOver && { actionId: a.carriedOver.actionId, review: a.carriedOver.review })).toEqual([
      { actionId: 'a1', review: true },
      { actionId: 'a2', review: true },
    ]);
    expect(plan.quickscan![0].previousWorkshop).toEqual({ title: 'Acme 2026', date: '2026-01-15' });
    expect(plan.quickscan![0].weakest[0]).toMatchObject({ id: 'crm', mean: 4, change: 1.5 });
  });

  it('carries actions on again from a next workshop, naming the board they come from now', () => {
    const { doc } = next(previousBoard());
    const [kept] = listActions(doc, 'actions');
    reviewCarriedAction(doc, kept.id, 'keep');
    const third = new Y.Doc();
    nextWorkshop(doc, third, { ...meta, title: 'Acme 2026 III' }, 'secondBoard');
    const again = listActions(third, 'actions');
    expect(again.map((a) => [a.carriedOver?.boardId, a.carriedOver?.actionId, a.review])).toEqual([['secondBoard', kept.id, true], ['secondBoard', expect.any(String), true]]);
  });
});
