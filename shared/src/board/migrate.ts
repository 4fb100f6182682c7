// Boards made before canvases existed (meta + notes, no `canvases`) and boards whose canvases were
// never written. Both read as the canvases of their template (`templateCanvases`), and
// `migrateBoard` writes exactly those, with fixed ids, order keys and timestamps taken from the
// board: two replicas that migrate at the same time write the same values under the same keys, so
// whichever write wins, every replica ends with the same canvases (docs/data-model.md, "Compatibility").
import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import { canvasesMap, canvasMap, metaMap, notesMap, readMeta, type CanvasRecord } from './schema.ts';
import { BOARD_TEMPLATES, isBoardTemplateId } from '../templates/boardTemplates.ts';
import { canvasKind } from '../canvases/registry.ts';
import { translate } from '../i18n/index.ts';

/**
 * The canvases a board without stored canvases has: those of its template (`meta.template`; a
 * legacy board says `swot`, and a board without a known template counts as `swot`). None for a
 * document with neither metadata nor notes: that is a replica that has not synced yet, and
 * inventing canvases for it would race the real ones.
 */
export function templateCanvases(doc: Y.Doc): CanvasRecord[] {
  if (metaMap(doc).size === 0 && notesMap(doc).size === 0) return [];
  const meta = readMeta(doc);
  const template = BOARD_TEMPLATES[isBoardTemplateId(meta.template) ? meta.template : 'swot'];
  const orders = generateNKeysBetween(null, null, template.canvases.length);
  return template.canvases.map((c, i) => {
    const kind = canvasKind(c.kind);
    return {
      id: c.id,
      kind: c.kind,
      title: kind ? translate(String(meta.language ?? 'en'), kind.titleKey) : c.kind,
      order: orders[i],
      createdAt: Number(meta.createdAt ?? 0),
      removedAt: null,
      settings: { ...c.settings },
    };
  });
}

/**
 * Writes the template's canvases into a board that has none stored. Idempotent: a board with any
 * canvas is left alone. Returns whether it wrote. Notes are not rewritten: a note without `canvas`
 * already belongs to the `swot` canvas by the reading rule (`noteCanvasId`).
 */
export function migrateBoard(doc: Y.Doc, origin?: unknown): boolean {
  const canvases = canvasesMap(doc);
  if (canvases.size > 0) return false;
  const records = templateCanvases(doc);
  if (records.length === 0) return false;
  doc.transact(() => {
    for (const r of records) canvases.set(r.id, canvasMap(r));
  }, origin);
  return true;
}
