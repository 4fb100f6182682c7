// How the HTML canvas views (matrix, quickscan, 7S, pyramid, actions) follow the board document.
import { untrack } from 'svelte';
import type * as Y from 'yjs';

/**
 * Calls `read` whenever `doc` changes, until the returned function is called. This user's own change
 * (`origin`) is read at once (the control under the finger must agree with the document); others'
 * at most once per animation frame, so a room scoring at once costs one read per frame. The first
 * read runs untracked: called from an effect, it must not make that effect depend on what it writes.
 */
export function followDocument(doc: Y.Doc, origin: unknown, read: () => void): () => void {
  let frame = 0;
  const onUpdate = (_update: Uint8Array, from: unknown) => {
    if (from === origin) {
      cancelAnimationFrame(frame);
      frame = 0;
      read();
    } else if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        read();
      });
    }
  };
  untrack(read);
  doc.on('update', onUpdate);
  return () => {
    doc.off('update', onUpdate);
    cancelAnimationFrame(frame);
  };
}
