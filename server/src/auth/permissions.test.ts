import { describe, expect, it } from 'vitest';
import type { WriteTarget } from '../../../shared/src/board/writeTarget.ts';
import { isAllowed, SERVER_ACTOR, type Actor } from './permissions.ts';

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
      [{ kind: 'account', canvasId: 'c', accountId: 'a' }, true, false, false, true],
    ];
    for (const [target, ...expected] of table) {
      const got = [facilitator, participant, viewer, SERVER_ACTOR].map((a) => isAllowed(a, 'board:write', target));
      expect(got, JSON.stringify(target)).toEqual(expected);
    }
  });

  it('lets the whole team choose a pyramid’s strategies, and only the facilitator change its shares', () => {
    const pyramid = { id: 'p', kind: 'pyramid', title: 'Pyramid', order: 'a0', createdAt: 0, removedAt: null, settings: {} };
    const matrix = { ...pyramid, id: 'm', kind: 'confrontation' };
    const context = { canvasOf: (t: WriteTarget) => ('canvasId' in t && t.canvasId === 'm' ? matrix : pyramid), noteExists: () => false, canvasMovedTo: () => undefined, now: 0 };
    const may = (actor: Actor, target: WriteTarget) => isAllowed(actor, 'board:write', target, context);
    expect(may(participant, { kind: 'canvas-settings', canvasId: 'p', key: 'strategies' })).toBe(true);
    expect(may(participant, { kind: 'canvas-settings', canvasId: 'p', key: 'shares' })).toBe(false);
    expect(may(participant, { kind: 'canvas-settings', canvasId: 'p' })).toBe(false);
    expect(may(participant, { kind: 'canvas-settings', canvasId: 'm', key: 'strategies' })).toBe(false);
    expect(may(viewer, { kind: 'canvas-settings', canvasId: 'p', key: 'strategies' })).toBe(false);
    expect(may(facilitator, { kind: 'canvas-settings', canvasId: 'p', key: 'shares' })).toBe(true);
  });

  it('opens a private document to its own participant only (issue 10)', () => {
    const own = { kind: 'private-doc' as const, participantId: 'ann' };
    expect(isAllowed(participant, 'private:open', own)).toBe(true);
    expect(isAllowed({ role: 'participant', participantId: 'bob' }, 'private:open', own)).toBe(false);
    expect(isAllowed({ role: 'facilitator', participantId: 'ann' }, 'private:open', own)).toBe(false);
    expect(isAllowed({ role: 'viewer', participantId: 'ann' }, 'private:open', own)).toBe(false);
    // A private-doc target answers only `private:open`.
    expect(isAllowed(participant, 'board:read', own)).toBe(false);
  });

  it('lets a private document hold notes only, and keeps counts and the reveal for the facilitator', () => {
    const note: WriteTarget = { kind: 'note', noteId: 'n1', field: 'text' };
    expect(isAllowed(participant, 'private:write', note)).toBe(true);
    expect(isAllowed(participant, 'private:write', { kind: 'meta', key: 'title' })).toBe(false);
    expect(isAllowed(participant, 'private:write', { kind: 'personal', canvasId: 'c', participantId: 'ann', entry: 'e' })).toBe(false);
    expect(isAllowed(viewer, 'private:write', note)).toBe(false);
    expect(isAllowed(SERVER_ACTOR, 'private:write', note)).toBe(true);
    expect([facilitator, participant, viewer].map((a) => isAllowed(a, 'private:reveal'))).toEqual([true, false, false]);
  });
});
