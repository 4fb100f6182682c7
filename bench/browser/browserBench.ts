// The board page in headless chromium with a crowded board: time from navigation to the first full
// render, frame times while panning and while dragging a note, JS heap, and what the renderer draws
// per frame during each gesture (its public `stats()`: dragging one note must not redraw every note).
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page, type CDPSession } from 'playwright-core';
import { OurServer } from '../servers/OurServer.ts';
import { seedBoard } from '../seedBoard.ts';
import { ms, summarize, table } from '../stats.ts';
import { sleep } from '../childProcess.ts';
import { gestureTargets, initScript, noteCountInDoc, readStats, startFrameRecorder, stopFrameRecorder } from './pageScripts.ts';

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../dist/client', import.meta.url));

export interface BrowserOptions {
  notes: number;
  chromium: string;
  clientDir: string;
}

interface Render {
  nodesMs: number;
  paintedMs: number;
}

/** `RendererStats` of client/src/lib/canvas/types.ts, as read from the page. */
interface RendererStats {
  layerDraws: Record<string, number>;
  noteDraws: number;
}

interface DrawCount {
  /** Frames from press to release. */
  frames: number;
  /** Note groups drawn from press to release. */
  notes: number;
  /** Note groups drawn in the 300 ms after release. */
  notesAfter: number;
  /** Draws per layer (by name) from press to release. */
  layers: Record<string, number>;
  /** Draws per layer in the 300 ms after release (the drop, or the text coming back after a pan). */
  layersAfter: Record<string, number>;
}

export interface BrowserResult {
  notes: number;
  clientBuiltAt: Date;
  firstVisit: Render;
  reload: Render;
  scale: number;
  pan?: number[];
  drag?: number[];
  dragMoved?: boolean;
  panDraws?: DrawCount;
  dragDraws?: DrawCount;
  heapAfterRenderMB: number;
  heapAfterGesturesMB: number;
  notes_in_page: number;
  skipped: string[];
}

interface Targets {
  scale: number;
  pan: { x: number; y: number; dx: number; dy: number } | null;
  drag: { id: string; x: number; y: number; dx: number; dy: number; worldX: number; worldY: number };
}

async function waitRender(page: Page, timeoutMs = 120_000): Promise<Render> {
  await page.waitForFunction('window.__benchRender && window.__benchRender.painted !== null', undefined, { timeout: timeoutMs, polling: 50 });
  const r = (await page.evaluate('window.__benchRender')) as { nodes: number; painted: number };
  return { nodesMs: r.nodes, paintedMs: r.painted };
}

async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  return used / (1024 * 1024);
}

/** A mouse gesture as a person makes it: press, `steps` moves about one frame apart, release. */
async function gesture(page: Page, x: number, y: number, dx: number, dy: number, steps = 45): Promise<void> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(x + (dx * i) / steps, y + (dy * i) / steps);
    await sleep(16);
  }
  await page.mouse.up();
}

async function timedGesture(page: Page, x: number, y: number, dx: number, dy: number): Promise<number[]> {
  await page.evaluate(startFrameRecorder);
  await gesture(page, x, y, dx, dy);
  return (await page.evaluate(stopFrameRecorder)) as number[];
}

function layerDiff(a: RendererStats, b: RendererStats): Record<string, number> {
  return Object.fromEntries(Object.entries(b.layerDraws).map(([name, n]) => [name, n - (a.layerDraws[name] ?? 0)]));
}

async function countedGesture(page: Page, x: number, y: number, dx: number, dy: number): Promise<DrawCount> {
  await page.evaluate(startFrameRecorder);
  const before = (await page.evaluate(readStats)) as RendererStats;
  await gesture(page, x, y, dx, dy, 20);
  const during = (await page.evaluate(readStats)) as RendererStats;
  const frames = ((await page.evaluate(stopFrameRecorder)) as number[]).length;
  await sleep(300);
  const after = (await page.evaluate(readStats)) as RendererStats;
  return {
    frames,
    notes: during.noteDraws - before.noteDraws,
    notesAfter: after.noteDraws - during.noteDraws,
    layers: layerDiff(before, during),
    layersAfter: layerDiff(during, after),
  };
}

