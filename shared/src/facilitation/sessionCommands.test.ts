import { describe, expect, it } from 'vitest';
import { applySessionCommand, settleTimer, type SessionCommand } from './sessionCommands.ts';
import { emptySessionState, SessionState, timerRemaining, type Phase } from './sessionState.ts';
import { participantAccess } from './canvasAccess.ts';
import { workshopAgenda } from './workshopAgenda.ts';
import { castVote, rankByVotes, voteResults } from './dotVotes.ts';

const phase = (id: string, over: Partial<Phase> = {}): Phase => ({
  id,
  title: id,
  canvasId: 'swot',
  permissions: { add: 'everyone', move: 'everyone' },
  timerSeconds: 300,
  voteBudget: 0,
  votesPerItem: 1,
  votesAttributed: false,
  closeWhenTimeIsUp: false,
  privacy: 'off',
  ...over,
});

function run(state: SessionState, cmds: SessionCommand[], now = 1_000): SessionState {
  for (const cmd of cmds) {
    const r = applySessionCommand(state, cmd, now);
    if (!r.ok) throw new Error(`${cmd.type}: ${r.reason}`);
    state = r.state;
  }
  return state;
}

const agenda = () => emptySessionState([phase('a'), phase('b'), phase('c', { canvasId: 'confrontation' })]);

