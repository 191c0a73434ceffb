/**
 * Every limit of the hub is an option (tests use tiny ones); the defaults live in `DEFAULTS`
 * (constants.ts) and the README's limits table.
 *
 * @example
 * new ChatHub({ heartbeatMs: 50, rateLimit: { burst: 5, perSecond: 5 }, allowedOrigins: ['http://localhost:5173'] });
 */
export interface ChatOptions {
  /** Largest frame in bytes (default 64 KiB); pass `hub.wsOptions` to the WebSocketServer too. */
  maxPayload?: number;
  /** Unsent bytes after which a slow client is dropped with 1013 (default 1 MiB). */
  maxBufferedBytes?: number;
  /** Ping interval; a client that did not pong the previous ping is terminated (default 30 s). */
  heartbeatMs?: number;
  /** Token bucket per socket, charged per request (each batch entry counts); `Infinity` disables it. */
  rateLimit?: { burst: number; perSecond: number };
  /** Messages kept per room and returned on join (default 50). */
  historySize?: number;
  /** Bigger batches get one -32600 (default 100). */
  maxBatchSize?: number;
  /** How long a close handshake may take before the socket is terminated (default 2 s). */
  closeTimeoutMs?: number;
  /** Browser origins allowed besides the request's own host; default from `ALLOWED_ORIGINS`. */
  allowedOrigins?: readonly string[];
  /** Clock for message times and the rate limiter (tests pass a fake). */
  now?: () => Date;
  /** Unexpected errors (bugs); defaults to console.error. */
  logError?: (err: unknown) => void;
}
