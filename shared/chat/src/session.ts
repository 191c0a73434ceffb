/**
 * One connected client, as the service and the Redis back end both see it. A leaf module: options.ts
 * names it (the `redis` option) and chat-service.ts creates it, so neither has to import the other.
 */
import type { TokenBucket } from './rate-limiter.js';

/** Whatever can receive a text frame: a socket in the hub, an array push in tests. */
export interface ChatPeer {
  /** `byteLength` is the frame's UTF-8 size when the caller already knows it (fan-out measures once). */
  send(text: string, byteLength?: number): void;
}

/** One connected client. */
export class ChatSession {
  constructor(
    readonly peer: ChatPeer,
    readonly bucket: TokenBucket,
  ) {}
}
