// Issue 7's matrix bench: a 10 x 10 confrontation matrix scored by 30 participants (3,000 scores).
// Per score change: the work a browser does to show it (read the board, run the analysis), against
// the 16.7 ms of one frame at 60 Hz, and the bytes one score update puts on the wire. Pure shared
// code in this process: the same functions the matrix view calls.
import * as Y from 'yjs';
import { initBoard } from '../../shared/src/board/meta.ts';
import { createNote } from '../../shared/src/board/notes.ts';
import { readBoard } from '../../shared/src/board/readBoard.ts';
import { readCanvases } from '../../shared/src/board/canvases.ts';
import { confrontationKind } from '../../shared/src/canvases/confrontation/confrontationKind.ts';
import { setScore } from '../../shared/src/canvases/confrontation/confrontationOperations.ts';
import { summarize } from '../stats.ts';

const FRAME_MS = 1000 / 60;

export interface MatrixResult {
  participants: number;
  cells: number;
  changes: number;
  analysisP50: number;
  analysisP99: number;
  bytesP50: number;
  bytesMax: number;
}

export function runMatrix(participants = 30, perQuadrant = 5, changes = 300): MatrixResult {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Bench', template: 'confrontation', language: 'en', createdAt: 0 });
  const canvases = readCanvases(doc);
  const swot = canvases.find((c) => c.kind === 'swot')!;
  const matrix = canvases.find((c) => c.kind === confrontationKind.id)!;
  const ids: Record<string, string[]> = {};
  for (const q of ['strengths', 'weaknesses', 'opportunities', 'threats']) {
    ids[q] = Array.from({ length: perQuadrant }, (_, i) =>
      createNote(doc, { canvas: swot.id, frame: `swot.${q}`, x: i * 170, y: 80, color: 'yellow', author: 'bench', text: `${q} ${i}` }),
    );
  }
  const rows = [...ids.strengths, ...ids.weaknesses];
  const columns = [...ids.opportunities, ...ids.threats];
  const people = Array.from({ length: participants }, (_, i) => `p${i}`);
  let seed = 1;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  for (const p of people) for (const row of rows) for (const column of columns) setScore(doc, { canvasId: matrix.id, participantId: p, row, column }, rand(3));

  const analyze = () => confrontationKind.analyze!(readBoard(doc), readCanvases(doc).find((c) => c.id === matrix.id)!);
  for (let i = 0; i < 20; i++) analyze(); // warm-up
  const times: number[] = [];
  const bytes: number[] = [];
  const onUpdate = (u: Uint8Array) => bytes.push(u.byteLength);
  doc.on('update', onUpdate);
  for (let i = 0; i < changes; i++) {
    setScore(doc, { canvasId: matrix.id, participantId: people[rand(participants)], row: rows[rand(rows.length)], column: columns[rand(columns.length)] }, rand(3));
    const t = performance.now();
    analyze();
    times.push(performance.now() - t);
  }
  doc.off('update', onUpdate);
  const t = summarize(times);
  const b = summarize(bytes);
  return { participants, cells: rows.length * columns.length, changes, analysisP50: t.p50, analysisP99: t.p99, bytesP50: b.p50, bytesMax: b.max };
}

export function formatMatrix(r: MatrixResult): string {
  return [
    `  ${r.cells} cells x ${r.participants} participants, ${r.changes} score changes`,
    `  read + analysis per change: p50 ${r.analysisP50.toFixed(2)} ms, p99 ${r.analysisP99.toFixed(2)} ms` +
      ` (${(r.analysisP50 / FRAME_MS).toFixed(2)}x / ${(r.analysisP99 / FRAME_MS).toFixed(2)}x of one 60 Hz frame)`,
    `  bytes per score update: p50 ${r.bytesP50}, max ${r.bytesMax}`,
  ].join('\n');
}
