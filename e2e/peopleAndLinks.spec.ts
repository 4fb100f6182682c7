// People and links (issue 10) in real browsers: a facilitator withdraws the participant link and
// the participant's page says so at once; a second facilitator device (its own browser, its own
// facilitator session) shows the current links and the QR code, also full screen.
// With SHOTS_DIR set, the last test saves screenshots of the invite panel full screen at projector
// size and of the participant panel (raised hands and their lower buttons) at phone and laptop size,
// in English and Dutch.
import path from 'node:path';
import { test, expect, type Browser, type Page } from '@playwright/test';
import type { Locale } from '../shared/src/protocol.ts';
import { createBoard } from './support/api.ts';
import { addNoteInOutline, joinBoard, readNotes, showOutline } from './support/board.ts';
import { joinFromNode } from './support/nodeUsers.ts';
import { seriousViolations } from './support/axe.ts';
import type { BoardConnection } from '../client/src/lib/sync/BoardConnection.ts';

async function openInvite(page: Page): Promise<void> {
  await page.getByTestId('invite').click();
  await expect(page.getByTestId('invite-dialog')).toHaveAttribute('data-state', 'live');
}

test('the facilitator withdraws the participant link: the participant’s page says so at once', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Withdrawn link' });
  const facCtx = await browser.newContext();
  const parCtx = await browser.newContext();
  try {
    const fac = await facCtx.newPage();
    const par = await parCtx.newPage();
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(par, board.links.participant, 'Pieter');

    await openInvite(fac);
    fac.once('dialog', (d) => void d.accept());
    await fac.getByTestId('revoke-participant').click();
    await expect(fac.locator('[data-testid="invite-link"][data-role="participant"]').getByTestId('invite-link-missing')).toBeVisible();

    const error = par.getByTestId('join-error');
    await expect(error).toHaveAttribute('data-error', 'link_revoked');
    await expect(error).toContainText('The facilitator has withdrawn the link you joined with');
    // Reloading does not bring the board back: the session is gone for good.
    await par.reload();
    await expect(par.getByTestId('join-error')).toBeVisible();
    await expect(par.getByTestId('board')).toHaveCount(0);
  } finally {
    await facCtx.close();
    await parCtx.close();
  }
});

test('the facilitator removes a participant: their page says so, the list shows them removed, and their hand went down with them', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Removed' });
  const facCtx = await browser.newContext();
  const parCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    const fac = await facCtx.newPage();
    const par = await parCtx.newPage();
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(par, board.links.participant, 'Pieter');
    // Pieter raises his hand on his phone; the facilitator sees it.
    await par.getByTestId('participants-toggle').click();
    await par.getByTestId('raise-hand').click();
    await expect(par.getByTestId('raise-hand')).toHaveAttribute('aria-pressed', 'true');
    await fac.getByTestId('participants-toggle').click();
    const pieter = fac.locator('[data-testid="participant"]').filter({ hasText: 'Pieter' });
    await expect(pieter).toHaveAttribute('data-hand', 'true');
    await expect(fac.getByTestId('hands-count')).toContainText('1');
    expect(await seriousViolations(fac)).toEqual([]);

    fac.once('dialog', (d) => void d.accept());
    await pieter.getByTestId('remove-participant').click();
    await expect(par.getByTestId('join-error')).toHaveAttribute('data-error', 'removed');
    await expect(par.getByTestId('join-error')).toContainText('The facilitator has removed you from this board.');
    await expect(pieter).toHaveAttribute('data-removed', 'true');
    await expect(pieter).toHaveAttribute('data-hand', 'false');
    await expect(pieter.getByTestId('remove-participant')).toHaveCount(0);
    await expect(fac.getByTestId('hands-count')).toHaveCount(0);
  } finally {
    await facCtx.close();
    await parCtx.close();
  }
});

