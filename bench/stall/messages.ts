// IPC messages between the stall bench (stallBench.ts) and its victim process (victimMain.ts).

export type ToVictim =
  | {
      type: 'start';
      /** Room URLs' base and room of the victim's board. */
      wsUrl: string;
      room: string;
      /** URL parameters (sessions) of the writer (a WebsocketProvider) and the reader (a bare socket). */
      writer: Record<string, string>;
      reader: Record<string, string>;
      editMs: number;
    }
  /** Asks for the sequence number the next edit will get. */
  | { type: 'mark' }
  | { type: 'status' }
  /** Asks for the delays of edits from..to-1. */
  | { type: 'samples'; from: number; to: number };

export interface VictimStatus {
  type: 'status';
  /** Age (ms) of the oldest edit the reader has not received yet; 0 if none. */
  oldestOutstandingMs: number;
  /** Closes the server sent the writer or the reader so far, e.g. "writer 1013 client too slow". */
  closes: string[];
}

export type FromVictim =
  | { type: 'ready' }
  | { type: 'started' }
  | { type: 'mark'; seq: number }
  | VictimStatus
  /** Per edit, writer to reader delay in ms, or null if not received yet (then `ages` has its age). */
  | { type: 'samples'; delays: Array<number | null>; ages: number[] }
  | { type: 'error'; message: string };
