// The browser section's closing tables: ours at every board size against our empty board, then the
// peers (tldraw, Excalidraw) beside ours at the sizes both were measured at, with ratios.
import { ms, ratio, table } from '../stats.ts';
import { frameStats, type BrowserResult } from './browserBench.ts';
import type { PeerResult } from './peerBench.ts';

const TARGET = 'targets: at 10,000 notes zoom and pan p95 within 1.5x of the empty board, drag unaffected; ahead of tldraw and Excalidraw at every size';

function pair(deltas: number[] | undefined): string {
  const s = frameStats(deltas);
  return Number.isFinite(s.p50) ? `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms` : 'n/a';
}

export function formatBrowserSummary(ours: BrowserResult[], peers: PeerResult[], peerErrors: string[]): string {
  const empty = ours.find((r) => r.notes === 0);
  const base = {
    zoom: frameStats(empty?.zoom).p95,
    pan: frameStats(empty?.pan).p95,
  };
  const oursTable = table(
    ['ours: notes', 'painted (first / reload)', 'full detail (first / reload)', 'zoom p50 / p95', 'zoom p95 / empty', 'pan p50 / p95', 'pan p95 / empty', 'drag p50 / p95', 'drag p95 / empty pan', 'longest after zoom / pan stop', 'heap'],
    ours.map((r) => [
      String(r.notes),
      `${ms(r.firstVisit.paintedMs, 0)} / ${ms(r.reload.paintedMs, 0)}`,
      `${ms(r.firstVisit.fullDetailMs, 0)} / ${ms(r.reload.fullDetailMs, 0)}`,
      pair(r.zoom),
      ratio(frameStats(r.zoom).p95, base.zoom),
      pair(r.pan),
      ratio(frameStats(r.pan).p95, base.pan),
      pair(r.drag),
      ratio(frameStats(r.drag).p95, base.pan),
      `${ms(r.afterStop.zoom ?? NaN, 0)} / ${ms(r.afterStop.pan ?? NaN, 0)}`,
      `${r.heapAfterRenderMB.toFixed(0)} MB`,
    ]),
  );
  const lines = ['== Browser summary ==', TARGET, '', oursTable];
  if (!empty) lines.push('(no empty board measured: BENCH_NOTES without 0 gives no ratios)');
  const names = [...new Set(peers.map((p) => p.peer))];
  if (names.length > 0) {
    const rows: string[][] = [];
    for (const notes of [...new Set(peers.map((p) => p.notes))]) {
      const o = ours.find((r) => r.notes === notes);
      const metrics: Array<[string, (p: PeerResult) => number, number]> = [
        ['load (painted)', (p) => p.loadMs, o ? o.firstVisit.paintedMs : NaN],
        ['load (full detail)', (p) => p.loadMs, o ? o.firstVisit.fullDetailMs : NaN],
        ['zoom p50', (p) => frameStats(p.zoom).p50, frameStats(o?.zoom).p50],
        ['zoom p95', (p) => frameStats(p.zoom).p95, frameStats(o?.zoom).p95],
        ['pan p50', (p) => frameStats(p.pan).p50, frameStats(o?.pan).p50],
        ['pan p95', (p) => frameStats(p.pan).p95, frameStats(o?.pan).p95],
        ['longest frame after zoom stops', (p) => p.afterStop?.zoom ?? NaN, o?.afterStop.zoom ?? NaN],
        ['longest frame after pan stops', (p) => p.afterStop?.pan ?? NaN, o?.afterStop.pan ?? NaN],
        ['heap (MB)', (p) => p.heapMB, o ? o.heapAfterRenderMB : NaN],
      ];
      for (const [name, get, mine] of metrics) {
        const row = [String(notes), name, name.startsWith('heap') ? mine.toFixed(0) : ms(mine, 0)];
        for (const peer of names) {
          const p = peers.find((x) => x.peer === peer && x.notes === notes);
          const v = p && !p.error ? get(p) : NaN;
          row.push(name.startsWith('heap') ? (Number.isFinite(v) ? v.toFixed(0) : 'n/a') : ms(v, 0), ratio(v, mine));
        }
        rows.push(row);
      }
    }
    lines.push(
      '',
      table(['notes', 'measure', 'ours', ...names.flatMap((n) => [n, `${n} / ours`])], rows),
      '(ratios above 1: the peer is slower or larger than ours)',
    );
  }
  for (const p of peers) if (p.error) lines.push(`${p.peer} at ${p.notes}: ${p.error}`);
  lines.push(...peerErrors);
  return lines.join('\n');
}
