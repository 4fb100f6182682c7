// A workshop board for the plan's tests and bench: a SWOT, a scored matrix with a chosen option,
// and an actions canvas with a complete action, an unfinished one and (optionally) one of hostile
// text. Every id and time is fixed, so golden files stay byte-identical.
import * as Y from 'yjs';
import { initBoardMeta } from '../board/meta.ts';
import { canvasMap, canvasesMap, ROOT } from '../board/schema.ts';
import { createNote } from '../board/notes.ts';
import { setScore, setOptionChosen } from '../canvases/confrontation/confrontationOperations.ts';
import { createAction } from '../canvases/actions/actionOperations.ts';
import { draftFromOption } from '../canvases/actions/draftAction.ts';
import { confrontationKind } from '../canvases/confrontation/confrontationKind.ts';
import { readBoard } from '../board/readBoard.ts';
import { setElementScore } from '../canvases/sevens/sevensOperations.ts';
import { setQuickscanComment, setQuickscanScore } from '../canvases/quickscan/quickscanOperations.ts';
import { setAccount } from '../canvases/pyramid/accounts.ts';

export const FIXTURE_TIME = Date.UTC(2026, 0, 15, 9, 30);

/** An account name a hostile CRM export could hold: a formula, HTML and a Markdown link (at most 200 characters). */
export const HOSTILE_ACCOUNT = '@SUM(A1) <script>alert(1)</script> [x](javascript:alert(1)) **b**';

/** Text a hostile participant could type: Markdown and HTML, a formula, RTL, emoji, control characters, length. */
export const HOSTILE_TEXT =
  '=HYPERLINK("http://evil.example","click") [link](javascript:alert(1)) <script>alert("x")</script> **bold** # h | pipe\r\n@SUM(A1) שלום עולם 👍🏽 \u202Eevil\u0007' +
  'x'.repeat(3000);

const TEXT = {
  en: { title: 'Acme 2026', swot: 'SWOT analysis', matrix: 'Confrontation matrix', actions: 'Action plan',
    S1: 'Strong brand', S2: 'Loyal customers', W1: 'Slow delivery', O1: 'Growing B2B market', O2: 'Online sales', T1: 'New competitor',
    kpi: 'Repeat orders per quarter', target: 'from 12 to 20', owner: 'Ann de Vries', second: 'Train the sales team' },
  nl: { title: 'Acme 2026', swot: 'SWOT-analyse', matrix: 'Confrontatiematrix', actions: 'Actieplan',
    S1: 'Sterk merk', S2: 'Trouwe klanten', W1: 'Trage levering', O1: 'Groeiende B2B-markt', O2: 'Online verkoop', T1: 'Nieuwe concurrent',
    kpi: 'Herhaalorders per kwartaal', target: 'van 12 naar 20', owner: 'Ann de Vries', second: 'Verkoopteam trainen: één café-sessie per maand' },
} as const;

