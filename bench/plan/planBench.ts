// Issue 11's plan bench: the action plan of a large board (a 10 x 10 matrix scored by 30 people,
// 200 notes, 50 actions, a 7S and a quickscan scored by the same 30) generated and rendered in every
// format, in this process with the code the export route runs. Peers measured in the same run: the
// board's JSON export (`exportBoard`, which reads and analyses the same board) for the generator,
// and a one-page PDF with the same embedded font for the PDF (what any PDF of ours costs at least).
import * as Y from 'yjs';
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { initBoard } from '../../shared/src/board/meta.ts';
import { createNote } from '../../shared/src/board/notes.ts';
import { addCanvas, readCanvases } from '../../shared/src/board/canvases.ts';
import { exportBoard } from '../../shared/src/board/exportBoard.ts';
import { ROOT } from '../../shared/src/board/schema.ts';
import { setOptionChosen, setScore } from '../../shared/src/canvases/confrontation/confrontationOperations.ts';
import { createAction } from '../../shared/src/canvases/actions/actionOperations.ts';
import { setElementScore } from '../../shared/src/canvases/sevens/sevensOperations.ts';
import { SEVENS_ELEMENTS } from '../../shared/src/canvases/sevens/sevensModel.ts';
import { setQuickscanScore } from '../../shared/src/canvases/quickscan/quickscanOperations.ts';
import { ACTIVITY_IDS } from '../../shared/src/canvases/quickscan/quickscanActivities.ts';
import { planOfDoc } from '../../shared/src/plan/actionPlan.ts';
import { renderPlan } from '../../server/src/plan/planExport.ts';
import { summarize } from '../stats.ts';

export interface PlanBenchResult {
  notes: number;
  actions: number;
  cells: number;
  rows: Array<{ what: string; p50: number; p99: number; bytes?: number }>;
  exportP50: number;
  blankPdfP50: number;
}

export function bigBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Bench plan', template: 'confrontation', language: 'nl', createdAt: 0 });
  const canvases = readCanvases(doc);
  const swot = canvases.find((c) => c.kind === 'swot')!.id;
  const matrix = canvases.find((c) => c.kind === 'confrontation')!.id;
  const ids: Record<string, string[]> = {};
  for (const q of ['strengths', 'weaknesses', 'opportunities', 'threats']) {
    ids[q] = Array.from({ length: 50 }, (_, i) => createNote(doc, { canvas: swot, frame: `swot.${q}`, x: (i % 5) * 170, y: 80 + Math.floor(i / 5) * 130, color: 'yellow', author: 'bench', text: `${q} ${i}: een notitie met wat tekst, één café` }));
  }
  const rows = [...ids.strengths.slice(0, 5), ...ids.weaknesses.slice(0, 5)];
  const columns = [...ids.opportunities.slice(0, 5), ...ids.threats.slice(0, 5)];
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const people = Array.from({ length: 30 }, (_, i) => `p${i}`);
  for (const p of people) doc.getMap(ROOT.participants).set(p, { name: `Deelnemer ${p}`, role: 'participant' });
  for (const p of people) for (const row of rows) for (const column of columns) setScore(doc, { canvasId: matrix, participantId: p, row, column }, rand(3));
  for (let i = 0; i < 5; i++) setOptionChosen(doc, matrix, rows[i], columns[i], true);
  const sevens = addCanvas(doc, { kind: '7s', title: '7S' });
  const scan = addCanvas(doc, { kind: 'quickscan', title: 'Quickscan' });
  for (const p of people) {
    for (const e of SEVENS_ELEMENTS) {
      setElementScore(doc, { canvasId: sevens, participantId: p }, e, 'current', 1 + rand(5));
      setElementScore(doc, { canvasId: sevens, participantId: p }, e, 'desired', 1 + rand(5));
    }
    for (const a of ACTIVITY_IDS) setQuickscanScore(doc, { canvasId: scan, participantId: p, round: '1', activity: a }, 1 + rand(5));
  }
  const actions = addCanvas(doc, { kind: 'actions', title: 'Actieplan' });
  for (let i = 0; i < 50; i++) {
    createAction(doc, {
      canvas: actions, title: `Actie ${i}: ${'iets doen dat telt '.repeat(3)}`, description: 'Toelichting met details. '.repeat(8),
      ownerId: people[i % 30], owner: `Deelnemer ${people[i % 30]}`, due: `2026-0${1 + (i % 9)}-15`, kpi: 'Herhaalorders', target: '20', author: 'bench',
      source: i % 2 === 0 ? { kind: 'matrixOption', canvasId: matrix, row: rows[i % 10], column: columns[(i * 3) % 10], label: 'Hoe kunnen we ...?' } : null,
    });
  }
  return doc;
}

async function time(fn: () => unknown | Promise<unknown>, runs: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const s = summarize(times);
  return { p50: s.p50, p99: s.p99 };
}

function blankPdf(): Promise<Buffer> {
  const font = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  const doc = new PDFDocument({ size: 'A4', font });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  doc.text('Actieplan');
  doc.end();
  return done;
}

export async function runPlan(runs = 20): Promise<PlanBenchResult> {
  const doc = bigBoard();
  const now = Date.UTC(2026, 1, 2);
  const plan = planOfDoc(doc, now);
  const rows: PlanBenchResult['rows'] = [{ what: 'generate (read board + analyses)', ...(await time(() => planOfDoc(doc, now), runs)) }];
  for (const format of ['json', 'md', 'csv', 'ics', 'pdf'] as const) {
    const out = await renderPlan(plan, { format, sep: 'comma' });
    rows.push({ what: `render ${format}`, ...(await time(() => renderPlan(plan, { format, sep: 'comma' }), format === 'pdf' ? Math.max(5, runs / 4) : runs)), bytes: Buffer.byteLength(out.body) });
  }
  const exportP50 = (await time(() => exportBoard(doc), runs)).p50;
  const blankPdfP50 = (await time(blankPdf, Math.max(5, runs / 4))).p50;
  return { notes: 200, actions: plan.actions.length, cells: plan.matrices[0].cells.length, rows, exportP50, blankPdfP50 };
}

export function formatPlan(r: PlanBenchResult): string {
  const generate = r.rows[0];
  const pdf = r.rows.find((x) => x.what === 'render pdf')!;
  return [
    `  ${r.cells} matrix cells x 30 participants, ${r.notes} notes, ${r.actions} actions, a 7S and a quickscan scored by 30`,
    ...r.rows.map((x) => `  ${x.what.padEnd(34)} p50 ${x.p50.toFixed(2).padStart(8)} ms  p99 ${x.p99.toFixed(2).padStart(8)} ms${x.bytes !== undefined ? `  ${x.bytes} bytes` : ''}`),
    `  peer: the board's JSON export p50 ${r.exportP50.toFixed(2)} ms; plan generation is ${(generate.p50 / r.exportP50).toFixed(2)}x of it`,
    `  peer: a one-line PDF with the same font p50 ${r.blankPdfP50.toFixed(2)} ms; the plan's PDF is ${(pdf.p50 / r.blankPdfP50).toFixed(2)}x of it`,
  ].join('\n');
}
