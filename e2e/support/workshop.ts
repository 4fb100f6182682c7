// A Playwright fixture for the most common scene: a facilitator (Fiona) and a participant (Pieter)
// on one new board, each in their own browser context (tabs of one context would sync over
// BroadcastChannel and bypass the server). Contexts are closed after the test, pass or fail.
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { createBoard } from './api.ts';
import { joinBoard } from './board.ts';

export interface Workshop {
  board: Awaited<ReturnType<typeof createBoard>>;
  fac: Page;
  par: Page;
}

export const test = base.extend<{ workshop: (title: string) => Promise<Workshop> }>({
  workshop: async ({ browser, request }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (title) => {
      const board = await createBoard(request, { title });
      const [facContext, parContext] = [await browser.newContext(), await browser.newContext()];
      contexts.push(facContext, parContext);
      const fac = await facContext.newPage();
      const par = await parContext.newPage();
      await joinBoard(fac, board.links.facilitator, 'Fiona');
      await joinBoard(par, board.links.participant, 'Pieter');
      return { board, fac, par };
    });
    for (const c of contexts) await c.close();
  },
});

export { expect } from '@playwright/test';
