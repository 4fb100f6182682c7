// The one place that decides what a role may do on a board. The y-websocket rooms and the
// socket.io handlers both ask here, so later rules (per canvas, per agenda phase, locks) are added
// in this function instead of being scattered over transports.
//
// Writes to the board document are asked per target (issue 7, "Write rules the server enforces"):
// the room resolves every part of an update to a WriteTarget (shared/src/board/writeTarget.ts) and
// refuses the update whole if any target is not allowed (rooms/writeCheck.ts).
import { canEdit, type Role } from '../../../shared/src/protocol.ts';
import type { CanvasRecord } from '../../../shared/src/board/schema.ts';
import type { WriteTarget } from '../../../shared/src/board/writeTarget.ts';
import type { SessionState } from '../../../shared/src/facilitation/sessionState.ts';
import { participantAccess } from '../../../shared/src/facilitation/canvasAccess.ts';
import { canvasKind } from '../../../shared/src/canvases/registry.ts';
import { readSettings } from '../../../shared/src/canvases/kind.ts';
import { privateMode } from '../../../shared/src/board/privateNotes.ts';

type BoardAction =
  /** Receive the board document and presence. */
  | 'board:read'
  /** Change the board document: without a target, whether the actor may write at all; with one, that target. */
  | 'board:write'
  /** Publish one's own presence (cursor, name): viewers too, so a facilitator sees who watches. */
  | 'presence:write'
  /** Facilitation controls (timer, phases, voting setup). */
  | 'facilitation:control'
  /** People and links (issue 10): see, rotate and revoke the join links, remove people, duplicate the board. */
  | 'board:manage'
  /**
   * Make the next workshop's board from this one (issue 11, "Carry-over"): it reads every action and
   * the quickscan's scores (as a group result), and makes a board with new links.
   */
  | 'board:next-workshop'
  /**
   * Private brainstorm (issue 10): open the private document of the participant `target.participantId`
   * (y-websocket `?private=<participantId>`). Its content reaches no one else before the reveal.
   */
  | 'private:open'
  /** Change one's private document: with a target, what the update touches there. */
  | 'private:write'
  /** Turn a canvas private or public, reveal its private notes, see how many each person has (counts only). */
  | 'private:reveal'
  /** Read the action plan and its exports (GET /api/boards/<id>/action-plan, issue 11). */
  | 'plan:read';

/** Who acts: a session (its role and participant id), or the server itself. */
export type Actor = { role: Role; participantId: string } | { role: 'server' };

/**
 * The server's own writes (the participant list, the migration of a board on load). Not a session:
 * no connection can act as it.
 */
export const SERVER_ACTOR: Actor = Object.freeze({ role: 'server' });

/**
 * What a write rule may consult besides the target: the board as it is before the update. Lazy, so
 * rules that do not ask cost nothing on the hot path. Locks and agenda phases (issue 10) ask
 * `canvasOf(target)` and the board's `session` state.
 */
export interface WriteContext {
  /** The canvas the target is on: the canvas itself, a note's canvas (`noteCanvasId`), a per-person entry's canvas. */
  canvasOf(target: WriteTarget): CanvasRecord | undefined;
  /** Whether the note is on the board before the update (a write to a note that is not there creates it). */
  noteExists(noteId: string): boolean;
  /** The canvas the update moves the target (a note) onto, from the `canvas` value it writes; undefined when it writes none. */
  canvasMovedTo(target: WriteTarget): CanvasRecord | undefined;
  /** Whether the action is on the board before the update (issue 11); absent: treated as new. */
  actionExists?(actionId: string): boolean;
  /** The board's facilitation state (agenda, timer, locks); undefined: no facilitation rules. */
  session?: SessionState;
  /** The server's clock, for a phase whose time is up. */
  now: number;
}

/** Whose private document an action is about (`private:open`). */
export interface PrivateDocTarget {
  kind: 'private-doc';
  participantId: string;
}

export function isAllowed(actor: Actor, action: BoardAction, target?: WriteTarget | PrivateDocTarget, context?: WriteContext): boolean {
  if (actor.role === 'server') return !(action === 'board:write' || action === 'private:write') || target === undefined || serverMayWrite(target);
  if (target?.kind === 'private-doc') return action === 'private:open' && mayOpenPrivate(actor, target);
  switch (action) {
    case 'board:read':
    case 'presence:write':
      return true;
    case 'plan:read':
      // Viewers too: the plan holds nothing they do not receive already with the board.
      return true;
    case 'board:write':
      if (!canEdit(actor.role)) return false;
      return target === undefined || mayWrite(actor, target, context);
    case 'facilitation:control':
    case 'board:manage':
    case 'board:next-workshop':
    case 'private:reveal':
      return actor.role === 'facilitator';
    case 'private:open':
      return false;
    case 'private:write':
      // Only notes: a private document holds a participant's hidden notes and nothing else, so
      // nothing but notes can be merged into the board on reveal, and it is no free storage.
      return actor.role === 'participant' && (target === undefined || target.kind === 'note');
  }
}

