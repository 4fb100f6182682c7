// Board setup through the REST API (docs/api.md): quicker than the home page for tests that are
// about something else. The home-page test creates its board through the UI.
import { expect, type APIRequestContext } from '@playwright/test';
import type { CreateBoardResponse, Locale, TemplateId } from '../../shared/src/protocol.ts';

export async function createBoard(
  request: APIRequestContext,
  options: { title?: string; language?: Locale; template?: TemplateId } = {},
): Promise<CreateBoardResponse> {
  const res = await request.post('/api/boards', {
    data: { title: options.title ?? 'E2E board', template: options.template ?? 'swot', language: options.language ?? 'en' },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as CreateBoardResponse;
  for (const role of ['facilitator', 'participant', 'viewer'] as const) {
    expect(body.links[role]).toMatch(/\/b\/[A-Za-z0-9_-]{16}#.+/);
  }
  return body;
}

/** The same link on another origin (a proxy in front of the server); the token stays in the fragment. */
export function onOrigin(link: string, origin: string): string {
  const u = new URL(link);
  return origin + u.pathname + u.search + u.hash;
}
