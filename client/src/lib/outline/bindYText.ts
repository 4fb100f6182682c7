// Svelte action: a textarea that edits a Y.Text. Typing sends only the changed characters, and
// someone else's typing updates the field without moving this user's caret (canvas/textField.ts).
import type * as Y from 'yjs';
import type { TextDelta } from '../canvas/textDiff.ts';
import { showTextInField, writeFieldToText } from '../canvas/textField.ts';

export interface BindYTextParams {
  text: Y.Text;
  origin: object;
}

export function bindYText(node: HTMLTextAreaElement, params: BindYTextParams) {
  let { text, origin } = params;
  node.value = text.toString();

  const onInput = () => writeFieldToText(text, node.value, origin);

  const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.origin === origin && node.value === text.toString()) return;
    showTextInField(node, text.toString(), event.delta as TextDelta, document.activeElement === node);
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