describe('agenda', () => {
  it('walks next, previous, skip and reopen, marking how each phase was left', () => {
    let s = run(agenda(), [{ type: 'phase:next' }]);
    expect(s.currentPhaseId).toBe('a');
    s = run(s, [{ type: 'phase:next' }, { type: 'phase:skip' }]);
    expect(s).toMatchObject({ currentPhaseId: 'c', phaseStatus: { a: 'done', b: 'skipped' } });
    s = run(s, [{ type: 'phase:open', phaseId: 'b' }]);
    expect(s).toMatchObject({ currentPhaseId: 'b', phaseStatus: { a: 'done' } });
    s = run(s, [{ type: 'phase:previous' }]);
    expect(s.currentPhaseId).toBe('a');
    expect(applySessionCommand(s, { type: 'phase:previous' }, 0)).toMatchObject({ ok: false });
    s = run(s, [{ type: 'phase:open', phaseId: 'c' }, { type: 'phase:next' }]);
    expect(s.currentPhaseId).toBeNull();
  });

  it('counts revisions and says when the phase changed', () => {
    const r = applySessionCommand(agenda(), { type: 'phase:next' }, 0);
    expect(r).toMatchObject({ ok: true, phaseChanged: true, state: { revision: 1 } });
    const lock = applySessionCommand(agenda(), { type: 'lock:board', locked: true }, 0);
    expect(lock).toMatchObject({ ok: true, phaseChanged: false });
  });

  it('adds, moves, updates and removes phases; removing the open one ends it', () => {
    let s = run(agenda(), [
      { type: 'agenda:add', phase: phase('d'), index: 0 },
      { type: 'agenda:move', phaseId: 'd', index: 3 },
      { type: 'agenda:update', phaseId: 'a', changes: { title: 'Brainstorm', timerSeconds: 60 } },
      { type: 'phase:open', phaseId: 'a' },
    ]);
    expect(s.agenda.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(s.agenda[0]).toMatchObject({ title: 'Brainstorm', timerSeconds: 60, canvasId: 'swot' });
    expect(applySessionCommand(s, { type: 'agenda:add', phase: phase('a') }, 0)).toMatchObject({ ok: false });
    s = run(s, [{ type: 'agenda:remove', phaseId: 'a' }]);
    expect(s).toMatchObject({ currentPhaseId: null });
  });
});

describe('timer', () => {
  it('starts with the phase length, pauses, resumes with what was left and takes another minute', () => {
    let s = run(agenda(), [{ type: 'phase:next' }, { type: 'timer:start' }], 0);
    expect(s.timer).toEqual({ state: 'running', endsAt: 300_000, totalMs: 300_000 });
    s = run(s, [{ type: 'timer:pause' }], 100_000);
    expect(s.timer).toEqual({ state: 'paused', remainingMs: 200_000, totalMs: 300_000 });
    s = run(s, [{ type: 'timer:resume' }, { type: 'timer:add', seconds: 60 }], 500_000);
    expect(timerRemaining(s.timer, 500_000)).toBe(260_000);
  });

  it('ends at its end time; another minute runs it again; a new phase sets it back', () => {
    let s = run(agenda(), [{ type: 'phase:next' }, { type: 'timer:start', seconds: 10 }], 0);
    expect(settleTimer(s, 9_999)).toBeUndefined();
    s = settleTimer(s, 10_000)!;
    expect(s.timer).toEqual({ state: 'ended', endedAt: 10_000, totalMs: 10_000 });
    s = run(s, [{ type: 'timer:add', seconds: 60 }], 20_000);
    expect(s.timer).toEqual({ state: 'running', endsAt: 80_000, totalMs: 70_000 });
    s = run(s, [{ type: 'phase:next' }], 30_000);
    expect(s.timer).toEqual({ state: 'idle' });
  });

  it('refuses to start without a length or to pause what does not run', () => {
    const s = run(emptySessionState([phase('a', { timerSeconds: 0 })]), [{ type: 'phase:next' }]);
    expect(applySessionCommand(s, { type: 'timer:start' }, 0)).toMatchObject({ ok: false });
    expect(applySessionCommand(s, { type: 'timer:pause' }, 0)).toMatchObject({ ok: false });
  });
});

describe('participantAccess', () => {
  it('is open without an agenda running or a lock', () => {
    expect(participantAccess(agenda(), 'swot', 0)).toEqual({ add: undefined, move: undefined });
  });

  it('says why a canvas is read-only: board lock, canvas lock, another phase, time up, the phase', () => {
    const s = agenda();
    expect(participantAccess(run(s, [{ type: 'lock:board', locked: true }]), 'swot', 0).add).toBe('board-locked');
    expect(participantAccess(run(s, [{ type: 'lock:canvas', canvasId: 'swot', locked: true }]), 'swot', 0).move).toBe('canvas-locked');
    const inA = run(s, [{ type: 'phase:next' }]);
    expect(participantAccess(inA, 'confrontation', 0).add).toBe('other-phase');
    const closing = run(emptySessionState([phase('a', { closeWhenTimeIsUp: true })]), [{ type: 'phase:next' }, { type: 'timer:start', seconds: 5 }], 0);
    expect(participantAccess(closing, 'swot', 4_999).add).toBeUndefined();
    expect(participantAccess(closing, 'swot', 5_000).add).toBe('time-up');
    const cluster = run(emptySessionState([phase('a', { permissions: { add: 'facilitator', move: 'everyone' } })]), [{ type: 'phase:next' }]);
    expect(participantAccess(cluster, 'swot', 0)).toEqual({ add: 'phase', move: undefined });
  });
});

describe('workshopAgenda', () => {
  it('keeps the phases whose canvas kind the board has, titled in the board’s language', () => {
    const phases = workshopAgenda([{ id: 'swot', kind: 'swot' }, { id: 'm', kind: 'confrontation' }], 'nl');
    expect(phases.map((p) => [p.id, p.canvasId])).toEqual([['swot-brainstorm', 'swot'], ['swot-cluster', 'swot'], ['swot-vote', 'swot'], ['matrix', 'm']]);
    expect(phases[0].title).toBe('SWOT-brainstorm');
    expect(phases.map((p) => p.privacy)).toEqual(['attributed', 'off', 'off', 'off']);
  });
});

describe('private phases', () => {
  const privateAgenda = () =>
    emptySessionState([phase('warmup'), phase('hidden', { privacy: 'attributed' }), phase('anon', { privacy: 'anonymous', canvasId: 'second' }), phase('cluster')]);
  const turned = (state: SessionState, cmd: SessionCommand) => {
    const r = applySessionCommand(state, cmd, 0);
    if (!r.ok) throw new Error(r.reason);
    return r.turnPrivate;
  };

  it('turns the canvas private when a private phase opens, by next, previous, skip, reopen or jump', () => {
    const s = privateAgenda();
    expect(turned(s, { type: 'phase:next' })).toBeUndefined();
    const atWarmup = run(s, [{ type: 'phase:next' }]);
    expect(turned(atWarmup, { type: 'phase:next' })).toEqual({ canvasId: 'swot', attributed: true });
    expect(turned(atWarmup, { type: 'phase:skip' })).toEqual({ canvasId: 'swot', attributed: true });
    expect(turned(s, { type: 'phase:open', phaseId: 'anon' })).toEqual({ canvasId: 'second', attributed: false });
    const atCluster = run(s, [{ type: 'phase:open', phaseId: 'cluster' }]);
    expect(turned(atCluster, { type: 'phase:previous' })).toEqual({ canvasId: 'second', attributed: false });
    const done = run(s, [{ type: 'phase:open', phaseId: 'hidden' }, { type: 'phase:next' }, { type: 'phase:next' }]);
    expect(done.phaseStatus).toEqual({ hidden: 'done', anon: 'done' });
    expect(turned(done, { type: 'phase:open', phaseId: 'hidden' })).toEqual({ canvasId: 'swot', attributed: true });
  });

  it('leaves the canvas alone when a private phase is left, stays open or is made off', () => {
    const inHidden = run(privateAgenda(), [{ type: 'phase:open', phaseId: 'hidden' }]);
    for (const cmd of [
      { type: 'phase:open', phaseId: 'cluster' },
      { type: 'phase:open', phaseId: null },
      { type: 'timer:start' },
      { type: 'phase:open', phaseId: 'hidden' },
      { type: 'agenda:update', phaseId: 'hidden', changes: { privacy: 'off' } },
      { type: 'agenda:update', phaseId: 'hidden', changes: { title: 'Ideas' } },
    ] satisfies SessionCommand[]) {
      expect(turned(inHidden, cmd)).toBeUndefined();
    }
    // A change that does not name the privacy keeps it.
    expect(run(inHidden, [{ type: 'agenda:update', phaseId: 'hidden', changes: { title: 'Ideas' } }]).agenda[1].privacy).toBe('attributed');
  });

  it('turns the canvas private when the open phase becomes private or anonymous', () => {
    const inWarmup = run(privateAgenda(), [{ type: 'phase:next' }]);
    expect(turned(inWarmup, { type: 'agenda:update', phaseId: 'warmup', changes: { privacy: 'anonymous' } })).toEqual({ canvasId: 'swot', attributed: false });
    const inHidden = run(inWarmup, [{ type: 'phase:next' }]);
    expect(turned(inHidden, { type: 'agenda:update', phaseId: 'hidden', changes: { privacy: 'anonymous' } })).toEqual({ canvasId: 'swot', attributed: false });
    expect(turned(inHidden, { type: 'agenda:update', phaseId: 'warmup', changes: { privacy: 'anonymous' } })).toBeUndefined();
  });

  it('reads a state stored before phases had a privacy as off', () => {
    const { privacy: _none, ...old } = phase('old');
    const stored = JSON.parse(JSON.stringify({ ...emptySessionState([old as Phase]), currentPhaseId: 'old' })) as unknown;
    const parsed = SessionState.parse(stored);
    expect(parsed.agenda[0].privacy).toBe('off');
    expect(turned(parsed, { type: 'phase:next' })).toBeUndefined();
  });
});

describe('dot votes', () => {
  const vote = phase('v', { voteBudget: 2, votesPerItem: 1 });
  it('counts per note within the budget and the per-note limit; results sort a quadrant', () => {
    let b = castVote({}, vote, 'ann', { noteId: 'n1', delta: 1 });
    expect(castVote(b as never, vote, 'ann', { noteId: 'n1', delta: 1 })).toBe('per_item');
    b = castVote(b as never, vote, 'ann', { noteId: 'n2', delta: 1 });
    expect(castVote(b as never, vote, 'ann', { noteId: 'n3', delta: 1 })).toBe('over_budget');
    b = castVote(b as never, vote, 'bob', { noteId: 'n2', delta: 1 });
    const results = voteResults(b as never, vote);
    expect(results).toEqual({ totals: { n1: 1, n2: 2 }, voters: 2 });
    expect(rankByVotes([{ id: 'n0' }, { id: 'n1' }, { id: 'n2' }], results.totals).map((n) => n.id)).toEqual(['n2', 'n1', 'n0']);
  });
});
