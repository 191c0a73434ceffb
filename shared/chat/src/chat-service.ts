/**
 * Everything the chat does short of sockets: sessions, rooms, rate limits and JSON-RPC dispatch. The
 * hub feeds it text frames; tests feed it strings and read what each peer was sent.
 */
import { createJSONRPCNotification } from 'json-rpc-2.0';
import { DEFAULTS } from './constants.js';
import { rateLimited } from './errors.js';
import { memoryChat, registerChatMethods } from './methods.js';
import type { RedisChat } from './redis-chat.js';
import { TokenBucket } from './rate-limiter.js';
import type { ChatOptions } from './options.js';
import { Rooms } from './rooms.js';
import { RpcEndpoint } from './rpc.js';
import { ChatSession, type ChatPeer } from './session.js';

/** The {@link ChatOptions} that concern the protocol rather than sockets. */
export type ChatServiceOptions = Pick<
  ChatOptions,
  | 'rateLimit'
  | 'historySize'
  | 'historyMaxBytes'
  | 'maxBatchSize'
  | 'maxJoinsPerBatch'
  | 'maxRoomMembers'
  | 'roomRateLimit'
  | 'maxFanOutPerSecond'
  | 'now'
  | 'logError'
  | 'redis'
>;

/**
 * @example
 * const chat = new ChatService();
 * const sent: string[] = [];
 * const session = chat.createSession({ send: (t) => sent.push(t) });
 * await chat.handleText(session, '{"jsonrpc":"2.0","id":1,"method":"say_hello","params":["Bob"]}');
 * // '{"jsonrpc":"2.0","id":1,"result":"Hello, Bob!"}'
 */
export class ChatService {
  readonly rooms: Rooms<ChatSession>;
  readonly #rpc: RpcEndpoint<ChatSession>;
  readonly #rateLimit: { burst: number; perSecond: number };
  readonly #now: () => Date;
  readonly #redis: RedisChat<ChatSession> | undefined;

  // Serialised once however many members there are (fifty clients, one JSON.stringify).
  readonly #notify = (to: readonly ChatSession[], method: string, params: object): void => {
    if (to.length === 0) return;
    const frame = JSON.stringify(createJSONRPCNotification(method, params));
    const bytes = Buffer.byteLength(frame);
    for (const session of to) session.peer.send(frame, bytes);
  };

  constructor(options: ChatServiceOptions = {}) {
    this.#rateLimit = options.rateLimit ?? DEFAULTS.rateLimit;
    this.#now = options.now ?? (() => new Date());
    const { historySize, historyMaxBytes, maxRoomMembers, roomRateLimit, maxFanOutPerSecond } = options;
    this.rooms = new Rooms({
      historySize,
      historyMaxBytes,
      maxRoomMembers,
      roomRateLimit,
      maxFanOutPerSecond,
      clock: () => this.#now().getTime(),
    });
    this.#rpc = new RpcEndpoint<ChatSession>({
      maxBatchSize: options.maxBatchSize ?? DEFAULTS.maxBatchSize,
      // The one method whose reply is big (history + members): see DEFAULTS.maxJoinsPerBatch.
      maxPerBatch: { 'chat.join': options.maxJoinsPerBatch ?? DEFAULTS.maxJoinsPerBatch },
      ...(options.logError && { logError: options.logError }),
      gate: (session) => (session.bucket.take() ? undefined : rateLimited(this.#rateLimit.perSecond)),
    });
    this.#redis = options.redis;
    const backend = this.#redis ?? memoryChat({ rooms: this.rooms, notify: this.#notify });
    registerChatMethods(this.#rpc.server, backend, this.#now);
  }

  /** Set when rooms live in Redis (`REDIS_URL`); `rooms` is then unused. */
  get redis(): RedisChat<ChatSession> | undefined {
    return this.#redis;
  }

  /** Lets Redis-backed rooms finish pending leaves and disconnect; nothing to do in-process. */
  async close(): Promise<void> {
    await this.#redis?.close();
  }

  /** A new session with a full rate-limit bucket (on the same clock as message timestamps). */
  createSession(peer: ChatPeer): ChatSession {
    return new ChatSession(peer, new TokenBucket(this.#rateLimit, () => this.#now().getTime()));
  }

  /** The reply frame for one incoming text frame, or `null` when none is due. */
  handleText(session: ChatSession, text: string): Promise<string | null> {
    return this.#rpc.handle(text, session);
  }

  /** A closed socket leaves its room; the others get `chat.left`. */
  disconnect(session: ChatSession): void {
    if (this.#redis) return this.#redis.disconnect(session);
    const left = this.rooms.leave(session);
    if (left) this.#notify(left.notify, 'chat.left', { room: left.room, nick: left.nick });
  }
}
