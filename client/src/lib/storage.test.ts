import { describe, it, expect } from 'vitest';
import { BrowserMemory } from './storage.ts';

/** Minimal in-memory Web Storage (Node has no localStorage). */
class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() { return this.m.size; }
  clear() { this.m.clear(); }
  getItem(k: string) { return this.m.get(k) ?? null; }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
  removeItem(k: string) { this.m.delete(k); }
  setItem(k: string, v: string) { this.m.set(k, String(v)); }
}

describe('BrowserMemory', () => {
  it('lists remembered boards newest first without duplicates', () => {
    const mem = new BrowserMemory(new MemoryStorage());
    mem.rememberBoard({ id: 'a', title: 'A', facilitatorLink: 'x', createdAt: 1 });
    mem.rememberBoard({ id: 'b', title: 'B', facilitatorLink: 'y', createdAt: 2 });
    mem.rememberBoard({ id: 'a', title: 'A2', facilitatorLink: 'x', createdAt: 3 });
    expect(mem.myBoards().map((b) => b.title)).toEqual(['A2', 'B']);
  });

  it('ignores garbage another version left in storage', () => {
    const s = new MemoryStorage();
    s.setItem('sb.myBoards', '{not json');
    s.setItem('sb.session.x', JSON.stringify({ session: 's', role: 'king', expiresAt: 1 }));
    s.setItem('sb.locale', '"fr"');
    const mem = new BrowserMemory(s);
    expect(mem.myBoards()).toEqual([]);
    expect(mem.session('x')).toBeUndefined();
    expect(mem.locale()).toBeUndefined();
  });

  it('keeps a session per board and forgets it on request', () => {
    const mem = new BrowserMemory(new MemoryStorage());
    mem.saveSession('b1', { session: 's1', role: 'viewer', name: 'Ann', expiresAt: 10 });
    expect(mem.session('b1')?.role).toBe('viewer');
    expect(mem.session('b2')).toBeUndefined();
    mem.forgetSession('b1');
    expect(mem.session('b1')).toBeUndefined();
  });

  it('lists the live facilitator sessions it keeps, not other roles or expired ones', () => {
    const mem = new BrowserMemory(new MemoryStorage());
    mem.saveSession('b1', { session: 's1', role: 'facilitator', name: 'Fay', expiresAt: 100 });
    mem.saveSession('b2', { session: 's2', role: 'participant', name: 'Fay', expiresAt: 100 });
    mem.saveSession('b3', { session: 's3', role: 'facilitator', name: 'Fay', expiresAt: 5 });
    mem.saveName('Fay');
    expect(mem.facilitatorSessions(10)).toEqual([{ boardId: 'b1', session: 's1' }]);
  });

  it('keeps the links of a board it created as the server last showed them, and ignores other boards', () => {
    const mem = new BrowserMemory(new MemoryStorage());
    mem.rememberBoard({ id: 'a', title: 'A', facilitatorLink: 'old-f', createdAt: 1, links: { facilitator: 'old-f', participant: 'old-p', viewer: 'old-v' } });
    mem.updateBoardLinks('a', { facilitator: 'new-f', viewer: 'old-v' });
    mem.updateBoardLinks('b', { facilitator: 'x' });
    expect(mem.myBoards()).toEqual([{ id: 'a', title: 'A', facilitatorLink: 'new-f', createdAt: 1, links: { facilitator: 'new-f', viewer: 'old-v' } }]);
  });

  it('remembers the display name and the chosen language', () => {
    const store = new MemoryStorage();
    new BrowserMemory(store).saveName('Ann');
    new BrowserMemory(store).saveLocale('nl');
    const mem = new BrowserMemory(store);
    expect(mem.name()).toBe('Ann');
    expect(mem.locale()).toBe('nl');
  });

  // Without storage nothing can be remembered; what matters is that nothing throws.
  it('works without any storage at all', () => {
    const mem = new BrowserMemory(undefined);
    mem.saveName('Ann');
    expect(mem.name()).toBe('');
  });
});

describe('BrowserMemory board links', () => {
  it('returns the join links of a board it created, and nothing for others', () => {
    const mem = new BrowserMemory(new MemoryStorage());
    mem.rememberBoard({ id: 'a', title: 'A', facilitatorLink: 'f', createdAt: 1, links: { participant: 'p', viewer: 'v' } });
    expect(mem.boardLinks('a')).toEqual({ participant: 'p', viewer: 'v' });
    expect(mem.boardLinks('b')).toBeUndefined();
  });
});
