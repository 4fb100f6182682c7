// Rebuilds a board's Y.Doc from storage, and repairs a board that stored updates have poisoned.
//
// Boards stored before updates were checked (issue 6) may hold an update that makes every full
// encode throw (content nested 50,000 deep, clocks past 2^53): such a board could not be opened by
// anyone. The fast path applies everything and encodes once (the encoding is kept: it is the first
// client's sync and proves the board can be served). Only when that encode throws are the updates
// replayed again, each checked (checkUpdate) and, if that is not enough, each tried on its own.
import * as Y from 'yjs';
import type { StoredDocument } from '../storage/BoardStore.ts';
import { checkUpdate, DEFAULT_UPDATE_LIMITS } from './checkUpdate.ts';

/** On load every stored size is accepted: only what breaks the board is skipped. */
const LOAD_LIMITS = { ...DEFAULT_UPDATE_LIMITS, maxParts: Infinity, maxDeleteRanges: Infinity, maxPendingBytes: Infinity };

export interface LoadedDoc {
  doc: Y.Doc;
  /** Y.encodeStateAsUpdate(doc), which succeeded. */
  state: Uint8Array;
  /** Stored updates left out (0 = the snapshot, n = the n-th update after it), with the reason. */
  skipped: Array<{ index: number; reason: string }>;
}

export function loadDoc(stored: StoredDocument): LoadedDoc {
  const updates = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  const first = replay(updates, () => undefined);
  const state = tryEncode(first.doc);
  if (state) return { doc: first.doc, state, skipped: first.skipped };
  first.doc.destroy();

  const checked = replay(updates, (doc, u) => {
    const check = checkUpdate(doc, u, LOAD_LIMITS);
    return check.kind === 'invalid' ? check.reason : undefined;
  });
  const checkedState = tryEncode(checked.doc);
  if (checkedState) return { doc: checked.doc, state: checkedState, skipped: checked.skipped };
  checked.doc.destroy();

  // Unknown poison: apply one update at a time and keep only those after which the board encodes.
  let doc = new Y.Doc();
  let good = Y.encodeStateAsUpdate(doc);
  const skipped: LoadedDoc['skipped'] = [];
  updates.forEach((u, index) => {
    try {
      Y.applyUpdate(doc, u, 'load');
      good = Y.encodeStateAsUpdate(doc);
    } catch (err) {
      skipped.push({ index, reason: `breaks the board: ${err instanceof Error ? err.message : String(err)}` });
      // Applying is not atomic: go back to the last state that encoded.
      doc.destroy();
      doc = new Y.Doc();
      Y.applyUpdate(doc, good, 'load');
    }
  });
  return { doc, state: good, skipped };
}

function replay(updates: Uint8Array[], refuse: (doc: Y.Doc, update: Uint8Array) => string | undefined) {
  const doc = new Y.Doc();
  const skipped: LoadedDoc['skipped'] = [];
  // Each update is applied on its own (never Y.mergeUpdates over many: yjs#710 loses content).
  doc.transact(() => {
    updates.forEach((u, index) => {
      const reason = refuse(doc, u);
      if (reason) return void skipped.push({ index, reason });
      try {
        Y.applyUpdate(doc, u, 'load');
      } catch (err) {
        skipped.push({ index, reason: err instanceof Error ? err.message : String(err) });
      }
    });
  }, 'load');
  return { doc, skipped };
}

function tryEncode(doc: Y.Doc): Uint8Array | undefined {
  try {
    return Y.encodeStateAsUpdate(doc);
  } catch {
    return undefined;
  }
}