test('the facilitator lowers one raised hand, then all: each participant’s own page lowers it and says so', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Hands' });
  const facCtx = await browser.newContext();
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const annCtx = await browser.newContext();
  try {
    const fac = await facCtx.newPage();
    const pieter = await phoneCtx.newPage();
    const ann = await annCtx.newPage();
    await joinBoard(fac, board.links.facilitator, 'Fiona');
    await joinBoard(pieter, board.links.participant, 'Pieter');
    await joinBoard(ann, board.links.participant, 'Ann');
    for (const p of [pieter, ann]) {
      await p.getByTestId('participants-toggle').click();
      await p.getByTestId('raise-hand').click();
      await expect(p.getByTestId('raise-hand')).toHaveAttribute('aria-pressed', 'true');
      // Participants see others' hands but cannot lower them.
      await expect(p.getByTestId('lower-hand')).toHaveCount(0);
      await expect(p.getByTestId('lower-all-hands')).toHaveCount(0);
    }
    await fac.getByTestId('participants-toggle').click();
    const row = (name: string) => fac.locator('[data-testid="participant"]').filter({ hasText: name });
    await expect(fac.getByTestId('hands-count')).toContainText('2');

    await row('Pieter').getByTestId('lower-hand').click();
    await expect(pieter.getByTestId('raise-hand')).toHaveAttribute('aria-pressed', 'false');
    await expect(pieter.getByTestId('toast')).toContainText('Facilitator Fiona lowered your hand.');
    await expect(row('Pieter')).toHaveAttribute('data-hand', 'false');
    await expect(row('Pieter').getByTestId('lower-hand')).toHaveCount(0);
    await expect(row('Ann')).toHaveAttribute('data-hand', 'true');
    await expect(ann.getByTestId('raise-hand')).toHaveAttribute('aria-pressed', 'true');
    expect(await seriousViolations(fac)).toEqual([]);

    // Pieter raises it again; "lower all hands" takes both down.
    await pieter.getByTestId('raise-hand').click();
    await expect(row('Pieter')).toHaveAttribute('data-hand', 'true');
    await fac.getByTestId('lower-all-hands').click();
    await expect(ann.getByTestId('raise-hand')).toHaveAttribute('aria-pressed', 'false');
    await expect(ann.getByTestId('toast')).toContainText('Facilitator Fiona lowered your hand.');
    await expect(pieter.getByTestId('raise-hand')).toHaveAttribute('aria-pressed', 'false');
    await expect(fac.getByTestId('hands-count')).toHaveCount(0);
    await expect(fac.getByTestId('lower-all-hands')).toHaveCount(0);
  } finally {
    await facCtx.close();
    await phoneCtx.close();
    await annCtx.close();
  }
});

test('a second facilitator device shows the current links and the QR code, also full screen', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Second device' });
  const laptop = await browser.newContext();
  const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const first = await laptop.newPage();
    await joinBoard(first, board.links.facilitator, 'Fiona');
    // The first device makes a new participant link: the second must show that one, not the old.
    await openInvite(first);
    first.once('dialog', (d) => void d.accept());
    await first.getByTestId('rotate-participant').click();
    const rotated = first.getByTestId('link-participant');
    await expect(rotated).not.toHaveValue(new RegExp(board.links.participant.split('#')[1]));
    const current = new URL(await rotated.inputValue()).hash.slice(1);

    // The second device never saw the board created: it opens the facilitator link (its own session).
    const second = await projector.newPage();
    await joinBoard(second, board.links.facilitator, 'Fiona (beamer)');
    await openInvite(second);
    await expect(second.getByTestId('link-participant')).toHaveValue(new RegExp(`#${current}$`));
    await expect(second.getByTestId('link-viewer')).toHaveValue(new RegExp(`#${board.links.viewer.split('#')[1]}$`));
    await expect(second.getByTestId('invite-qr')).toHaveAttribute('data-url', new RegExp(`#${current}$`));
    await second.getByTestId('settings-participant').click();
    expect(await seriousViolations(second)).toEqual([]);

    await second.getByTestId('invite-projector').click();
    const qr = second.getByTestId('projector-qr');
    await expect(qr).toHaveAttribute('data-url', new RegExp(`#${current}$`));
    // Big enough to scan from the back of the room: more than half the screen's height.
    const box = await qr.boundingBox();
    expect(box!.height).toBeGreaterThan(540);
    await second.getByTestId('projector-close').click();
    await expect(second.getByTestId('projector')).toBeHidden();
  } finally {
    await laptop.close();
    await projector.close();
  }
});

