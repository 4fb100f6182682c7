import { describe, expect, it } from 'vitest';
import { isAllowed } from './permissions.ts';

describe('permissions', () => {
  it('lets facilitators and participants write the board but not viewers', () => {
    expect(isAllowed({ role: 'facilitator' }, 'board:write')).toBe(true);
    expect(isAllowed({ role: 'participant' }, 'board:write')).toBe(true);
    expect(isAllowed({ role: 'viewer' }, 'board:write')).toBe(false);
  });

  it('lets every role read the board and show its presence', () => {
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      expect(isAllowed({ role }, 'board:read')).toBe(true);
      expect(isAllowed({ role }, 'presence:write')).toBe(true);
    }
  });

  it('keeps facilitation controls for the facilitator', () => {
    expect(isAllowed({ role: 'facilitator' }, 'facilitation:control')).toBe(true);
    expect(isAllowed({ role: 'participant' }, 'facilitation:control')).toBe(false);
  });
});
