/** What a room needs from a client connection: the room does not know about `ws` or HTTP. */
export interface RoomSocket {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}
