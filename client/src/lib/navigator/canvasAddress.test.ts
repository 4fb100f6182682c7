import { describe, it, expect } from 'vitest';
import { canvasFromSearch, withCanvas } from './canvasAddress.ts';

describe('canvasFromSearch', () => {
  it('reads the canvas a shared link asks for', () => {
    expect(canvasFromSearch('?canvas=Kq3vX0aZ9bTe')).toBe('Kq3vX0aZ9bTe');
    expect(canvasFromSearch('?x=1&canvas=swot')).toBe('swot');
  });

  it('reads no canvas from an address without one, or with a value no canvas can have', () => {
    expect(canvasFromSearch('')).toBeNull();
    expect(canvasFromSearch('?canvas=')).toBeNull();
    expect(canvasFromSearch('?canvas=a/b')).toBeNull();
    expect(canvasFromSearch(`?canvas=${'a'.repeat(65)}`)).toBeNull();
  });
});

describe('withCanvas', () => {
  it('puts the canvas in the query string and leaves a join token in the fragment', () => {
    const link = 'https://board.example/b/AbCdEfGhIjKlMnOp#t=secret-token';
    const shared = withCanvas(link, 'Kq3vX0aZ9bTe');
    expect(shared).toBe('https://board.example/b/AbCdEfGhIjKlMnOp?canvas=Kq3vX0aZ9bTe#t=secret-token');
    expect(new URL(shared).search).not.toContain('secret');
  });

  it('replaces the canvas of an address that has one, keeping other parameters', () => {
    expect(withCanvas('http://127.0.0.1:3000/b/AbCdEfGhIjKlMnOp?lang=nl&canvas=swot', 'confrontation')).toBe(
      'http://127.0.0.1:3000/b/AbCdEfGhIjKlMnOp?lang=nl&canvas=confrontation',
    );
  });

  it('removes the canvas when asked for none', () => {
    expect(withCanvas('http://x.test/b/AbCdEfGhIjKlMnOp?canvas=swot#t=1', null)).toBe('http://x.test/b/AbCdEfGhIjKlMnOp#t=1');
  });
});
