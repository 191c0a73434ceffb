/** What a JSON-RPC 2.0 peer receives, told apart without trusting the sender. */
import type { RawData } from 'ws';

/** A reply to a request: a result or an error, with the request's id. */
export interface RpcReply {
  jsonrpc: '2.0';
  id: string | number | null;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** A reply: an object with an `id` and no `method` (a batch reply is an array, not a reply). */
export function isReply(frame: unknown): frame is RpcReply {
  return (
    typeof frame === 'object' &&
    frame !== null &&
    !Array.isArray(frame) &&
    'id' in frame &&
    !('method' in frame)
  );
}

/** A notification: a `method` and no `id`. */
export function isNotification(frame: unknown): frame is { method: string; params: unknown } {
  return typeof frame === 'object' && frame !== null && 'method' in frame && !('id' in frame);
}

/**
 * Any frame as a predicate reads it: every field optional, so a reply, a notification and a request
 * all fit, and a field that is absent (or a frame that is a batch array) reads as `undefined`.
 */
export interface JsonFrame {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** A text frame's characters, whichever form the socket's `binaryType` hands it over in. */
export function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString();
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString();
}