test('a link with a password asks for it before the name; an expired link says so (a Dutch browser)', async ({ browser, request }) => {
  const board = await createBoard(request, { title: 'Beveiligd bord', language: 'nl' });
  const join = await request.post(`/api/boards/${board.id}/sessions`, { data: { token: board.links.facilitator.split('#')[1], name: 'Fiona' } });
  const { session } = await join.json();
  const patch = (role: string, data: unknown) => request.patch(`/api/boards/${board.id}/links/${role}`, { data, headers: { authorization: `Bearer ${session}` } });
  expect((await patch('participant', { password: 'tulp-2027' })).status()).toBe(200);
  const soon = Date.now() + 500;
  expect((await patch('viewer', { expiresAt: soon })).status()).toBe(200);

  // Before the password is right the page knows nothing of the board (not its title, not its
  // language): it speaks the browser's language.
  const context = await browser.newContext({ locale: 'nl-NL' });
  try {
    const page = await context.newPage();
    await page.goto(board.links.participant);
    await expect(page.getByTestId('join-password-form')).toBeVisible();
    await expect(page.getByTestId('join-name')).toHaveCount(0);
    await page.getByTestId('join-password').fill('tulp-2026');
    await page.getByTestId('join-password-submit').click();
    await expect(page.getByTestId('join-password-error')).toHaveText('Dat wachtwoord klopt niet. Vraag het na bij de facilitator.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('join-password').fill('tulp-2027');
    await page.getByTestId('join-password-submit').click();
    await page.getByTestId('join-name').fill('Pieter');
    await page.getByTestId('join-submit').click();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');

    await expect.poll(() => Date.now()).toBeGreaterThan(soon);
    const late = await context.newPage();
    await late.goto(board.links.viewer);
    await expect(late.getByTestId('join-error')).toHaveAttribute('data-error', 'link_expired');
    await expect(late.getByTestId('join-error')).toContainText('Deze link is verlopen');
  } finally {
    await context.close();
  }
});

test('a facilitator’s boards: one opened here through the facilitator link is listed and duplicates into the next workshop', async ({ browser, request }) => {
  // Created elsewhere (another device): this browser only ever opened its facilitator link.
  const board = await createBoard(request, { title: 'Workshop March' });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await joinBoard(page, board.links.facilitator, 'Fiona');
    await showOutline(page);
    await addNoteInOutline(page, 'swot.strengths', 'Loyal customers');
    await expect.poll(async () => (await readNotes(page)).map((n) => n.text)).toEqual(['Loyal customers']);
    // Stored on the server before this page is left.
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-saved', 'true');

    await page.goto('/');
    const listed = page.locator('[data-testid="my-board"]').filter({ hasText: 'Workshop March' });
    await expect(listed).toContainText('opened here as facilitator');
    await listed.getByTestId('duplicate-board').click();
    const title = page.getByTestId('duplicate-title');
    await expect(title).toHaveValue('Workshop March (copy)');
    await title.fill('Workshop April');
    await page.getByTestId('duplicate-submit').click();
    await expect(page.getByTestId('created-board')).toContainText('Workshop April');
    await expect(page.locator('[data-testid="my-board"]').filter({ hasText: 'Workshop April' })).toBeVisible();

    await page.getByTestId('open-board').click();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    await expect(page.locator('h1')).toHaveText('Workshop April');
    await expect.poll(async () => (await readNotes(page)).map((n) => n.text)).toEqual(['Loyal customers']);
    // Nobody from the March workshop is on the April board: only the facilitator who just opened it.
    await page.getByTestId('participants-toggle').click();
    await expect(page.getByTestId('participant')).toHaveCount(1);
  } finally {
    await context.close();
  }
});

