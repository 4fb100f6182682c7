// The board page in headless chromium with a crowded board: time from navigation to the first full
// render, frame times while wheel-zooming, panning and dragging a note, JS heap, and what the renderer
// draws per frame during each gesture (its public `stats()`: dragging one note must not redraw every
// note, a moving camera over a crowded view draws plain rectangles). Run once per board size
// (BENCH_NOTES, 0 = an empty board, the baseline); peerBench.ts measures tldraw and Excalidraw the same way.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page, type CDPSession } from 'playwright-core';
import { OurServer } from '../servers/OurServer.ts';
import { seedBoard } from '../seedBoard.ts';
import { ms, summarize, table } from '../stats.ts';
import { sleep } from '../childProcess.ts';
import { afterTwoFrames, fullDetailShown, gestureTargets, initScript, noteCountInDoc, readStats, startFrameRecorder, stopFrameRecorder } from './pageScripts.ts';

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../dist/client', import.meta.url));

export interface BrowserOptions {
  notes: number;
  chromium: string;
  clientDir: string;
}

interface Render {
  nodesMs: number;
  paintedMs: number;
  /** When the renderer's stats() first said the notes show full detail (a crowded view paints plain notes first). */
  fullDetailMs: number;
}

/** `RendererStats` of client/src/lib/canvas/types.ts, as read from the page. */
interface RendererStats {
  layerDraws: Record<string, number>;
  noteDraws: number;
  plainNoteDraws?: number;
}

interface DrawCount {
  /** Frames from press to release. */
  frames: number;
  /** Note groups drawn from press to release. */
  notes: number;
  /** Notes drawn as plain rectangles from press to release. */
  plainNotes: number;
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
  zoom?: number[];
  pan?: number[];
  drag?: number[];
  /** Longest frame in the AFTER_STOP_MS after each gesture (the camera stopped: full detail is drawn again). */
  afterStop: { zoom?: number; pan?: number; drag?: number };
  dragMoved?: boolean;
  zoomDraws?: DrawCount;
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
  drag: { id: string; x: number; y: number; dx: number; dy: number; worldX: number; worldY: number } | null;
  centre: { x: number; y: number };
}

async function waitRender(page: Page, timeoutMs = 120_000): Promise<Render> {
  await page.waitForFunction('window.__benchRender && window.__benchRender.painted !== null', undefined, { timeout: timeoutMs, polling: 50 });
  const r = (await page.evaluate('window.__benchRender')) as { nodes: number; painted: number };
  let fullDetailMs = NaN;
  try {
    await page.waitForFunction(fullDetailShown, undefined, { timeout: timeoutMs, polling: 20 });
    fullDetailMs = (await page.evaluate('performance.now()')) as number;
  } catch {
    // a renderer without stats().fullDetail
  }
  return { nodesMs: r.nodes, paintedMs: r.painted, fullDetailMs };
}

export async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  return used / (1024 * 1024);
}

/** A mouse gesture as a person makes it: press, `steps` moves about one frame apart, release. */
export async function gesture(page: Page, x: number, y: number, dx: number, dy: number, steps = 45): Promise<void> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(x + (dx * i) / steps, y + (dy * i) / steps);
    await sleep(16);
  }
  await page.mouse.up();
}

/**
 * Waits until the page has drawn two frames after `ms` of quiet: what the last gesture left behind
 * (a full-detail draw once the camera stopped, a drop) is not counted as the next gesture's frames.
 */
export async function settle(page: Page, ms = 400): Promise<void> {
  await sleep(ms);
  await page.evaluate(afterTwoFrames);
}

/** Frame intervals during a gesture, and the longest one in the AFTER_STOP_MS after it. */
export interface Timed {
  frames: number[];
  afterStopMaxMs: number;
}

/** Long enough for the full-detail draw that follows a stop on a 10,000-note board. */
const AFTER_STOP_MS = 2500;

export async function timed(page: Page, run: () => Promise<void>): Promise<Timed> {
  await settle(page);
  await page.evaluate(startFrameRecorder);
  await run();
  const frames = (await page.evaluate(stopFrameRecorder)) as number[];
  await page.evaluate(startFrameRecorder);
  await sleep(AFTER_STOP_MS);
  const after = (await page.evaluate(stopFrameRecorder)) as number[];
  return { frames, afterStopMaxMs: after.length > 0 ? Math.max(...after) : NaN };
}

