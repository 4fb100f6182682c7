// At each phase change the board is snapshotted (issue 10): the live document as everyone sees it,
// stored beside the board, restorable as a new board (docs/api.md, "Phase snapshots").
import * as Y from 'yjs';
import { randomBytes } from 'node:crypto';
import { currentPhase, type SessionState } from '../../../shared/src/facilitation/sessionState.ts';
import type { BoardStore } from '../storage/BoardStore.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';

/**
 * Snapshots kept per board, newest first. A facilitator clicking "next" through a long agenda many
 * times must not grow the database by a board's size per click without bound.
 */
export const MAX_PHASE_SNAPSHOTS = 100;

export async function takePhaseSnapshot(store: BoardStore, rooms: RoomManager, boardId: string, state: SessionState, now: number): Promise<void> {
  const document = await rooms.read(boardId, (doc) => Y.encodeStateAsUpdate(doc));
  const phase = currentPhase(state);
  await store.addPhaseSnapshot(
    { id: randomBytes(9).toString('base64url'), boardId, phaseId: phase?.id ?? null, phaseTitle: phase?.title ?? '', createdAt: now, document },
    MAX_PHASE_SNAPSHOTS,
  );
}
