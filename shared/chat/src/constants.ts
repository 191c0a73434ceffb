/**
 * Every number the chat protocol promises, in one place: the README tables are written from this file.
 */

/** The path every app serves the chat WebSocket on, beside its HTTP routes on the same port. */
export const WS_PATH = '/ws';

/** Largest accepted frame (bytes); a bigger one closes the socket with 1009. */
export const MAX_PAYLOAD = 64 * 1024;

/** Defaults for {@link ChatOptions}; tests override them (short heartbeats, tiny buffers). */
export const DEFAULTS = {
  maxPayload: MAX_PAYLOAD,
  /** A client whose unsent backlog passes this is dropped with 1013. */
  maxBufferedBytes: 1024 * 1024,
  heartbeatMs: 30_000,
  /** 20 messages at once, then 20 per second sustained. */
  rateLimit: { burst: 20, perSecond: 20 },
  historySize: 50,
  /** Bigger batches get one -32600 instead of a reply per entry (caps reply amplification). */
  maxBatchSize: 100,
  /** How long a close handshake may take before the socket is terminated. */
  closeTimeoutMs: 2_000,
} as const;

/** Domain limits (validation in `validate.ts`). */
export const LIMITS = {
  roomPattern: /^[a-z0-9-]{1,32}$/,
  nickMaxLength: 24,
  textMaxLength: 2000,
  helloNameMaxLength: 64,
} as const;

// JSON-RPC 2.0 standard error codes.
/** Invalid JSON (the id is always null). */
export const PARSE_ERROR = -32700;
/** Valid JSON that is not a request object (or an empty/oversized batch). */
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
/** The message says which param and why; `error.data.param` names it. */
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;

// Application errors (the spec reserves -32000…-32099 for the server).
/** Over the per-socket rate limit; the socket stays open, retry later. */
export const RATE_LIMITED = -32000;
/** `chat.send`/`chat.leave` before `chat.join`. */
export const NOT_JOINED = -32001;
/** Another member of the room already uses this nick (compared case-insensitively). */
export const NICK_TAKEN = -32002;

/** WebSocket close codes the hub uses (RFC 6455 §7.4.1). */
export const CLOSE_CODES = {
  goingAway: 1001,
  unsupportedData: 1003,
  messageTooBig: 1009,
  tryAgainLater: 1013,
} as const;
