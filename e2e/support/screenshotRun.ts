// What the screenshot scripts (e2e/screenshots.ts, modelScreenshots.ts, planScreenshots.ts) share:
// the sizes we look at, a board made over the API, joining it in a page, and the run itself, against
// the real server on a free port with a throwaway data directory and a client build.
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from './chromium.ts';
import { freePort } from '../../server/src/testing/freePort.ts';
import { ServerProcess } from './ServerProcess.ts';
import type { CreateBoardResponse, Locale } from '../../shared/src/protocol.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const SIZES = { laptop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 }, projector: { width: 1920, height: 1080 } } as const;
export type Size = keyof typeof SIZES;

/** A browser context in the user's language at one of SIZES (a phone has touch). */
export function contextOptions(locale: Locale, size: Size): BrowserContextOptions {
  return { locale: browserLocale(locale), viewport: SIZES[size], hasTouch: size === 'phone', isMobile: size === 'phone' };
}

export function browserLocale(locale: Locale): string {
  return locale === 'nl' ? 'nl-NL' : 'en-US';
}

export async function createBoard(baseUrl: string, options: { title: string; template: string; language: Locale }): Promise<CreateBoardResponse> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateBoardResponse;
}

/** Opens a join link, enters the display name when asked, and waits until the board is live. */
export async function join(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  const nameInput = page.getByTestId('join-name');
  await nameInput.or(page.getByTestId('connection-status')).first().waitFor();
  if (await nameInput.isVisible()) {
    await nameInput.fill(name);
    await page.getByTestId('join-submit').click();
  }
  await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 30_000 });
}

/**
 * Builds the client (unless E2E_CLIENT_DIR names a build and `freshBuild` is off), starts the server,
 * runs `shoot` in a browser, cleans up, and exits 1 on failure. A fresh build is private: pictures of
 * a stale dist/ would mislead, and dist/ may be rebuilt meanwhile.
 */
export function runScreenshots(options: { outDir: string; tmpPrefix: string; freshBuild?: boolean }, shoot: (browser: Browser, baseUrl: string) => Promise<void>): void {
  const run = async () => {
    mkdirSync(options.outDir, { recursive: true });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), options.tmpPrefix));
    const given = options.freshBuild ? undefined : process.env.E2E_CLIENT_DIR;
    const clientDir = given ?? path.join(dataDir, 'client');
    if (!given) {
      const build = spawnSync('npx', ['vite', 'build', '--outDir', clientDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
      if (build.status !== 0) throw new Error('vite build failed');
    }
    const server = new ServerProcess(await freePort(), path.join(dataDir, 'data'), clientDir);
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      await server.start();
      await shoot(browser, server.url);
      const shown = options.outDir.startsWith(repoRoot) ? path.relative(repoRoot, options.outDir) : options.outDir;
      console.log(`screenshots written to ${shown}/`);
    } finally {
      await browser.close();
      await server.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
