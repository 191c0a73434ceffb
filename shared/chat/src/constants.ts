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
  /**
   * History is also capped by its serialised size (the JSON of the `history` array), newest kept: 50
   * messages of escape-heavy text (a control character is 6 bytes of JSON) would otherwise be 600 KB.
   */
  historyMaxBytes: 64 * 1024,
  /** Bigger batches get one -32600 instead of a reply per entry; matches the rate-limit burst. */
  maxBatchSize: 20,
  /**
   * A batch holding more `chat.join`s than this gets one -32600 before anything runs. A join reply is
   * the only large one (history + members); one per frame keeps a frame's reply near 100 KiB.
   */
  maxJoinsPerBatch: 1,
  /**
   * A join into a room this full gets -32004. A room's fan-out is members × its message rate
   * (250 × 30/s = 7,500 frames/s); 250 lets a whole meetup audience share the demo's one room.
   */
  maxRoomMembers: 250,
  /** Messages per room, shared by all its members (token bucket); over it → -32003 for that send. */
  roomRateLimit: { burst: 60, perSecond: 30 },
  /**
   * Notification frames per second the whole process may fan out (messages and presence), burst
   * one second's worth; past it, sends and joins get -32005. This is what keeps HTTP responsive
   * however many rooms there are. Must exceed 2 × maxRoomMembers (the most one call can cost).
   */
  maxFanOutPerSecond: 20_000,
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
// -32601 (method not found) is answered by json-rpc-2.0 itself; nothing here names it.
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
/** The room is over its shared message rate (`roomRateLimit`); retry later. */
export const ROOM_BUSY = -32003;
/** The room has `maxRoomMembers` members; join another room or retry later. */
export const ROOM_FULL = -32004;
/** The process-wide fan-out budget (`maxFanOutPerSecond`) is spent; retry later. */
export const SERVER_BUSY = -32005;
/** Only with `REDIS_URL`: the connection to Redis is down; the client reconnects, retry shortly. */
export const BACKEND_UNAVAILABLE = -32006;

/** WebSocket close codes the hub uses (RFC 6455 §7.4.1). */
export const CLOSE_CODES = {
  goingAway: 1001,
  unsupportedData: 1003,
  messageTooBig: 1009,
  tryAgainLater: 1013,
} as const;
