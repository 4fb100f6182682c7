import { describe, it, expect } from 'vitest';
import { fileNameFor } from './download.ts';

describe('fileNameFor', () => {
  it('turns a title into a safe file name', () => {
    expect(fileNameFor('SWOT Café / 2026', 'png')).toBe('swot-cafe-2026.png');
    expect(fileNameFor('***', 'png')).toBe('board.png');
  });
});
