/**
 * API Gateway closes a connection whose frame exceeds 32 KB, and whose message (fragments
 * reassembled) exceeds 128 KB, both with 1009. `ws` has one limit (`maxPayload`) for both; the
 * message limit uses it, and this adds the frame limit to one connection's receiver.
 *
 * It wraps `Receiver#haveLength`, the step where `ws` has read a frame's length and checks
 * `maxPayload` — an internal of ws 8 (checked at startup: if the shape changes, the frame limit is
 * reported as unavailable instead of silently ignored).
 */
import type { WebSocket } from 'ws';

interface ReceiverInternals {
  _payloadLength: number;
  _opcode: number;
  haveLength(cb: (error?: Error) => void): void;
  createError(ctor: ErrorConstructor, message: string, prefix: boolean, statusCode: number, errorCode: string): Error;
}

/** Limits the size of each data frame of `ws`; false if the receiver does not have the expected shape. */
export function limitFrameSize(ws: WebSocket, maxFrameBytes: number): boolean {
  const receiver = (ws as unknown as { _receiver?: ReceiverInternals })._receiver;
  if (!receiver || typeof receiver.haveLength !== 'function' || typeof receiver.createError !== 'function') return false;
  const original = receiver.haveLength;
  receiver.haveLength = function limitedHaveLength(this: ReceiverInternals, cb: (error?: Error) => void): void {
    // Opcodes below 8 are data frames (text, binary, continuation); control frames have their own 125-byte rule.
    if (this._opcode < 0x08 && this._payloadLength > maxFrameBytes) {
      cb(this.createError(RangeError, 'Max frame size exceeded', false, 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
      return;
    }
    original.call(this, cb);
  };
  return true;
}
