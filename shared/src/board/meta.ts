// Board metadata operations (the `meta` map of docs/data-model.md).
import type * as Y from 'yjs';
import { metaMap, type BoardMeta } from './schema.ts';
import { migrateBoard } from './migrate.ts';

/** Writes a new board's metadata. The server calls it once, when it creates the board. */
export function initBoardMeta(doc: Y.Doc, meta: BoardMeta, origin?: unknown): void {
  const m = metaMap(doc);
  doc.transact(() => {
    m.set('title', meta.title);
    m.set('template', meta.template);
    m.set('language', meta.language);
    m.set('createdAt', meta.createdAt);
  }, origin);
}

/**
 * Writes a new board: its metadata and the canvases of its template (`meta.template`, one of
 * BOARD_TEMPLATE_IDS). The server calls it once, when it creates the board.
 */
export function initBoard(doc: Y.Doc, meta: BoardMeta, origin?: unknown): void {
  doc.transact(() => {
    initBoardMeta(doc, meta, origin);
    migrateBoard(doc, origin);
  }, origin);
}
