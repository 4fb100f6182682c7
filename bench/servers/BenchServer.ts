// What the bench needs from a server under test. Both implementations run the server in a child
// process of their own, so neither shares an event loop with the clients or with the other server.

export interface BoardAccess {
  /** Room name for `new WebsocketProvider(wsUrl, room, doc)`. */
  room: string;
  /** URL parameters for client i (e.g. its session); the same length as the clients asked for. */
  params: Array<Record<string, string>>;
}

export interface BenchServer {
  readonly name: string;
  /** Process id of the server's child process (for CPU accounting). */
  readonly pid: number | undefined;
  /** Base URL for WebsocketProviders, e.g. ws://127.0.0.1:1234/yjs. */
  readonly wsUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Creates a board (or picks a fresh room) and credentials for `clients` connections. */
  openBoard(clients: number): Promise<BoardAccess>;
}
