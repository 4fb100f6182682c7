import { afterEach, describe, expect, it } from 'vitest';
import { SessionExpiryTimer } from './SessionExpiryTimer.ts';
import { waitFor } from '../testing/testServer.ts';

const timers: SessionExpiryTimer[] = [];
afterEach(() => {
  for (const t of timers.splice(0)) t.stop();
});

function watch(expiresAt: number, lookup: () => Promise<number | undefined>) {
  const events: string[] = [];
  const timer = new SessionExpiryTimer({
    sessionHash: 'h',
    expiresAt,
    lookup: async () => {
      events.push('lookup');
      return lookup();
    },
    onExpired: () => events.push('expired'),
    onError: () => events.push('error'),
  });
  timers.push(timer);
  return events;
}

describe('SessionExpiryTimer', () => {
  it('does not fire early for an expiry beyond the 24.8-day limit of setTimeout', async () => {
    const events = watch(Date.now() + 400 * 24 * 3600 * 1000, async () => undefined);
    // A check that would have come at once (an overflowing delay becomes 1 ms) has had time to run.
    const marker = watch(Date.now(), async () => undefined);
    await waitFor(() => marker.includes('expired'), 'the immediate timer fired');
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual([]);
  });

  it('re-reads the session at expiry and waits again when it was renewed', async () => {
    let expiry: number | undefined = Date.now() + 50;
    const events = watch(Date.now(), async () => {
      const e = expiry;
      expiry = undefined; // the second look finds it expired
      return e;
    });
    await waitFor(() => events.includes('expired'), 'expired after the renewed expiry');
    expect(events).toEqual(['lookup', 'lookup', 'expired']);
  });

  it('does nothing after stop', async () => {
    const events = watch(Date.now(), async () => undefined);
    timers[timers.length - 1].stop();
    const marker = watch(Date.now(), async () => undefined);
    await waitFor(() => marker.includes('expired'), 'a later timer fired');
    expect(events).toEqual([]);
  });
});
