import { describe, it, expect } from 'vitest';
import { planSession, tokenFromHash, renewalDelay, nameToJoinWith, RENEW_BEFORE_MS } from './sessionPlan.ts';
import type { StoredSession } from '../storage.ts';

const stored = (expiresAt: number): StoredSession => ({ session: 's', role: 'participant', name: 'Ann', participantId: 'p1', expiresAt });

describe('planSession', () => {
  it('asks for a name when the address carries a token, even with a stored session', () => {
    expect(planSession('tok', stored(1e12), 0)).toEqual({ kind: 'ask-name', token: 'tok' });
  });
  it('uses a stored session that is far from expiry', () => {
    expect(planSession(null, stored(10 * RENEW_BEFORE_MS), 0).kind).toBe('use');
  });
  it('renews a stored session close to or past expiry', () => {
    expect(planSession(null, stored(RENEW_BEFORE_MS - 1), 0).kind).toBe('renew');
    expect(planSession(null, stored(5), 100).kind).toBe('renew');
  });
  it('renews a stored session that does not know its participant id yet', () => {
    const { participantId: _none, ...old } = stored(10 * RENEW_BEFORE_MS);
    expect(planSession(null, old, 0).kind).toBe('renew');
  });
  it('has nothing to go on without token or session', () => {
    expect(planSession(null, undefined, 0).kind).toBe('no-session');
  });
});

describe('tokenFromHash', () => {
  it('reads the fragment and ignores an empty one', () => {
    expect(tokenFromHash('#abc-_1')).toBe('abc-_1');
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#a%20b')).toBe('a b');
  });
});

describe('renewalDelay', () => {
  it('schedules before expiry but never in a tight loop', () => {
    expect(renewalDelay(RENEW_BEFORE_MS + 60_000, 0)).toBe(60_000);
    expect(renewalDelay(0, 1000)).toBe(5_000);
  });
});

describe('nameToJoinWith', () => {
  const links = { facilitator: 'https://b.example/b/AAAAAAAAAAAAAAAA#fac-token', participant: 'https://b.example/b/AAAAAAAAAAAAAAAA#part-token' };
  it('joins the creator of the board with the name they gave on the home page', () => {
    expect(nameToJoinWith('fac-token', links, ' Fiona ')).toBe('Fiona');
  });
  it('asks everyone else: another link of the board, a board made elsewhere, or no name known', () => {
    expect(nameToJoinWith('part-token', links, 'Fiona')).toBeNull();
    expect(nameToJoinWith('fac-token', undefined, 'Fiona')).toBeNull();
    expect(nameToJoinWith('fac-token', links, '  ')).toBeNull();
  });
});
