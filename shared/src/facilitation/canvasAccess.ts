// What participants may do on a canvas right now, from the session state: the one rule the server's
// write check (server/src/auth/permissions.ts) and the client's read-only display both use.
// Facilitators are never held by it: they steer.
import { currentPhase, timeIsUp, type SessionState } from './sessionState.ts';

/** Why a canvas is read-only for participants; an i18n key `facilitation.readonly.<reason>`. */
export type ReadOnlyReason =
  /** The facilitator locked the whole board. */
  | 'board-locked'
  /** The facilitator locked this canvas. */
  | 'canvas-locked'
  /** The room is in a phase on another canvas. */
  | 'other-phase'
  /** The phase's time is up and it closes then. */
  | 'time-up'
  /** The current phase lets only the facilitator do this. */
  | 'phase';

export interface CanvasAccess {
  /** Add notes, give per-person entries (scores); undefined: allowed, else why not. */
  add: ReadOnlyReason | undefined;
  /** Change existing notes (move, edit, recolour, delete). */
  move: ReadOnlyReason | undefined;
}

const OPEN: CanvasAccess = Object.freeze({ add: undefined, move: undefined });

export function participantAccess(state: SessionState | undefined, canvasId: string | undefined, now: number): CanvasAccess {
  if (!state) return OPEN;
  const all = (reason: ReadOnlyReason): CanvasAccess => ({ add: reason, move: reason });
  if (state.locks.board) return all('board-locked');
  if (canvasId !== undefined && state.locks.canvases.includes(canvasId)) return all('canvas-locked');
  const phase = currentPhase(state);
  if (!phase) return OPEN;
  if (canvasId !== phase.canvasId) return all('other-phase');
  if (phase.closeWhenTimeIsUp && timeIsUp(state.timer, now)) return all('time-up');
  return {
    add: phase.permissions.add === 'everyone' ? undefined : 'phase',
    move: phase.permissions.move === 'everyone' ? undefined : 'phase',
  };
}

/** The reason a canvas is entirely read-only for participants (neither add nor move), else undefined. */
export function readOnlyReason(access: CanvasAccess): ReadOnlyReason | undefined {
  return access.add !== undefined && access.move !== undefined ? access.add : undefined;
}
