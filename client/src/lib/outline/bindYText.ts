// Svelte action: a textarea that edits a Y.Text. Typing sends only the changed characters (one
// splice, see canvas/textDiff.ts), and someone else's typing updates the field without moving
// this user's caret.
import type * as Y from 'yjs';
import { diffText, transformCaret, type TextDelta } from '../canvas/textDiff.ts';

export interface BindYTextParams {
  text: Y.Text;
  origin: object;
}

export function bindYText(node: HTMLTextAreaElement, params: BindYTextParams) {
  let { text, origin } = params;
  node.value = text.toString();

  const onInput = () => {
    const splice = diffText(text.toString(), node.value);
    if (!splice || !text.doc) return;
    text.doc.transact(() => {
      if (splice.remove > 0) text.delete(splice.index, splice.remove);
      if (splice.insert) text.insert(splice.index, splice.insert);
    }, origin);
  };

  const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.origin === origin && node.value === text.toString()) return;
    const focused = document.activeElement === node;
    const start = node.selectionStart;
    const end = node.selectionEnd;
    node.value = text.toString();
    if (focused) {
      const delta = event.delta as TextDelta;
      node.setSelectionRange(transformCaret(delta, start), transformCaret(delta, end));
    }
  };

  node.addEventListener('input', onInput);
  text.observe(onChange);

  return {
    update(next: BindYTextParams) {
      if (next.text !== text) {
        text.unobserve(onChange);
        text = next.text;
        text.observe(onChange);
        node.value = text.toString();
      }
      origin = next.origin;
    },
    destroy() {
      node.removeEventListener('input', onInput);
      text.unobserve(onChange);
    },
  };
}
