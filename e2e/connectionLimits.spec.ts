// A browser the server refuses for its connection count says why, in the user's language, and gets
// in by itself once there is room (issue 6, item 6; close codes in docs/api.md).
import { test, expect } from '@playwright/test';
import { WebSocket } from 'ws';
import { createBoard } from './support/api.ts';
import { expectLive, joinBoard } from './support/board.ts';
import { nl } from '../shared/src/i18n/nl.ts';

test('a tab over its session\'s connection cap shows the translated reason and connects once other tabs close', async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: 'Te veel tabbladen', language: 'nl' });
  const context = await browser.newContext({ locale: 'nl-NL' });
  const others: WebSocket[] = [];
  try {
    const first = await context.newPage();
    await joinBoard(first, board.links.participant, 'Pieter');
    const stored = await first.evaluate((id) => localStorage.getItem(`sb.session.${id}`), board.id);
    const { session } = JSON.parse(stored!) as { session: string };

    // 15 more connections of this session (other tabs, as far as the server can tell): 16 in all.
    const url = `${baseURL!.replace(/^http/, 'ws')}/yjs/${board.id}?session=${encodeURIComponent(session)}`;
    for (let i = 0; i < 15; i++) others.push(new WebSocket(url));
    await Promise.all(others.map((ws) => new Promise((resolve, reject) => {
      ws.once('message', resolve);
      ws.once('close', (code) => reject(new Error(`connection ${others.indexOf(ws)} closed with ${code}`)));
    })));

    const second = await context.newPage();
    await second.goto(`/b/${board.id}`);
    await expect(second.getByTestId('toast')).toContainText(nl['error.session_connections']);

    for (const ws of others) ws.close();
    await expectLive(second);
    await expect(second.getByTestId('toast')).toHaveCount(0);
  } finally {
    for (const ws of others) ws.terminate();
    await context.close();
  }
});