/**
 * A participant's own private document only, from any of their devices. Not the facilitator's:
 * they reveal, they do not brainstorm hidden (their notes go to the board); not a viewer's: they
 * write nothing. Nobody else's, so no one but its author receives a hidden note before the reveal.
 */
function mayOpenPrivate(actor: { role: Role; participantId: string }, target: PrivateDocTarget): boolean {
  return actor.role === 'participant' && target.participantId === actor.participantId;
}

function mayWrite(actor: { role: Role; participantId: string }, target: WriteTarget, context: WriteContext | undefined): boolean {
  const facilitator = actor.role === 'facilitator';
  switch (target.kind) {
    case 'meta':
    case 'canvas-structure':
      return facilitator;
    case 'canvas-settings':
      // The team's settings of a kind (the pyramid's strategy per level) are everyone's who may edit;
      // replacing the settings map itself (no key) stays the facilitator's.
      return facilitator || (target.key !== undefined && isTeamSetting(target.key, context?.canvasOf(target)) && facilitationAllows(target, context, 'move'));
    case 'account':
      // The customer list is the company's data the facilitator brings (imports, edits, moves by
      // hand); participants discuss it and choose the strategies (docs/data-model.md, "accounts").
      return facilitator;
    case 'note':
      // Locks and phases hold participants only (issue 10): a note that is not on the board yet is
      // an add, any other write to a note (move, edit, delete) a move.
      if (facilitator) return true;
      if (!context?.noteExists(target.noteId)) return mayAddNote(context?.canvasOf(target), context);
      if (!facilitationAllows(target, context, 'move')) return false;
      // A note carried onto another canvas is an add there too: the stored canvas alone would let a
      // participant move a note from an open canvas onto a locked (or a private) one.
      return target.field !== 'canvas' || mayAddNote(context?.canvasMovedTo(target), context);
    case 'action':
      // The action plan is the team's (issue 11): facilitators and participants edit every action
      // live; viewers never reach here (canEdit). A locked actions canvas holds participants like a
      // locked SWOT: a new action is an add, any other write to one a move.
      return facilitator || facilitationAllows(target, context, context?.actionExists?.(target.actionId) ? 'move' : 'add');
    case 'personal':
      // Everyone's own entries only, the facilitator's too: nothing a facilitator does needs to
      // change another person's scores (removing a canvas or switching the scale keeps them).
      // A score is an add: the phase and locks decide for participants. The kind may close entries
      // (a quickscan's past round).
      return target.participantId === actor.participantId && (facilitator || facilitationAllows(target, context, 'add')) && entryOpen(target, context);
    case 'participant':
      return false;
    case 'malformed':
      return false;
    case 'unknown-root':
      // Refused for everyone: every root is in the schema (docs/data-model.md) and the next issues
      // add theirs (votes, timer, actions) together with their rules here. A root nobody checks
      // would be free storage and a channel every client syncs.
      return false;
  }
}

/** Whether the board's locks and current phase let a participant `what` on the target's canvas. */
function facilitationAllows(target: WriteTarget, context: WriteContext | undefined, what: 'add' | 'move'): boolean {
  return canvasAllows(context?.canvasOf(target)?.id, context, what);
}

/**
 * A participant's new note on `canvas`: as the locks and the phase allow, and never while the canvas
 * is private (issue 10): their new notes belong in their private document, on the board everyone
 * would see them before the reveal.
 */
function mayAddNote(canvas: CanvasRecord | undefined, context: WriteContext | undefined): boolean {
  return canvasAllows(canvas?.id, context, 'add') && !privateMode(canvas).on;
}

function canvasAllows(canvasId: string | undefined, context: WriteContext | undefined, what: 'add' | 'move'): boolean {
  if (!context?.session) return true;
  return participantAccess(context.session, canvasId, context.now)[what] === undefined;
}

function entryOpen(target: Extract<WriteTarget, { kind: 'personal' }>, context: WriteContext | undefined): boolean {
  const canvas = context?.canvasOf(target);
  const kind = canvas ? canvasKind(canvas.kind) : undefined;
  return !canvas || !kind?.personalEntryOpen || kind.personalEntryOpen(target.entry, readSettings(kind, canvas.settings));
}

function isTeamSetting(key: string, canvas: CanvasRecord | undefined): boolean {
  return canvas !== undefined && (canvasKind(canvas.kind)?.teamSettings?.includes(key) ?? false);
}

/** The server writes the participant list and the canvases a migration adds; never malformed or unknown content. */
function serverMayWrite(target: WriteTarget | PrivateDocTarget): boolean {
  return target.kind !== 'malformed' && target.kind !== 'unknown-root';
}