export function timedGesture(page: Page, x: number, y: number, dx: number, dy: number): Promise<Timed> {
  return timed(page, () => gesture(page, x, y, dx, dy));
}

/** Wheel steps at one point, about one frame apart: `rounds` times in by `steps` notches, then out again. */
export async function wheelZoom(page: Page, x: number, y: number, ctrl: boolean, steps = 12, rounds = 2): Promise<void> {
  await page.mouse.move(x, y);
  if (ctrl) await page.keyboard.down('Control');
  try {
    for (let r = 0; r < rounds; r++) {
      for (const dy of [-100, 100]) {
        for (let i = 0; i < steps; i++) {
          await page.mouse.wheel(0, dy);
          await sleep(16);
        }
      }
    }
  } finally {
    if (ctrl) await page.keyboard.up('Control');
  }
}

export function timedWheelZoom(page: Page, x: number, y: number, ctrl: boolean): Promise<Timed> {
  return timed(page, () => wheelZoom(page, x, y, ctrl));
}

function layerDiff(a: RendererStats, b: RendererStats): Record<string, number> {
  return Object.fromEntries(Object.entries(b.layerDraws).map(([name, n]) => [name, n - (a.layerDraws[name] ?? 0)]));
}

async function countedGesture(page: Page, run: () => Promise<void>): Promise<DrawCount> {
  await settle(page);
  await page.evaluate(startFrameRecorder);
  const before = (await page.evaluate(readStats)) as RendererStats;
  await run();
  const during = (await page.evaluate(readStats)) as RendererStats;
  const frames = ((await page.evaluate(stopFrameRecorder)) as number[]).length;
  await sleep(300);
  const after = (await page.evaluate(readStats)) as RendererStats;
  return {
    frames,
    notes: during.noteDraws - before.noteDraws,
    plainNotes: (during.plainNoteDraws ?? 0) - (before.plainNoteDraws ?? 0),
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
    const t = performance.now();
    if (opts.notes > 0) {
      await seedBoard(server.wsUrl, board.id, { session: seeder }, opts.notes, 120_000);
      log(`  ${opts.notes} notes written through a Node WebsocketProvider in ${ms(performance.now() - t, 0)}`);
    }
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
    const firstVisit = await waitRender(page, 300_000);
    log(`  first visit: ${opts.notes} note nodes at ${ms(firstVisit.nodesMs, 0)}, painted at ${ms(firstVisit.paintedMs, 0)}`);
    // Second visit: the app's IndexedDB copy of the board is there now, as for a returning user.
    await page.reload();
    const reload = await waitRender(page, 300_000);
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
      afterStop: {},
    };
    if (!targets) {
      skipped.push('gestures: no viewport in the local awareness state to aim with');
    } else {
      const c = targets.centre;
      // The mouse wheel zooms our board (ctrl not needed); the camera is back where it was after.
      const zoom = await timedWheelZoom(page, c.x, c.y, false);
      result.zoom = zoom.frames;
      result.afterStop.zoom = zoom.afterStopMaxMs;
      await sleep(400);
      if (targets.pan) {
        const p = targets.pan;
        const pan = await timedGesture(page, p.x, p.y, p.dx, p.dy);
        result.pan = pan.frames;
        result.afterStop.pan = pan.afterStopMaxMs;
        // Back again, so the note positions computed above still hold.
        await gesture(page, p.x + p.dx, p.y + p.dy, -p.dx, -p.dy, 10);
        await sleep(400);
      } else {
        skipped.push('pan: no empty spot on screen');
      }
      const d = targets.drag;
      if (d) {
        const drag = await timedGesture(page, d.x, d.y, d.dx, d.dy);
        result.drag = drag.frames;
        result.afterStop.drag = drag.afterStopMaxMs;
        await sleep(400);
        result.dragMoved = (await page.evaluate(
          `(() => { const m = window.__board.doc.getMap('notes').get(${JSON.stringify(d.id)}); return m.get('x') !== ${d.worldX} || m.get('y') !== ${d.worldY}; })()`,
        )) as boolean;
      }
      if (await page.evaluate(readStats)) {
        result.zoomDraws = await countedGesture(page, () => wheelZoom(page, c.x, c.y, false, 12, 1));
        await sleep(400);
        if (targets.pan) {
          const p = targets.pan;
          result.panDraws = await countedGesture(page, () => gesture(page, p.x, p.y, p.dx, p.dy, 20));
          await gesture(page, p.x + p.dx, p.y + p.dy, -p.dx, -p.dy, 10);
          await sleep(400);
        }
        // The dragged note now sits at its new place: drag it back.
        if (d) result.dragDraws = await countedGesture(page, () => gesture(page, d.x + d.dx, d.y + d.dy, -d.dx, -d.dy, 20));
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

/** p50 and p95 (nearest rank) of frame intervals; NaN when there are none. */
export function frameStats(deltas: number[] | undefined): { p50: number; p95: number } {
  if (!deltas || deltas.length === 0) return { p50: NaN, p95: NaN };
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return { p50: at(0.5), p95: at(0.95) };
}

function frameRow(name: string, deltas: number[] | undefined): string[] {
  if (!deltas || deltas.length === 0) return [name, '0', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'];
  const s = summarize(deltas);
  const { p95 } = frameStats(deltas);
  return [name, String(s.count), ms(s.p50, 1), ms(p95, 1), ms(s.max, 1), (1000 / s.mean).toFixed(0), String(deltas.filter((v) => v > 50).length)];
}

function drawLine(name: string, d: DrawCount | undefined): string {
  if (!d) return `${name}: n/a`;
  const perFrame = (v: number) => (d.frames ? (v / d.frames).toFixed(1) : 'n/a');
  const layers = Object.entries(d.layers)
    .map(([layer, n]) => `${layer} ${n}+${d.layersAfter[layer] ?? 0}`)
    .join(', ');
  return `${name}: ${d.frames} frames, ${perFrame(d.notes)} note groups and ${perFrame(d.plainNotes)} plain note rectangles drawn per frame (${d.notesAfter} note groups in the 300 ms after release); draws per layer (during + in the 300 ms after release): ${layers}`;
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
      ['navigation to full render', 'all note nodes', 'next frame painted', 'full detail shown'],
      [
        ['first visit (empty browser)', ms(r.firstVisit.nodesMs, 0), ms(r.firstVisit.paintedMs, 0), ms(r.firstVisit.fullDetailMs, 0)],
        ['reload (IndexedDB copy present)', ms(r.reload.nodesMs, 0), ms(r.reload.paintedMs, 0), ms(r.reload.fullDetailMs, 0)],
      ],
    ),
    '',
    table(
      ['frame times', 'frames', 'p50', 'p95', 'max', 'fps (mean)', '> 50 ms'],
      [frameRow('wheel-zooming (2 x 12 notches in and out)', r.zoom), frameRow('panning (drag on empty space)', r.pan), frameRow('dragging one note', r.drag)],
    ),
    `longest frame in the ${AFTER_STOP_MS / 1000} s after the gesture (full detail back): zoom ${ms(r.afterStop.zoom ?? NaN, 0)}, pan ${ms(r.afterStop.pan ?? NaN, 0)}, drag (the drop) ${ms(r.afterStop.drag ?? NaN, 0)}`,
    `the dragged note's position was written to the doc on drop: ${r.dragMoved === undefined ? 'n/a' : r.dragMoved ? 'yes' : 'NO'}`,
    '',
    "what the renderer draws (its stats(), read around a second pass of each gesture):",
    `  ${drawLine('wheel-zooming', r.zoomDraws)}`,
    `  ${drawLine('panning', r.panDraws)}`,
    `  ${drawLine('dragging one note', r.dragDraws)}`,
    `  ${notesLayerLine(r) ?? 'notes layer: n/a'}`,
    '',
    `JS heap used (after GC): ${r.heapAfterRenderMB.toFixed(1)} MB after render, ${r.heapAfterGesturesMB.toFixed(1)} MB after the gestures`,
    ...r.skipped.map((s) => `skipped: ${s}`),
  ].join('\n');
}
