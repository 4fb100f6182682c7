// The one place that decides what a role may do on a board. The y-websocket rooms and the
// socket.io handlers both ask here, so later rules (per canvas, per agenda phase, locks) are added
// in one function instead of being scattered over transports.
import { canEdit, type Role } from '../../../shared/src/protocol.ts';

type BoardAction =
  /** Receive the board document and presence. */
  | 'board:read'
  /** Change the board document. */
  | 'board:write'
  /** Publish one's own presence (cursor, name): viewers too, so a facilitator sees who watches. */
  | 'presence:write'
  /** Facilitation controls (timer, phases, voting setup). */
  | 'facilitation:control';

interface PermissionContext {
  role: Role;
}

export function isAllowed(ctx: PermissionContext, action: BoardAction): boolean {
  switch (action) {
    case 'board:read':
    case 'presence:write':
      return true;
    case 'board:write':
      return canEdit(ctx.role);
    case 'facilitation:control':
      return ctx.role === 'facilitator';
  }
}
