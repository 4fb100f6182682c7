import { describe, it, expect } from 'vitest';
import { connectionMessage, deriveConnectionState, deriveSaveState, OFFLINE_AFTER_FAILURES, type ConnectionFacts } from './connectionState.ts';

const base: ConnectionFacts = { status: 'connecting', synced: false, online: true, everConnected: false, failedAttempts: 0, stopped: false };

describe('deriveConnectionState', () => {
  it('says connecting before the first socket opened', () => {
    expect(deriveConnectionState(base)).toBe('connecting');
  });
  it('says live only once connected and synced', () => {
    expect(deriveConnectionState({ ...base, status: 'connected' })).toBe('connecting');
    expect(deriveConnectionState({ ...base, status: 'connected', everConnected: true })).toBe('reconnecting');
    expect(deriveConnectionState({ ...base, status: 'connected', synced: true, everConnected: true })).toBe('live');
  });
  it('says reconnecting after a live socket dropped', () => {
    expect(deriveConnectionState({ ...base, status: 'disconnected', everConnected: true, failedAttempts: 1 })).toBe('reconnecting');
  });
  it('says offline when the browser is offline, whatever the socket says', () => {
    expect(deriveConnectionState({ ...base, status: 'connected', synced: true, online: false })).toBe('offline');
  });
  it('says offline when the server stays unreachable or refused for good', () => {
    expect(deriveConnectionState({ ...base, failedAttempts: OFFLINE_AFTER_FAILURES })).toBe('offline');
    expect(deriveConnectionState({ ...base, stopped: true })).toBe('offline');
  });
});

describe('deriveSaveState', () => {
  it('reports saved only when nothing is pending', () => {
    expect(deriveSaveState(true, 'offline')).toBe('saved');
    expect(deriveSaveState(false, 'live')).toBe('saving');
    expect(deriveSaveState(false, 'reconnecting')).toBe('offline');
  });
});

describe('connectionMessage', () => {
  it('calls a down server unreachable, not this device offline', () => {
    const state = deriveConnectionState({ ...base, everConnected: true, failedAttempts: OFFLINE_AFTER_FAILURES });
    expect(connectionMessage(state, true)).toBe('status.serverUnreachable');
  });
  it('tells a device without a network that it is offline', () => {
    expect(connectionMessage(deriveConnectionState({ ...base, online: false }), false)).toBe('status.noNetwork');
  });
  it('names the other states as they are', () => {
    expect(connectionMessage('live', true)).toBe('status.live');
    expect(connectionMessage('reconnecting', true)).toBe('status.reconnecting');
  });
});