export async function runBrowser(opts: BrowserOptions, log: (line: string) => void): Promise<BrowserResult> {
  const index = `${opts.clientDir}/index.html`;
  if (!existsSync(index)) throw new Error(`no built client at ${opts.clientDir} (run \`npx vite build\` or set BENCH_BUILD=1)`);
  const server = new OurServer({ env: { CLIENT_DIR: opts.clientDir } });
  const browser = await chromium.launch({
    executablePath: opts.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const skipped: string[] = [];
  try {
    await server.start();
    const board = await server.createBoard('Crowded board');
    const seeder = await server.createSession(board.id, board.links.facilitator, 'Seeder');
    if (!seeder) throw new Error('session rate limited');
    let t = performance.now();
    await seedBoard(server.wsUrl, board.id, { session: seeder }, opts.notes, 120_000);
    log(`  ${opts.notes} notes written through a Node WebsocketProvider in ${ms(performance.now() - t, 0)}`);
    const joined = await server.joinBoard(board.id, board.links.facilitator, 'Bench');
    if (!joined) throw new Error('session rate limited');
    const stored = { session: joined.session, role: joined.role, name: joined.name, expiresAt: joined.expiresAt, board: joined.board };

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: initScript(board.id, stored, opts.notes) });
    const page = await context.newPage();
    page.on('pageerror', (err) => log(`  page error: ${err.message}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    await page.goto(`${server.origin}/b/${board.id}`);
    const firstVisit = await waitRender(page);
    log(`  first visit: ${opts.notes} note nodes at ${ms(firstVisit.nodesMs, 0)}, painted at ${ms(firstVisit.paintedMs, 0)}`);
    // Second visit: the app's IndexedDB copy of the board is there now, as for a returning user.
    await page.reload();
    const reload = await waitRender(page);
    log(`  reload: note nodes at ${ms(reload.nodesMs, 0)}, painted at ${ms(reload.paintedMs, 0)}`);
    await sleep(500);
    const heapAfterRenderMB = await heapMB(cdp);
    const notesInPage = (await page.evaluate(noteCountInDoc)) as number;

    const targets = (await page.evaluate(gestureTargets)) as Targets | null;
    const result: BrowserResult = {
      notes: opts.notes,
      clientBuiltAt: statSync(index).mtime,
      firstVisit,
      reload,
      scale: targets?.scale ?? NaN,
      heapAfterRenderMB,
      heapAfterGesturesMB: NaN,
      notes_in_page: notesInPage,
      skipped,
    };
    if (!targets) {
      skipped.push('gestures: no viewport in the local awareness state to aim with');
    } else {
      if (targets.pan) {
        const p = targets.pan;
        result.pan = await timedGesture(page, p.x, p.y, p.dx, p.dy);
        // Back again, so the note positions computed above still hold.
        await gesture(page, p.x + p.dx, p.y + p.dy, -p.dx, -p.dy, 10);
        await sleep(300);
      } else {
        skipped.push('pan: no empty spot on screen');
      }
      const d = targets.drag;
      result.drag = await timedGesture(page, d.x, d.y, d.dx, d.dy);
      await sleep(300);
      result.dragMoved = (await page.evaluate(
        `(() => { const m = window.__board.doc.getMap('notes').get(${JSON.stringify(d.id)}); return m.get('x') !== ${d.worldX} || m.get('y') !== ${d.worldY}; })()`,
      )) as boolean;
      if (await page.evaluate(readStats)) {
        if (targets.pan) {
          const p = targets.pan;
          result.panDraws = await countedGesture(page, p.x, p.y, p.dx, p.dy);
          await gesture(page, p.x + p.dx, p.y + p.dy, -p.dx, -p.dy, 10);
          await sleep(300);
        }
        // The dragged note now sits at its new place: drag it back.
        result.dragDraws = await countedGesture(page, d.x + d.dx, d.y + d.dy, -d.dx, -d.dy);
      } else {
        skipped.push('draw counts: the renderer has no stats()');
      }
    }
    await sleep(300);
    result.heapAfterGesturesMB = await heapMB(cdp);
    await context.close();
    return result;
  } finally {
    await browser.close();
    await server.dispose();
  }
}

function frameRow(name: string, deltas: number[] | undefined): string[] {
  if (!deltas || deltas.length === 0) return [name, '0', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'];
  const s = summarize(deltas);
  const sorted = [...deltas].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
  return [name, String(s.count), ms(s.p50, 1), ms(p95, 1), ms(s.max, 1), (1000 / s.mean).toFixed(0), String(deltas.filter((v) => v > 50).length)];
}

function drawLine(name: string, d: DrawCount | undefined): string {
  if (!d) return `${name}: n/a`;
  const perFrame = (v: number) => (d.frames ? (v / d.frames).toFixed(1) : 'n/a');
  const layers = Object.entries(d.layers)
    .map(([layer, n]) => `${layer} ${n}+${d.layersAfter[layer] ?? 0}`)
    .join(', ');
  return `${name}: ${d.frames} frames, ${perFrame(d.notes)} note groups drawn per frame (${d.notesAfter} in the 300 ms after release); draws per layer (during + in the 300 ms after release): ${layers}`;
}

/** How often the notes layer (every note not being dragged) was drawn during the gestures. */
function notesLayerLine(r: BrowserResult): string | undefined {
  const d = r.dragDraws;
  if (!d || d.layers.notes === undefined) return undefined;
  const pan = r.panDraws ? `; while panning: ${r.panDraws.layers.notes} times in ${r.panDraws.frames} frames` : '';
  return `notes layer drawn ${d.layers.notes} times in ${d.frames} frames of dragging one note, ${d.layersAfter.notes} times after the drop${pan}`;
}

export function formatBrowser(r: BrowserResult): string {
  return [
    `board: ${r.notes} notes (${r.notes_in_page} in the page's doc), viewport 1280x800, zoom after load ${(r.scale * 100).toFixed(0)}%; client build of ${r.clientBuiltAt.toISOString()}`,
    table(
      ['navigation to full render', 'all note nodes', 'next frame painted'],
      [
        ['first visit (empty browser)', ms(r.firstVisit.nodesMs, 0), ms(r.firstVisit.paintedMs, 0)],
        ['reload (IndexedDB copy present)', ms(r.reload.nodesMs, 0), ms(r.reload.paintedMs, 0)],
      ],
    ),
    '',
    table(['frame times', 'frames', 'p50', 'p95', 'max', 'fps (mean)', '> 50 ms'], [frameRow('panning (drag on empty space)', r.pan), frameRow('dragging one note', r.drag)]),
    `the dragged note's position was written to the doc on drop: ${r.dragMoved === undefined ? 'n/a' : r.dragMoved ? 'yes' : 'NO'}`,
    '',
    "what the renderer draws (its stats(), read around a second pass of each gesture):",
    `  ${drawLine('panning', r.panDraws)}`,
    `  ${drawLine('dragging one note', r.dragDraws)}`,
    `  ${notesLayerLine(r) ?? 'notes layer: n/a'}`,
    '',
    `JS heap used (after GC): ${r.heapAfterRenderMB.toFixed(1)} MB after render, ${r.heapAfterGesturesMB.toFixed(1)} MB after the gestures`,
    ...r.skipped.map((s) => `skipped: ${s}`),
  ].join('\n');
}
