// Screenshots of the strategy models (issue 9) for a look before a change lands: every model at
// laptop size in English and Dutch, empty (prompts) and with notes in two regions, and two models on
// a phone and a projector. Starts the real server on a free port with a throwaway data directory.
// Run: npx tsx e2e/modelScreenshots.ts [outDir]   (default /tmp/models-shots; not part of npm test)
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import type { Locale } from '../shared/src/protocol.ts';
import { canvasKind } from '../shared/src/canvases/registry.ts';
import { contextOptions, createBoard, join, runScreenshots } from './support/screenshotRun.ts';

const outDir = process.argv[2] ?? '/tmp/models-shots';
const MODELS = ['mission', 'valueDisciplines', 'porterGeneric', 'destep', 'fiveForces', 'ansoff', 'bcg'];
const NOTES: Record<Locale, [string, string]> = { en: ['Older customers buy online', 'Prices rise faster than wages'], nl: ['Oudere klanten kopen online', 'Prijzen stijgen sneller dan lonen'] };

async function addModel(page: Page, kind: string): Promise<string> {
  await page.getByTestId('manage-canvases').click();
  const dialog = page.getByTestId('canvas-dialog');
  await dialog.getByTestId('canvas-add-kind').selectOption(kind);
  await dialog.getByTestId('canvas-add-submit').click();
  await page.getByTestId('canvas-dialog-close').click();
  await page.locator(`[data-testid="canvas-area"][data-kind="${kind}"]`).waitFor();
  return (await page.getByTestId('canvas-area').getAttribute('data-canvas-id')) ?? '';
}

/** Two notes by keyboard, in the second and the last region, so prompts show only where empty. */
async function addNotes(page: Page, kind: string, texts: readonly string[]): Promise<void> {
  const n = canvasKind(kind)!.layout.frames.length;
  for (const [key, text] of [['2', texts[0]], [String(Math.min(n, 9)), texts[1]]] as const) {
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await page.keyboard.press(key);
    await page.keyboard.type(text);
    await page.keyboard.press('Escape');
  }
}

async function shots(browser: Browser, baseUrl: string, locale: Locale): Promise<void> {
  const board = await createBoard(baseUrl, { title: locale === 'nl' ? 'Strategiesessie' : 'Strategy session', template: 'swot', language: locale });
  const context = await browser.newContext(contextOptions(locale, 'laptop'));
  try {
    const page = await context.newPage();
    await join(page, board.links.facilitator, 'Fiona');
    const ids: Record<string, string> = {};
    for (const kind of MODELS) {
      ids[kind] = await addModel(page, kind);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(outDir, `${kind}-${locale}-laptop-empty.png`) });
      await addNotes(page, kind, NOTES[locale]);
      await page.getByTestId('zoom-fit').click();
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(outDir, `${kind}-${locale}-laptop.png`) });
    }
    await page.getByTestId('view-outline').click();
    await page.locator(`[data-testid="outline-canvas"][data-canvas-id="${ids.destep}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, `destep-${locale}-outline.png`) });
    for (const size of ['phone', 'projector'] as const) {
      for (const kind of ['destep', 'bcg']) {
        const other = await browser.newContext(contextOptions(locale, size));
        const p = await other.newPage();
        await join(p, board.links.participant + '', 'Pieter');
        await p.goto(board.links.participant.replace(/#.*/, `?canvas=${ids[kind]}`));
        await p.locator(`[data-testid="canvas-area"][data-kind="${kind}"]`).waitFor();
        await p.waitForTimeout(600);
        await p.screenshot({ path: path.join(outDir, `${kind}-${locale}-${size}.png`) });
        // One region filling the view, as the jump bar shows it; then the whole board.
        await p.getByTestId('jump-frame').first().click();
        await p.waitForTimeout(600);
        await p.screenshot({ path: path.join(outDir, `${kind}-${locale}-${size}-region.png`) });
        await p.getByTestId('jump-fit').click();
        await p.waitForTimeout(600);
        await p.screenshot({ path: path.join(outDir, `${kind}-${locale}-${size}-whole.png`) });
        await other.close();
      }
    }
  } finally {
    await context.close();
  }
}

runScreenshots({ outDir, tmpPrefix: 'model-screens-' }, async (browser, baseUrl) => {
  for (const locale of ['en', 'nl'] as const) await shots(browser, baseUrl, locale);
});
