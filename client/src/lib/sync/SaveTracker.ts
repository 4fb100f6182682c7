// Knows which local updates the server has confirmed as stored. "All changes saved" is shown only
// when nothing is pending: the server's `Stored` message (protocol.ts MessageType.Stored) carries a
// snapshot of its stored document, and an update is durable once that snapshot contains it.
import * as Y from 'yjs';

/** Above this many pending updates they are merged into one, so a long offline session stays cheap to check. */
const MERGE_THRESHOLD = 64;

export class SaveTracker {
  private pending: Uint8Array[] = [];
  private listeners = new Set<(saved: boolean) => void>();

  /** Records a local update that the server has not confirmed yet. */
  add(update: Uint8Array): void {
    const wasSaved = this.pending.length === 0;
    this.pending.push(update);
    if (this.pending.length > MERGE_THRESHOLD) this.pending = [Y.mergeUpdates(this.pending)];
    if (wasSaved) this.emit();
  }

  /** Drops every pending update the stored snapshot contains. */
  acknowledge(snapshot: Y.Snapshot): void {
    if (this.pending.length === 0) return;
    this.pending = this.pending.filter((u) => !Y.snapshotContainsUpdate(snapshot, u));
    if (this.pending.length === 0) this.emit();
  }

  /** Tells whether the item `id` is in a local update the server has not confirmed. */
  pendingHolds(): (id: Y.ID) => boolean {
    const ranges = this.pending.flatMap((u) => Y.decodeUpdate(u).structs.map((s) => ({ client: s.id.client, from: s.id.clock, to: s.id.clock + s.length })));
    return (id) => ranges.some((r) => r.client === id.client && r.from <= id.clock && id.clock < r.to);
  }

  get saved(): boolean {
    return this.pending.length === 0;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  onChange(fn: (saved: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn(this.saved);
  }
}