test('screenshots: invite panel full screen on a projector, participant panel on a phone', async ({ browser, request }) => {
  const dir = process.env.SHOTS_DIR;
  test.skip(!dir, 'set SHOTS_DIR to save screenshots');
  for (const locale of ['en', 'nl'] as Locale[]) await shoot(browser, request, locale, dir!);
});

async function shoot(browser: Browser, request: Parameters<typeof createBoard>[0], locale: Locale, dir: string): Promise<void> {
  const title = locale === 'nl' ? 'Strategiesessie accountteam' : 'Key account strategy session';
  const board = await createBoard(request, { title, language: locale });
  const names = ['Anna de Vries', 'Ben Okafor', 'Chris Jansen', 'Daan Smit', 'Eva Bakker', 'Femke Visser', 'Gijs Mulder', 'Hans de Boer'];
  const others: BoardConnection[] = [];
  const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale });
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale });
  try {
    for (const name of names) others.push(await joinFromNode(request, board.links.participant, name));
    // Two raised hands, one person who left.
    others[2].awareness.setLocalStateField('hand', Date.now() - 5000);
    others[5].awareness.setLocalStateField('hand', Date.now());
    others.pop()!.destroy();

    const big = await projector.newPage();
    await joinBoard(big, board.links.facilitator, 'Fiona');
    await openInvite(big);
    await big.screenshot({ path: path.join(dir, `invite-panel-1920-${locale}.png`) });
    await big.getByTestId('invite-projector').click();
    await expect(big.getByTestId('projector-qr')).toBeVisible();
    await big.screenshot({ path: path.join(dir, `invite-fullscreen-1920-${locale}.png`) });

    const small = await phone.newPage();
    await joinBoard(small, board.links.facilitator, 'Fiona');
    await small.getByTestId('participants-toggle').click();
    // The eight (one offline now), Fiona at the projector and Fiona on the phone: once each.
    await expect(small.getByTestId('participant')).toHaveCount(names.length + 2);
    await expect(small.locator('[data-testid="participant"][data-hand="true"]')).toHaveCount(2);
    await expect(small.getByTestId('lower-hand')).toHaveCount(2);
    await small.screenshot({ path: path.join(dir, `participants-390-${locale}.png`) });
    await small.keyboard.press('Escape');
    // On a phone the invite button is in the header menu.
    await small.getByTestId('header-menu').click();
    await small.getByTestId('invite').click();
    await expect(small.getByTestId('invite-dialog')).toHaveAttribute('data-state', 'live');
    await small.getByTestId('settings-participant').click();
    await small.screenshot({ path: path.join(dir, `invite-390-${locale}.png`), fullPage: true });

    // The participant panel with the raised hands and their lower buttons on a laptop.
    await big.setViewportSize({ width: 1366, height: 768 });
    await big.getByTestId('projector-close').click();
    await big.keyboard.press('Escape');
    await big.getByTestId('participants-toggle').click();
    await expect(big.getByTestId('lower-all-hands')).toBeVisible();
    await big.screenshot({ path: path.join(dir, `participants-1366-${locale}.png`) });

    // Your boards on the home page, with the duplicate dialog, on a laptop.
    await big.goto('/');
    await big.getByTestId('duplicate-board').first().click();
    await expect(big.getByTestId('duplicate-dialog')).toBeVisible();
    await big.screenshot({ path: path.join(dir, `duplicate-1366-${locale}.png`) });
  } finally {
    for (const c of others) c.destroy();
    await projector.close();
    await phone.close();
  }
}
