// What a write to the board document touches, from where it sits in the document. The server's
// update check (issue 7, "Write rules the server enforces") resolves every struct of an incoming
// update, and every item in its delete set, to a parent chain and asks `writeTarget`; the
// permission rules then decide per target. It looks at names only, never at the document, so it
// costs the same on a board of any size.
import { CANVAS_ID_PATTERN, PARTICIPANT_ID_PATTERN, ROOT } from './schema.ts';
import { parsePersonalKey } from './personal.ts';
import { parseAccountKey } from '../canvases/pyramid/accounts.ts';

/**
 * Where an item sits: the name of the root type it is under, and the map keys from the root down to
 * the item itself (its own `parentSub` last). A level that is not a map entry (a character of a
 * `Y.Text`, an element of a `Y.Array`) is `null`.
 *
 * Examples: a note's colour `('notes', [noteId, 'color'])`; a character typed into a note
 * `('notes', [noteId, 'text', null])`; a score `('personal', ['<canvasId>/<participantId>/<entry>'])`.
 */
export type ParentPath = readonly (string | null)[];

export type WriteTarget =
  /** Board metadata (title, template, language). */
  | { kind: 'meta'; key: string }
  /** A canvas created, replaced or deleted as a whole (no `field`), or one of its fields (title, order, removedAt, kind). */
  | { kind: 'canvas-structure'; canvasId: string; field?: string }
  /** A canvas's settings (the matrix's rows, columns, scale, chosen options); `key` is absent when the settings map itself is replaced. */
  | { kind: 'canvas-settings'; canvasId: string; key?: string }
  /**
   * A note created, replaced or deleted (no `field`), or one of its fields (`text`, `x`, `canvas`...).
   * Which canvas the note is on is not in the path: `noteCanvasId` reads it from the document.
   */
  | { kind: 'note'; noteId: string; field?: string }
  /** One participant's own entry on one canvas (a matrix score). */
  | { kind: 'personal'; canvasId: string; participantId: string; entry: string }
  /** One account of a customer pyramid canvas (added, edited, moved by hand, removed, or replaced by an import). */
  | { kind: 'account'; canvasId: string; accountId: string }
  /** The participant list (id to name), which only the server writes. */
  | { kind: 'participant'; participantId: string }
  /** Under a known root, but not in a shape the schema allows: refuse it. */
  | { kind: 'malformed'; root: string; reason: string }
  /** A root type the schema does not have. */
  | { kind: 'unknown-root'; name: string };

export function writeTarget(root: string, path: ParentPath): WriteTarget {
  const [first, second, third] = path;
  if (path.length === 0) return malformed(root, 'empty path');
  switch (root) {
    case ROOT.meta:
      return first === null ? malformed(root, 'not a map entry') : { kind: 'meta', key: first };
    case ROOT.notes:
      if (first === null) return malformed(root, 'not a map entry');
      if (path.length === 1) return { kind: 'note', noteId: first };
      return second === null ? malformed(root, 'not a note field') : { kind: 'note', noteId: first, field: second };
    case ROOT.canvases:
      if (first === null || !CANVAS_ID_PATTERN.test(first)) return malformed(root, 'not a canvas id');
      if (path.length === 1) return { kind: 'canvas-structure', canvasId: first };
      if (second === null) return malformed(root, 'not a canvas field');
      if (second !== 'settings') return { kind: 'canvas-structure', canvasId: first, field: second };
      if (path.length === 2) return { kind: 'canvas-settings', canvasId: first };
      return third === null ? malformed(root, 'not a setting') : { kind: 'canvas-settings', canvasId: first, key: third };
    case ROOT.personal: {
      // Deeper levels (a nested type stored as a value) still belong to the entry that holds them.
      const key = first === null ? undefined : parsePersonalKey(first);
      return key ? { kind: 'personal', ...key } : malformed(root, 'not a <canvasId>/<participantId>/<entry> key');
    }
    case ROOT.accounts: {
      const key = first === null ? undefined : parseAccountKey(first);
      return key ? { kind: 'account', ...key } : malformed(root, 'not a <canvasId>/<accountId> key');
    }
    case ROOT.participants:
      return first === null || !PARTICIPANT_ID_PATTERN.test(first)
        ? malformed(root, 'not a participant id')
        : { kind: 'participant', participantId: first };
    default:
      return { kind: 'unknown-root', name: root };
  }
}

function malformed(root: string, reason: string): WriteTarget {
  return { kind: 'malformed', root, reason };
}
