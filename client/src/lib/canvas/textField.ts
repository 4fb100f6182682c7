// The two halves of binding a <textarea> to a Y.Text, shared by the canvas note editor and the
// outline view: local typing goes out as one splice, remote typing comes in without moving the
// user's caret.
import type * as Y from 'yjs';
import { diffText, transformCaret, type TextDelta } from './textDiff.ts';

/** Writes a field's new value into the Y.Text as one splice, so only the typed characters travel. */
export function writeFieldToText(text: Y.Text, value: string, origin: object): void {
  const splice = diffText(text.toString(), value);
  if (!splice || !text.doc) return;
  text.doc.transact(() => {
    if (splice.remove > 0) text.delete(splice.index, splice.remove);
    if (splice.insert) text.insert(splice.index, splice.insert);
  }, origin);
}

/** Shows a remote change in the field; with `keepCaret` the caret stays on the text it was at. */
export function showTextInField(field: HTMLTextAreaElement, value: string, delta: TextDelta, keepCaret: boolean): void {
  const start = field.selectionStart;
  const end = field.selectionEnd;
  field.value = value;
  if (!keepCaret) return;
  const s = transformCaret(delta, start);
  field.setSelectionRange(s, Math.max(s, transformCaret(delta, end)));
}
