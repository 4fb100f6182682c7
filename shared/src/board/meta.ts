// Board metadata operations (the `meta` map of docs/data-model.md).
import type * as Y from 'yjs';
import { metaMap, type BoardMeta } from './schema.ts';

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
