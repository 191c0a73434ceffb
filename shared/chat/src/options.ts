import type { RedisChat } from './redis-chat.js';
import type { ChatSession } from './session.js';

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
  /**
   * Most unsent bytes a client may have (default 1 MiB): a frame that would take the backlog past it
   * is not sent; the client is closed with 1013 and terminated on the next turn of the event loop.
   */
  maxBufferedBytes?: number;
  /** Ping interval; a client that did not pong the previous ping is terminated (default 30 s). */
  heartbeatMs?: number;
  /** Token bucket per socket, charged per request (each batch entry counts); `Infinity` disables it. */
  rateLimit?: { burst: number; perSecond: number };
  /** Messages kept per room and returned on join (default 50). */
  historySize?: number;
  /** Most bytes of JSON the kept history may take, newest kept (default 64 KiB). */
  historyMaxBytes?: number;
  /** Bigger batches get one -32600 (default 20). */
  maxBatchSize?: number;
  /** A batch with more `chat.join` entries gets one -32600 (default 1). */
  maxJoinsPerBatch?: number;
  /** Members per room; a join into a full room gets -32004 (default 250). */
  maxRoomMembers?: number;
  /** Messages per second per room, shared by its members; over it → -32003 (default 60 at once, 30/s). */
  roomRateLimit?: { burst: number; perSecond: number };
  /**
   * Notification frames per second for the whole process, burst one second's worth; over it, sends
   * and joins get -32005 (default 20,000). `Infinity` disables it.
   */
  maxFanOutPerSecond?: number;
  /** How long a close handshake may take before the socket is terminated (default 2 s). */
  closeTimeoutMs?: number;
  /** Browser origins allowed besides the request's own host; default from `ALLOWED_ORIGINS`. */
  allowedOrigins?: readonly string[];
  /** Clock for message times and the rate limiter (tests pass a fake). */
  now?: () => Date;
  /**
   * Rooms, nicks and history in Redis, shared with every process on the same Redis (see
   * redis-chat.ts); without it, the in-process rooms.
   */
  redis?: RedisChat<ChatSession>;
  /** Unexpected errors (bugs); defaults to console.error. */
  logError?: (err: unknown) => void;
}

/** `off` (no limit) or a positive number. */
function readLimit(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  if (value === 'off') return Infinity;
  const n = Number(value);
  if (!(n > 0)) throw new Error(`${name} must be a positive number or "off", got "${value}"`);
  return n;
}

/**
 * The fan-out limits an operator may set per process without code: `CHAT_ROOM_RATE` (messages per
 * second per room, burst twice that), `CHAT_FANOUT_PER_SECOND` and `CHAT_ROOM_MAX_MEMBERS`, each a
 * number or `off`. The bench lifts the first two (its ws scenarios measure fan-out throughput, which
 * these limits exist to cap) and says so in its method line; unset means the defaults. Throws at
 * start-up on a malformed value.
 *
 * @example new ChatHub({ ...chatOptionsFromEnv(process.env), ...options })
 */
export function chatOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ChatOptions {
  const roomRate = readLimit(env, 'CHAT_ROOM_RATE');
  const fanOut = readLimit(env, 'CHAT_FANOUT_PER_SECOND');
  const members = readLimit(env, 'CHAT_ROOM_MAX_MEMBERS');
  return {
    ...(roomRate !== undefined && { roomRateLimit: { burst: roomRate * 2, perSecond: roomRate } }),
    ...(fanOut !== undefined && { maxFanOutPerSecond: fanOut }),
    ...(members !== undefined && { maxRoomMembers: members }),
  };
}
