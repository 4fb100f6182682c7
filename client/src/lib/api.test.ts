import { describe, it, expect } from 'vitest';
import { errorFromResponse } from './api.ts';

describe('errorFromResponse', () => {
  it('takes the error code and message from the JSON body', async () => {
    const e = await errorFromResponse(new Response(JSON.stringify({ error: 'unauthorized', message: 'bad token' }), { status: 401 }));
    expect(e.code).toBe('unauthorized');
    expect(e.message).toBe('bad token');
  });
  it('maps a body without a known code by HTTP status', async () => {
    expect((await errorFromResponse(new Response('<html>', { status: 404 }))).code).toBe('not_found');
    expect((await errorFromResponse(new Response('{"error":"weird"}', { status: 502 }))).code).toBe('internal');
    expect((await errorFromResponse(new Response('', { status: 429 }))).code).toBe('rate_limited');
  });
});
