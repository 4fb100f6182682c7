import { describe, expect, it } from 'vitest';
import type { WriteTarget } from '../../../shared/src/board/writeTarget.ts';
import { isAllowed, SERVER_ACTOR } from './permissions.ts';

const facilitator = { role: 'facilitator' as const, participantId: 'fac' };
const participant = { role: 'participant' as const, participantId: 'ann' };
const viewer = { role: 'viewer' as const, participantId: 'vic' };

describe('permissions', () => {
  it('lets facilitators and participants write the board but not viewers', () => {
    expect(isAllowed(facilitator, 'board:write')).toBe(true);
    expect(isAllowed(participant, 'board:write')).toBe(true);
    expect(isAllowed(viewer, 'board:write')).toBe(false);
  });

  it('lets every role read the board and show its presence', () => {
    for (const actor of [facilitator, participant, viewer]) {
      expect(isAllowed(actor, 'board:read')).toBe(true);
      expect(isAllowed(actor, 'presence:write')).toBe(true);
    }
  });

  it('keeps facilitation controls for the facilitator', () => {
    expect(isAllowed(facilitator, 'facilitation:control')).toBe(true);
    expect(isAllowed(participant, 'facilitation:control')).toBe(false);
  });

  it('lets every role of the board read the action plan (issue 11)', () => {
    expect([facilitator, participant, viewer].map((a) => isAllowed(a, 'plan:read'))).toEqual([true, true, true]);
  });

  it('keeps links, people and duplicating the board for the facilitator', () => {
    expect([facilitator, participant, viewer].map((a) => isAllowed(a, 'board:manage'))).toEqual([true, false, false]);
  });

  it('decides each write target by role', () => {
    const own = (participantId: string): WriteTarget => ({ kind: 'personal', canvasId: 'c', participantId, entry: 'e' });
    // target, facilitator, participant, viewer, server
    const table: Array<[WriteTarget, boolean, boolean, boolean, boolean]> = [
      [{ kind: 'meta', key: 'title' }, true, false, false, true],
      [{ kind: 'canvas-structure', canvasId: 'c' }, true, false, false, true],
      [{ kind: 'canvas-structure', canvasId: 'c', field: 'removedAt' }, true, false, false, true],
      [{ kind: 'canvas-settings', canvasId: 'c', key: 'scale' }, true, false, false, true],
      [{ kind: 'note', noteId: 'n', field: 'text' }, true, true, false, true],
      [{ kind: 'action', actionId: 'a', field: 'title' }, true, true, false, true],
      [{ kind: 'action', actionId: 'a' }, true, true, false, true],
      [own('ann'), false, true, false, true],
      [own('fac'), true, false, false, true],
      [{ kind: 'participant', participantId: 'ann' }, false, false, false, true],
      [{ kind: 'malformed', root: 'notes', reason: 'x' }, false, false, false, false],
      [{ kind: 'unknown-root', name: 'votes' }, false, false, false, false],
    ];
    for (const [target, ...expected] of table) {
      const got = [facilitator, participant, viewer, SERVER_ACTOR].map((a) => isAllowed(a, 'board:write', target));
      expect(got, JSON.stringify(target)).toEqual(expected);
    }
  });
});
