// Turning textarea edits into Y.Text operations and remote Y.Text changes into caret moves.
// Pure functions; textField.ts applies them to the note editor and the outline view.

/** One contiguous replacement: delete `remove` characters at `index`, then insert `insert`. */
export interface TextSplice {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The smallest single splice that turns `before` into `after`, found by common prefix and suffix.
 * Typing, deleting and pasting in a textarea are all single splices, so only the typed characters
 * travel to other users and concurrent edits elsewhere in the note are kept.
 */
export function diffText(before: string, after: string): TextSplice | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a UTF-16 surrogate pair (emoji): Y.Text would store half a character.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (endB < before.length && isLowSurrogate(before.charCodeAt(endB)) && endB > start) {
    endB++;
    endA++;
  }
  return { index: start, remove: endB - start, insert: after.slice(start, endA) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A Y.Text delta as delivered by YTextEvent.delta (attributes ignored: notes are plain text). */
export type TextDelta = Array<{ insert?: string | object; delete?: number; retain?: number }>;

/**
 * Where a caret at `pos` ends up after someone else's change: text inserted before it pushes it
 * right, text deleted before it pulls it left, a deletion around it collapses it to the deletion
 * point. An insertion exactly at the caret stays after the caret (the other user typed there).
 */
export function transformCaret(delta: TextDelta, pos: number): number {
  let oldIndex = 0;
  let out = pos;
  for (const op of delta) {
    if (oldIndex >= pos) break;
    if (op.retain !== undefined) {
      oldIndex += op.retain;
    } else if (op.insert !== undefined) {
      out += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      out -= Math.min(op.delete, pos - oldIndex);
      oldIndex += op.delete;
    }
  }
  return Math.max(0, out);
}
