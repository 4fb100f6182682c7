// Sends one message to many sockets with one WebSocket frame header: an edit on a board with N
// connections is framed once, not N times (issue 6: server CPU per edit). The frame is cached per
// message object, so the Room's fan-out loop (one Uint8Array for every client) reuses it.
import * as ws from 'ws';
import type { WebSocket } from 'ws';

/** ws's frame builder (exported by ws, not described by @types/ws). */
const frameOf = (ws as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }).Sender.frame;

/** The parts of ws's internal sender this uses; checked at runtime, with ws.send as the fallback. */
interface InternalSender {
  sendFrame(list: Buffer[], cb?: (err?: Error) => void): void;
  _state: number;
}

export class FrameSender {
  private readonly framed = new WeakMap<Uint8Array, Buffer[]>();

  send(socket: WebSocket, message: Uint8Array): void {
    const sender = (socket as unknown as { _sender?: InternalSender })._sender;
    // _state 0 is ws's DEFAULT: nothing queued (no compression, no blob), so a direct write keeps order.
    if (!sender || typeof sender.sendFrame !== 'function' || sender._state !== 0) {
      socket.send(message);
      return;
    }
    let frame = this.framed.get(message);
    if (!frame) {
      const data = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
      frame = frameOf(data, { fin: true, opcode: 0x02, mask: false, readOnly: true, rsv1: false });
      this.framed.set(message, frame);
    }
    sender.sendFrame(frame);
  }
}
