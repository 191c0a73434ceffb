/** Byte-level helpers for ws frames, kept apart from the hub's lifecycle logic. */
import { Buffer } from 'node:buffer';
import type { FrameData } from './socket.js';

/** Bytes a server frame of `payload` bytes takes on the wire: ws adds a 2, 4 or 10 byte header (no mask). */
export function frameBytes(payload: number): number {
  return payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
}

/** ws hands text frames over as Buffer, ArrayBuffer or Buffer[] depending on the socket's binaryType. */
export function rawToBuffer(data: FrameData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
