// Why the server replays stored updates one by one instead of merging them first: the time of
// each way on a slice of the same history, and whether both give the same document.
import * as Y from 'yjs';
import { ms, table } from '../stats.ts';

export interface MergeVsReplayResult {
  updates: number;
  replayMs: number;
  mergeMs: number;
  mergeThenApplyMs: number;
  sameContent: boolean;
  sameState: boolean;
}

function median(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

export function mergeVsReplay(base: Uint8Array, updates: Uint8Array[], runs = 3): MergeVsReplayResult {
  const all = [base, ...updates];
  let replayed = new Y.Doc();
  const replayMs = median(() => {
    replayed = new Y.Doc();
    replayed.transact(() => {
      for (const u of all) Y.applyUpdate(replayed, u);
    });
  }, runs);
  let merged: Uint8Array = new Uint8Array();
  const mergeMs = median(() => {
    merged = Y.mergeUpdates(all);
  }, runs);
  let fromMerged = new Y.Doc();
  const applyMs = median(() => {
    fromMerged = new Y.Doc();
    Y.applyUpdate(fromMerged, merged);
  }, runs);
  return {
    updates: updates.length,
    replayMs,
    mergeMs,
    mergeThenApplyMs: mergeMs + applyMs,
    sameContent: JSON.stringify(replayed.toJSON()) === JSON.stringify(fromMerged.toJSON()),
    sameState: Buffer.from(Y.encodeStateVector(replayed)).equals(Buffer.from(Y.encodeStateVector(fromMerged))),
  };
}

export function formatMergeVsReplay(r: MergeVsReplayResult): string {
  return [
    table(
      ['way to load ' + r.updates + ' updates', 'time'],
      [
        ['replay: applyUpdate each, one transaction (ours)', ms(r.replayMs, 1)],
        ['Y.mergeUpdates only', ms(r.mergeMs, 1)],
        ['Y.mergeUpdates + applyUpdate', ms(r.mergeThenApplyMs, 1)],
      ],
    ),
    `same document both ways: content ${r.sameContent ? 'yes' : 'NO'}, state vector ${r.sameState ? 'yes' : 'NO'}`,
  ].join('\n');
}
