// The open actions of the previous workshop, carried onto the next workshop's board for review
// (issue 11, "Carry-over"). Done and dropped actions stay behind: they are settled. Pure.
import type * as Y from 'yjs';
import type { BoardSnapshot } from '../../board/readBoard.ts';
import type { PreviousWorkshop } from '../../board/nextWorkshop.ts';
import { createAction } from './actionOperations.ts';
import { actionsKind } from './actionsKind.ts';

/**
 * Copies every open or in-progress action of the visible actions canvases of `board` onto the
 * canvas with the same id in `target` (the next workshop's board has the same canvases), at the
 * end of its list in the same order. Each is marked carried over (`carriedOver`, with the action's
 * id and due date on the previous board) and waits for review. Participant ids are the previous
 * board's, so an owner becomes the name they had there. Returns how many were carried.
 */
export function carryOpenActions(board: BoardSnapshot, participants: Readonly<Record<string, unknown>>, target: Y.Doc, previous: PreviousWorkshop, now: number): number {
  let carried = 0;
  for (const canvas of board.canvases) {
    if (canvas.kind !== actionsKind.id || canvas.removedAt !== null) continue;
    for (const a of board.actionsOf(canvas.id)) {
      if (a.status !== 'open' && a.status !== 'inProgress') continue;
      createAction(target, {
        canvas: canvas.id,
        title: a.title,
        description: a.description,
        owner: (a.ownerId !== null ? nameOf(participants[a.ownerId]) : undefined) ?? a.owner,
        due: a.due,
        kpi: a.kpi,
        target: a.target,
        priority: a.priority,
        status: a.status,
        source: a.source,
        carriedOver: { boardId: previous.boardId, title: previous.title, date: previous.date, actionId: a.id, due: a.due },
        author: a.author,
        createdAt: now,
      });
      carried++;
    }
  }
  return carried;
}

function nameOf(entry: unknown): string | undefined {
  const name = (entry as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name.slice(0, 60) : undefined;
}
