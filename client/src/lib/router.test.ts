import { describe, it, expect } from 'vitest';
import { matchRoute } from './router.ts';

describe('matchRoute', () => {
  it('matches home and board paths', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/b/abcdefghijklmnop')).toEqual({ name: 'board', id: 'abcdefghijklmnop' });
    expect(matchRoute('/b/abcdefghijklmnop/')).toEqual({ name: 'board', id: 'abcdefghijklmnop' });
  });
  it('reports anything else as not found', () => {
    expect(matchRoute('/b/')).toEqual({ name: 'not-found' });
    expect(matchRoute('/admin')).toEqual({ name: 'not-found' });
  });
});
