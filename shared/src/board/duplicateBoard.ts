// A board as the template for the next workshop (issue 10): the same canvases (with their settings)
// and notes under new metadata; no participants, no per-person entries (scores), no removed canvases
// or their notes. Pure: the server runs it on the live document of the source board. The agenda comes
// along (duplicateAgenda): its phases with their settings, for a session not started yet.
import * as Y from 'yjs';
import { canvasesMap, notesMap, readNote, CANVAS_ID_PATTERN, type BoardMeta } from './schema.ts';
import { noteCanvasId, readCanvases } from './canvases.ts';
import { initBoardMeta } from './meta.ts';
import { migrateBoard } from './migrate.ts';
import type { Phase } from '../facilitation/sessionState.ts';

/** Writes `meta` and the copied content of `source` into the empty doc `target`. */
export function duplicateBoard(source: Y.Doc, target: Y.Doc, meta: BoardMeta): void {
  const canvases = readCanvases(source);
  const kept = new Set(canvases.filter((c) => c.removedAt === null).map((c) => c.id));
  target.transact(() => {
    initBoardMeta(target, meta);
    const toCanvases = canvasesMap(target);
    canvasesMap(source).forEach((m, id) => {
      if (CANVAS_ID_PATTERN.test(id) && m instanceof Y.Map && kept.has(id)) toCanvases.set(id, m.clone());
    });
    // A board from before canvases stored none: the copy gets its template's, like the source reads.
    migrateBoard(target);
    const toNotes = notesMap(target);
    notesMap(source).forEach((m, id) => {
      if (!(m instanceof Y.Map)) return;
      const on = noteCanvasId(readNote(id, m), canvases);
      if (on !== undefined && kept.has(on)) toNotes.set(id, m.clone());
    });
  });
}

/**
 * The phases of `agenda` for the copy `target` (written by duplicateBoard): every phase with its
 * settings and id, in order, except those bound to a canvas the copy does not have (a removed one).
 * Canvases keep their ids in the copy, so each phase still points at its canvas.
 */
export function duplicateAgenda(agenda: readonly Phase[], target: Y.Doc): Phase[] {
  const canvases = new Set(readCanvases(target).filter((c) => c.removedAt === null).map((c) => c.id));
  return agenda.filter((p) => canvases.has(p.canvasId));
}