/** `kinds: false` leaves the 7S, the quickscan and the customer pyramid out (a board of SWOT, matrix and actions only). */
export function planFixture(language: 'en' | 'nl', opts: { hostile?: boolean; kinds?: boolean } = {}): Y.Doc {
  const t = TEXT[language];
  const doc = new Y.Doc();
  initBoardMeta(doc, { title: t.title, template: 'workshop', language, createdAt: FIXTURE_TIME });
  const canvas = (id: string, kind: string, title: string, order: string, settings: Record<string, unknown> = {}) =>
    canvasesMap(doc).set(id, canvasMap({ id, kind, title, order, createdAt: FIXTURE_TIME, removedAt: null, settings }));
  canvas('swot', 'swot', t.swot, 'a0');
  canvas('matrix', 'confrontation', t.matrix, 'a1', { source: 'swot' });
  canvas('actions', 'actions', t.actions, 'a2');
  if (opts.kinds !== false) {
    canvas('scan', 'quickscan', 'Quickscan', 'Zz', { rounds: [{ id: '1', label: '', date: '2025-10-01' }, { id: '2', label: '', date: '2026-01-15' }], current: '2' });
    canvas('sevens', '7s', '7S', 'Zz1');
    canvas('pyramid', 'pyramid', '', 'Zz2', { shares: { top: 34, large: 33, medium: 33 }, strategies: { medium: 'reduce' } });
  }
  const note = (id: string, frame: string, text: string, y: number) =>
    createNote(doc, { id, canvas: 'swot', frame, text, x: 20, y, color: 'yellow', author: 'Ann', createdAt: FIXTURE_TIME });
  note('s1', 'swot.strengths', t.S1, 80);
  note('s2', 'swot.strengths', opts.hostile ? HOSTILE_TEXT : t.S2, 300);
  note('w1', 'swot.weaknesses', t.W1, 80);
  note('o1', 'swot.opportunities', t.O1, 720);
  note('o2', 'swot.opportunities', t.O2, 940);
  note('t1', 'swot.threats', t.T1, 720);
  doc.getMap(ROOT.participants).set('pFiona', { name: 'Fiona', role: 'facilitator' });
  doc.getMap(ROOT.participants).set('pAnn', { name: t.owner, role: 'participant' });
  doc.getMap(ROOT.participants).set('pBob', { name: 'Bob', role: 'participant' });
  const scores: Array<[string, string, string, number]> = [
    ['pAnn', 's1', 'o1', 2], ['pBob', 's1', 'o1', 2], ['pFiona', 's1', 'o1', 1],
    ['pAnn', 's2', 'o2', 2], ['pBob', 's2', 'o2', 0],
    ['pAnn', 'w1', 't1', 1], ['pBob', 'w1', 't1', 1],
    ['pAnn', 's1', 't1', 1],
  ];
  for (const [participantId, row, column, value] of scores) setScore(doc, { canvasId: 'matrix', participantId, row, column }, value);
  setOptionChosen(doc, 'matrix', 's1', 'o1', true);
  if (opts.kinds !== false) {
    const seven: Array<[string, 'staff' | 'systems' | 'style' | 'strategy', number, number]> = [
      ['pAnn', 'staff', 2, 5], ['pBob', 'staff', 1, 4], ['pAnn', 'systems', 2, 4], ['pBob', 'systems', 3, 4], ['pAnn', 'style', 3, 4], ['pAnn', 'strategy', 4, 4],
    ];
    for (const [participantId, element, current, desired] of seven) {
      setElementScore(doc, { canvasId: 'sevens', participantId }, element, 'current', current);
      setElementScore(doc, { canvasId: 'sevens', participantId }, element, 'desired', desired);
    }
    const scan: Array<[string, string, 'crm' | 'leads' | 'complaints' | 'strategy', number]> = [
      ['pAnn', '1', 'crm', 1], ['pAnn', '2', 'crm', 2], ['pBob', '2', 'crm', 3], ['pAnn', '2', 'leads', 2], ['pBob', '2', 'complaints', 4], ['pAnn', '2', 'strategy', 5],
    ];
    for (const [participantId, round, activity, value] of scan) setQuickscanScore(doc, { canvasId: 'scan', participantId, round, activity }, value);
    setQuickscanComment(doc, { canvasId: 'scan', participantId: 'pAnn', round: '2', activity: 'crm' }, 'No shared customer file');
    // Three active customers (one per level by these shares: top, large, medium), one won, one lost, a prospect.
    const accounts: Array<[string, string, number, number, 'customer' | 'prospect']> = [
      ['k1', 'Bakker BV', 50000, 40000, 'customer'], ['k2', opts.hostile ? HOSTILE_ACCOUNT : 'Jansen & Zn', 20000, 0, 'customer'],
      ['k3', 'De Wit', 10000, 30000, 'customer'], ['k4', 'Visser', 0, 5000, 'customer'], ['k5', 'Smit Logistiek', 0, 0, 'prospect'],
    ];
    for (const [id, name, current, previous, status] of accounts) setAccount(doc, 'pyramid', { id, name, current, previous, status });
  }

  const board = readBoard(doc);
  const top = confrontationKind.analyze!(board, board.canvases.find((c) => c.id === 'matrix')!).options[0];
  const draft = draftFromOption(top, 'matrix', 'actions', 'Ann');
  createAction(doc, { ...draft, id: 'a1', ownerId: 'pAnn', owner: t.owner, due: '2026-03-31', kpi: t.kpi, target: t.target, createdAt: FIXTURE_TIME });
  createAction(doc, { id: 'a2', canvas: 'actions', title: t.second, priority: 'low', status: 'inProgress', author: 'Bob', createdAt: FIXTURE_TIME });
  if (opts.hostile) {
    createAction(doc, {
      id: 'a3', canvas: 'actions', title: HOSTILE_TEXT.slice(0, 500), description: HOSTILE_TEXT, owner: '=cmd|/C calc', kpi: '+1', target: '-1',
      due: '2026-04-01', author: 'Mallory', createdAt: FIXTURE_TIME,
    });
  }
  return doc;
}
