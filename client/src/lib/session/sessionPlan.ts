// What the board page does first, decided from the address and what the browser remembers.
import type { StoredSession } from '../storage.ts';

/** Renew this long before expiry, so a session never lapses while the board is open. */
export const RENEW_BEFORE_MS = 2 * 60_000;

export type SessionPlan =
  | { kind: 'ask-name'; token: string }
  | { kind: 'renew'; stored: StoredSession }
  | { kind: 'use'; stored: StoredSession }
  | { kind: 'no-session' };

export function planSession(token: string | null, stored: StoredSession | undefined, now: number): SessionPlan {
  if (token) return { kind: 'ask-name', token };
  if (!stored) return { kind: 'no-session' };
  // A session stored before participant ids existed learns its id from the renewal.
  if (!stored.participantId) return { kind: 'renew', stored };
  return stored.expiresAt - now < RENEW_BEFORE_MS ? { kind: 'renew', stored } : { kind: 'use', stored };
}

/**
 * The name to join with at once, without the name form: only for the facilitator link of a board
 * this browser created, whose creator gave their name on the home page (issue 8). Anyone else
 * confirms who they are, as a shared computer may remember someone else's name.
 */
export function nameToJoinWith(token: string, createdLinks: Partial<Record<string, string>> | undefined, name: string): string | null {
  const facilitator = createdLinks?.facilitator;
  if (!facilitator || !name.trim()) return null;
  const hash = facilitator.includes('#') ? facilitator.slice(facilitator.indexOf('#')) : '';
  return tokenFromHash(hash) === token ? name.trim() : null;
}

/** Milliseconds until the renewal should run (never negative, never sooner than 5 s to avoid a loop). */
export function renewalDelay(expiresAt: number, now: number): number {
  return Math.max(5_000, expiresAt - now - RENEW_BEFORE_MS);
}

/** The join token from a location hash (`#<token>`), or null. */
export function tokenFromHash(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw).trim() || null;
  } catch {
    return raw.trim() || null;
  }
}
