// README screenshots: starts the real server on a free port with a throwaway data directory, fills a
// SWOT board in English and one in Dutch through the UI, and saves docs/screenshots/*.png (laptop, phone, projector).
// Run: npx tsx e2e/screenshots.ts   (not part of npm test; builds the client privately first)
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import type { Locale } from '../shared/src/protocol.ts';
import type { FrameId } from './support/board.ts';
import { browserLocale as browserLocaleOf, createBoard, join, repoRoot, runScreenshots } from './support/screenshotRun.ts';

const outDir = path.join(repoRoot, 'docs', 'screenshots');

const CONTENT: Record<Locale, { title: string; people: string[]; notes: Record<FrameId, string[]> }> = {
  en: {
    title: 'SWOT: key account team 2026',
    people: ['Anna', 'Ben'],
    notes: {
      'swot.strengths': ['Long relationships with top customers', 'Experienced account managers', 'Fast delivery'],
      'swot.weaknesses': ['CRM data incomplete', 'No structured lead follow-up'],
      'swot.opportunities': ['Customers want service contracts', 'New segment: mid-size logistics'],
      'swot.threats': ['Low-cost competitor entering', 'Two top customers consolidate suppliers'],
    },
  },
  nl: {
    title: 'SWOT: accountteam 2026',
    people: ['Eva', 'Daan'],
    notes: {
      'swot.strengths': ['Lange relaties met topklanten', 'Ervaren accountmanagers', 'Snelle levering'],
      'swot.weaknesses': ['CRM-gegevens onvolledig', 'Geen vaste opvolging van leads'],
      'swot.opportunities': ['Klanten vragen om servicecontracten', 'Nieuw segment: middelgrote logistiek'],
      'swot.threats': ['Goedkope concurrent komt op de markt', 'Twee topklanten bundelen leveranciers'],
    },
  },
};

async function fillBoard(page: Page, notes: Record<FrameId, string[]>): Promise<void> {
  await page.getByTestId('view-outline').click();
  for (const [frame, texts] of Object.entries(notes)) {
    for (const text of texts) {
      const ids = async () => page.getByTestId('outline-note').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.noteId ?? ''));
      const before = new Set(await ids());
      await page.locator(`[data-testid="outline-add"][data-frame="${frame}"]`).click();
      let id: string | undefined;
      for (let i = 0; i < 100 && !id; i++) {
        id = (await ids()).find((x) => x && !before.has(x));
        if (!id) await page.waitForTimeout(50);
      }
      if (!id) throw new Error(`no note appeared in ${frame}`);
      const area = page.locator(`[data-testid="outline-note"][data-note-id="${id}"] [data-testid="outline-note-text"]`);
      await area.fill(text);
      await area.blur();
    }
  }
  await page.getByTestId('view-canvas').click();
  await page.getByTestId('canvas').waitFor();
  await page.getByTestId('zoom-fit').click();
  await page.locator('[data-testid="save-status"][data-saved="true"]').waitFor({ timeout: 30_000 });
}

async function boardShot(browser: Browser, baseUrl: string, locale: Locale): Promise<void> {
  const content = CONTENT[locale];
  const board = await createBoard(baseUrl, { title: content.title, template: 'swot', language: locale });
  const browserLocale = browserLocaleOf(locale);
  const main = await browser.newContext({ locale: browserLocale, viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const other = await browser.newContext({ locale: browserLocale, viewport: { width: 1280, height: 800 } });
  try {
    const page = await main.newPage();
    await join(page, board.links.facilitator, content.people[0]);
    // A second person on the board, so the participant list and presence show.
    const second = await other.newPage();
    await join(second, board.links.participant, content.people[1]);
    await fillBoard(page, content.notes);
    const box = await second.getByTestId('canvas').boundingBox();
    if (box) await second.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.35, { steps: 5 });
    await page.waitForTimeout(500); // let the remote cursor arrive and the canvas settle for the picture
    await page.screenshot({ path: path.join(outDir, `board-${locale}.png`) });
    await deviceShots(browser, board.links.participant, content.people[1], browserLocale, locale);
  } finally {
    await main.close();
    await other.close();
  }
}

/** The same board as a participant sees it on a phone (touch) and on a projector, at their first view. */
async function deviceShots(browser: Browser, link: string, name: string, browserLocale: string, locale: Locale): Promise<void> {
  const devices = {
    phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    projector: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
  };
  for (const [device, options] of Object.entries(devices)) {
    const context = await browser.newContext({ locale: browserLocale, ...options });
    try {
      const page = await context.newPage();
      await join(page, link, name);
      await page.getByTestId('canvas').waitFor();
      await page.waitForTimeout(500); // the first view's fit and the fonts settle for the picture
      await page.screenshot({ path: path.join(outDir, `board-${locale}-${device}.png`) });
    } finally {
      await context.close();
    }
  }
}

async function homeShot(browser: Browser, baseUrl: string): Promise<void> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByTestId('create-title').fill('SWOT: key account team 2026');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('qr-participant').waitFor();
    await page.screenshot({ path: path.join(outDir, 'home.png'), fullPage: true });
  } finally {
    await context.close();
  }
}

runScreenshots({ outDir, tmpPrefix: 'board-screens-', freshBuild: true }, async (browser, baseUrl) => {
  await boardShot(browser, baseUrl, 'en');
  await boardShot(browser, baseUrl, 'nl');
  await homeShot(browser, baseUrl);
});
