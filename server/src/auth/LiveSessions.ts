// The open connections (/yjs and socket.io) of each session, so ending a session (its link rotated
// or revoked, its participant removed: issue 10) closes them at once instead of at their next
// expiry check. With several instances (REDIS_URL) `end` also tells the others (bus/BoardBus.ts),
// which close their sockets of those sessions with `endHere`.

/** Why sessions end before their time; each maps to a close reason and an ErrorCode the client shows. */
export type SessionEnd = 'link_revoked' | 'removed';

type Closer = (why: SessionEnd) => void;

export class LiveSessions {
  private readonly bySession = new Map<string, Set<Closer>>();

  /** `tellOthers`: the other instances' connections of ended sessions (BoardBus.publishSessionsEnded). */
  constructor(private readonly tellOthers?: (sessionHashes: string[], why: SessionEnd) => void) {}

  /** Registers an open connection; call the returned function when it closes. */
  add(sessionHash: string, close: Closer): () => void {
    let set = this.bySession.get(sessionHash);
    if (!set) this.bySession.set(sessionHash, (set = new Set()));
    set.add(close);
    return () => {
      set.delete(close);
      if (set.size === 0 && this.bySession.get(sessionHash) === set) this.bySession.delete(sessionHash);
    };
  }

  /** Closes every connection of these sessions, here and on the other instances; returns how many here. */
  end(sessionHashes: Iterable<string>, why: SessionEnd): number {
    const hashes = Array.from(sessionHashes);
    this.tellOthers?.(hashes, why);
    return this.endHere(hashes, why);
  }

  /** Closes this instance's connections of these sessions; returns how many. */
  endHere(sessionHashes: Iterable<string>, why: SessionEnd): number {
    let closed = 0;
    for (const hash of sessionHashes) {
      const set = this.bySession.get(hash);
      if (!set) continue;
      this.bySession.delete(hash);
      for (const close of set) {
        closed++;
        close(why);
      }
    }
    return closed;
  }
}
