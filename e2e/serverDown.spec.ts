// When the server cannot be reached, the badge says so and that changes are kept, instead of
// "Offline", which sent people to check their own Wi-Fi; the others are told who dropped out (issue 8).
import { test, expect } from '@playwright/test';
import { createBoard, onOrigin } from './support/api.ts';
import { CuttableProxy } from './support/CuttableProxy.ts';
import { joinBoard } from './support/board.ts';
import { en } from '../shared/src/i18n/en.ts';

test('a cut-off user is told the server is unreachable and changes are kept; the others that they left', async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: 'Outage SWOT' });
  const proxy = new CuttableProxy(Number(new URL(baseURL!).port));
  const proxyOrigin = await proxy.start();
  const awayContext = await browser.newContext();
  const hereContext = await browser.newContext();
  try {
    const away = await awayContext.newPage();
    const here = await hereContext.newPage();
    await joinBoard(here, board.links.facilitator, 'Fiona');
    await joinBoard(away, onOrigin(board.links.participant, proxyOrigin), 'Otto');
    await expect(here.getByTestId('participant').filter({ hasText: 'Otto' })).toHaveCount(1);

    // The device still has its network; only the server is out of reach.
    proxy.cut();
    const status = away.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-state', 'offline', { timeout: 45_000 });
    await expect(status).toHaveText(en['status.serverUnreachable']);
    await expect(here.getByTestId('toast').filter({ hasText: en['presence.left'].replace('{name}', 'Otto') })).toBeVisible();
    // Still listed (issue 10: everyone who was here), now as offline.
    await expect(here.getByTestId('participant').filter({ hasText: 'Otto' })).toHaveAttribute('data-online', 'false');

    // Without a network on the device, that is what it says.
    await awayContext.setOffline(true);
    await expect(status).toHaveText(en['status.noNetwork']);
  } finally {
    await Promise.all([awayContext.close(), hereContext.close()]);
    await proxy.stop();
  }
});
