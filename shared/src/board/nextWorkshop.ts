// A board as the next workshop of a previous one (issue 11, "Carry-over"): the same canvases with
// their settings, but no notes, scores, accounts or participants, since the team brainstorms and
// scores afresh (a facilitator who wants the notes again duplicates the board instead). What
// carries over is what the next workshop reviews: the open actions, marked for review, and the
// quickscan's result as a read-only earlier round to compare against (each kind decides through
// `nextWorkshopSettings`). `meta.previous` says which board it follows. Pure: the server runs it
// on the live document of the previous board.
import * as Y from 'yjs';
import { z } from 'zod';
import { canvasesMap, canvasMap, metaMap, readMeta, ROOT, type BoardMeta } from './schema.ts';
import { visibleCanvases } from './canvases.ts';
import { initBoardMeta } from './meta.ts';
import { readBoard } from './readBoard.ts';
import { canvasKind } from '../canvases/registry.ts';
import { carryOpenActions } from '../canvases/actions/carryActions.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `meta.previous`: the board a next workshop was made from. */
export const PreviousWorkshop = z.object({
  boardId: z.string().max(64),
  title: z.string().max(200),
  /** The day the previous board was made (UTC), `YYYY-MM-DD`: the date the next workshop names it by. */
  date: z.string().regex(DAY),
});
export type PreviousWorkshop = z.infer<typeof PreviousWorkshop>;

/** The board this one was made from as its next workshop, or null. */
export function readPreviousWorkshop(doc: Y.Doc): PreviousWorkshop | null {
  const parsed = PreviousWorkshop.safeParse(metaMap(doc).get('previous'));
  return parsed.success ? parsed.data : null;
}

export interface NextWorkshopResult {
  /** How many open actions were carried over for review. */
  actions: number;
}

/** Writes `meta` and the next workshop's content, from the previous board `source` (id `sourceId`), into the empty doc `target`. */
export function nextWorkshop(source: Y.Doc, target: Y.Doc, meta: BoardMeta, sourceId: string): NextWorkshopResult {
  const board = readBoard(source);
  const sourceMeta = readMeta(source);
  const previous: PreviousWorkshop = {
    boardId: sourceId,
    title: String(sourceMeta.title ?? '').slice(0, 200),
    date: new Date(Number(sourceMeta.createdAt ?? 0) || meta.createdAt).toISOString().slice(0, 10),
  };
  let actions = 0;
  target.transact(() => {
    initBoardMeta(target, meta);
    metaMap(target).set('previous', previous);
    const canvases = canvasesMap(target);
    for (const c of visibleCanvases(board.canvases)) {
      const settings = canvasKind(c.kind)?.nextWorkshopSettings?.(board, c, previous) ?? c.settings;
      canvases.set(c.id, canvasMap({ ...c, settings }));
    }
    actions = carryOpenActions(board, source.getMap(ROOT.participants).toJSON(), target, previous, meta.createdAt);
  });
  return { actions };
}
