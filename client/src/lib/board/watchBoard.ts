// Keeps a read of the whole board (readBoard: canvases, notes per canvas, per-person entries) fresh
// for the chrome: the navigator's counts, the outline's sections, the current canvas.
import type * as Y from 'yjs';
import { readBoard, type BoardSnapshot } from '$shared/board/readBoard.ts';
import { throttle } from '../canvas/throttle.ts';

/**
 * Others' changes are read again at most this often: a room of people typing sends dozens of
 * updates a second, and a count in the navigator need not follow each keystroke.
 */
export const REMOTE_REFRESH_MS = 200;

/**
 * Calls `onChange` with a read of the board now and after every change: this user's own (`isLocal`
 * origins) once per task, so what they did shows at once; others' at most every REMOTE_REFRESH_MS.
 * Returns what stops it.
 */
export function watchBoard(doc: Y.Doc, isLocal: (origin: unknown) => boolean, onChange: (board: BoardSnapshot) => void): () => void {
  let stopped = false;
  let queued = false;
  const emit = () => {
    queued = false;
    remote.cancel();
    if (!stopped) onChange(readBoard(doc));
  };
  const remote = throttle(emit, REMOTE_REFRESH_MS);
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (!isLocal(origin)) {
      remote();
    } else if (!queued) {
      // One read for all the transactions of one action (a structure change and its note pins).
      queued = true;
      queueMicrotask(emit);
    }
  };
  doc.on('update', onUpdate);
  onChange(readBoard(doc));
  return () => {
    stopped = true;
    remote.cancel();
    doc.off('update', onUpdate);
  };
}
