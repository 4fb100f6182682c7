// tldraw and Excalidraw, measured like our board (browserBench.ts) in the same headless chromium: the
// same notes (bench/seedBoard.ts `benchNoteLayout`: one solid 160x120 rectangle with its text per
// note), the same viewport, the same wheel-zoom and pan gestures (their zoom is ctrl+wheel, their pan
// the hand tool), frame intervals from requestAnimationFrame. The pages live in bench/browser/peers/
// with their own package.json: the bench installs them there (npm install, once) and builds them with
// vite; the app's `npm install` and `npm test` never see them. A peer that cannot be installed,
// built or run is reported as such, never replaced by numbers from elsewhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { benchNoteLayout } from '../seedBoard.ts';
import { freePort, sleep, stopChild } from '../childProcess.ts';
import { gesture, heapMB, timedGesture, timedWheelZoom } from './browserBench.ts';

export type PeerName = 'tldraw' | 'excalidraw';
export const PEERS: readonly PeerName[] = ['tldraw', 'excalidraw'];

const PEERS_DIR = fileURLToPath(new URL('./peers', import.meta.url));
const VITE_CONFIG = join(PEERS_DIR, 'vite.config.mjs');
const VIEWPORT = { width: 1280, height: 800 };

export interface PeerResult {
  peer: PeerName;
  notes: number;
  /** Navigation start to the frame after all shapes were created and fitted into view. */
  loadMs: number;
  zoom?: number[];
  pan?: number[];
  /** Longest frame in the seconds after each gesture. */
  afterStop?: { zoom: number; pan: number };
  heapMB: number;
  /** Why this peer has no numbers at this size. */
  error?: string;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}

/** Installs the peers' packages once (npm registry), then builds both pages into a temporary directory. */
export async function buildPeers(log: (line: string) => void): Promise<string> {
  const installed = existsSync(join(PEERS_DIR, 'node_modules/tldraw/package.json')) && existsSync(join(PEERS_DIR, 'node_modules/@excalidraw/excalidraw/package.json'));
  if (!installed) {
    const t = performance.now();
    log('  installing the peers (tldraw, @excalidraw/excalidraw, react, react-dom) into bench/browser/peers/node_modules ...');
    await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], PEERS_DIR, 15 * 60_000);
    log(`  installed in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const outDir = join(mkdtempSync(join(tmpdir(), 'wb-bench-peers-')), 'peers');
  const t = performance.now();
  await run('npx', ['vite', 'build', '--config', VITE_CONFIG, '--outDir', outDir, '--logLevel', 'error'], PEERS_DIR, 10 * 60_000);
  log(`  built the peer pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return outDir;
}

/** `vite preview` of the built peer pages, as its own child process. */
export class PeerServer {
  private child: ChildProcess | undefined;
  origin = '';

  constructor(private readonly dir: string) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.origin = `http://127.0.0.1:${port}`;
    this.child = spawn('npx', ['vite', 'preview', '--config', VITE_CONFIG, '--outDir', this.dir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
      cwd: PEERS_DIR,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.origin}/tldraw.html`)).ok) return;
      } catch {
        // not listening yet
      }
      if (this.child.exitCode !== null) break;
      await sleep(200);
    }
    throw new Error('vite preview of the peer pages did not start');
  }

  async stop(): Promise<void> {
    if (this.child) await stopChild(this.child);
    rmSync(join(this.dir, '..'), { recursive: true, force: true });
  }
}

export async function runPeer(server: PeerServer, peer: PeerName, notes: number, chromiumPath: string, log: (line: string) => void): Promise<PeerResult> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const result: PeerResult = { peer, notes, loadMs: NaN, heapMB: NaN };
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript({ content: `window.__benchNotes = ${JSON.stringify(benchNoteLayout(notes))};` });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${server.origin}/${peer}.html`);
    try {
      await page.waitForFunction('window.__peer && window.__peer.ready !== null', undefined, { timeout: 300_000, polling: 100 });
    } catch {
      result.error = `did not render ${notes} shapes within 300 s${errors.length ? ` (page error: ${errors[0]})` : ''}`;
      return result;
    }
    result.loadMs = (await page.evaluate('window.__peer.ready')) as number;
    const shapes = (await page.evaluate('window.__peer.shapes()')) as number;
    log(`  ${peer}: ${shapes} of ${notes} shapes on the page, rendered at ${(result.loadMs / 1000).toFixed(1)} s`);
    if (shapes < notes) result.error = `only ${shapes} of ${notes} shapes on the page`;
    await sleep(1000);
    result.heapMB = await heapMB(cdp);
    const cx = VIEWPORT.width / 2;
    const cy = VIEWPORT.height / 2;
    // Their mouse wheel pans; ctrl+wheel (what a trackpad pinch sends) zooms.
    const zoom = await timedWheelZoom(page, cx, cy, true);
    await page.evaluate('window.__peer.panTool()');
    const pan = await timedGesture(page, cx - 150, cy - 75, 300, 150);
    result.zoom = zoom.frames;
    result.pan = pan.frames;
    result.afterStop = { zoom: zoom.afterStopMaxMs, pan: pan.afterStopMaxMs };
    await gesture(page, cx + 150, cy + 75, -300, -150, 10);
    if (errors.length > 0) log(`  ${peer}: page error during the run: ${errors[0]}`);
    await context.close();
    return result;
  } finally {
    await browser.close();
  }
}
