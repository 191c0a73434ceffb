/**
 * Socket lifecycle around {@link ChatService}: frame checks, backpressure, heartbeat, shutdown.
 * Framework- and runtime-neutral: it takes over an already-open {@link ChatSocket} (a `ws` socket on
 * Node, a Web socket through `WebSocketPeer` on Bun and Deno), however the app accepted it.
 */
import { ChatService } from './chat-service.js';
import { CLOSE_CODES, DEFAULTS } from './constants.js';
import type { ChatOptions } from './options.js';
import { isOriginAllowed, parseAllowedOrigins } from './origin.js';
import type { ChatSession } from './session.js';
import { READY_STATE, type ChatSocket, type FrameData } from './socket.js';
import { frameBytes, rawToBuffer } from './wire.js';

export type { ChatOptions } from './options.js';

interface Client {
  socket: ChatSocket;
  session: ChatSession;
  /** Cleared when a ping goes out, set again by the pong. */
  alive: boolean;
  /** Set once the hub has started closing this socket: no more input is read, no more output sent. */
  closing: boolean;
  /** The frames of one socket are handled one after another (see #onMessage). */
  queue: Promise<void>;
  killTimer?: NodeJS.Timeout;
}

/**
 * One chat server: share one per app process.
 *
 * @example
 * const hub = new ChatHub();
 * const wss = new WebSocketServer({ noServer: true, ...hub.wsOptions });
 * wss.on('connection', (socket) => hub.attach(socket));
 * process.on('SIGTERM', () => void hub.close());
 */
export class ChatHub {
  readonly wsOptions: { maxPayload: number };
  readonly #service: ChatService;
  readonly #clients = new Map<ChatSocket, Client>();
  readonly #allowedOrigins: readonly string[];
  readonly #maxBufferedBytes: number;
  readonly #heartbeatMs: number;
  readonly #closeTimeoutMs: number;
  readonly #logError: (err: unknown) => void;
  #heartbeat: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: ChatOptions = {}) {
    this.wsOptions = { maxPayload: options.maxPayload ?? DEFAULTS.maxPayload };
    this.#maxBufferedBytes = options.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes;
    this.#heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs;
    this.#closeTimeoutMs = options.closeTimeoutMs ?? DEFAULTS.closeTimeoutMs;
    this.#allowedOrigins = options.allowedOrigins
      ? parseAllowedOrigins(options.allowedOrigins.join(','))
      : parseAllowedOrigins(process.env.ALLOWED_ORIGINS);
    this.#logError = options.logError ?? ((err: unknown) => console.error(err));
    this.#service = new ChatService({ ...options, logError: this.#logError });
  }

  /** Connected sockets (including ones the hub is closing). */
  get clientCount(): number {
    return this.#clients.size;
  }

  /** The domain and dispatch, for tests and diagnostics (e.g. `hub.service.rooms.size`). */
  get service(): ChatService {
    return this.#service;
  }

  /** True when the upgrade request may proceed: see `isOriginAllowed` in origin.ts. */
  isOriginAllowed(req: { headers: { origin?: string; host?: string } }): boolean {
    return isOriginAllowed(req.headers.origin, req.headers.host, this.#allowedOrigins);
  }

  /**
   * Takes over a connected socket: adds error/message/close/pong listeners synchronously, so no
   * frame is missed. Listeners other code added stay untouched.
   */
  attach(socket: ChatSocket): void {
    // Without an 'error' listener, the error ws emits for an oversized or malformed frame crashes the
    // process. ws closes the socket itself (1009, 1002, 1007), so there is nothing else to do.
    socket.on('error', () => {});
    if (socket.readyState === READY_STATE.CLOSING || socket.readyState === READY_STATE.CLOSED) return;
    const client: Client = {
      socket,
      session: this.#service.createSession({ send: (text, bytes) => this.#send(client, text, bytes) }),
      alive: true,
      closing: false,
      queue: Promise.resolve(),
    };
    this.#clients.set(socket, client);
    socket.on('message', (data, isBinary) => this.#onMessage(client, data, isBinary));
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('close', () => this.#onClose(client));
    if (this.#closed) this.#drop(client, CLOSE_CODES.goingAway, 'server shutting down');
    else this.#startHeartbeat();
  }

  /** Close 1001 to every client, stop the heartbeat timer, resolve when all are gone. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopHeartbeat();
    await Promise.all(
      [...this.#clients.values()].map(
        (client) =>
          new Promise<void>((resolve) => {
            client.socket.once('close', () => resolve());
            if (!client.closing) this.#drop(client, CLOSE_CODES.goingAway, 'server shutting down');
          }),
      ),
    );
  }

  #onMessage(client: Client, data: FrameData, isBinary: boolean): void {
    if (client.closing) return;
    if (isBinary) return this.#drop(client, CLOSE_CODES.unsupportedData, 'binary frames are not supported');
    const bytes = rawToBuffer(data);
    // ws enforces maxPayload only if the app passed hub.wsOptions; check again so the rule holds anyway.
    const max = this.wsOptions.maxPayload;
    if (bytes.length > max)
      return this.#drop(client, CLOSE_CODES.messageTooBig, `frames are limited to ${max} bytes`);
    const text = bytes.toString('utf8');
    // Dispatch is promise-based, and a parse error resolves in fewer ticks than a method call: without
    // this chain, replies to frames arriving in one TCP read could overtake each other. Chained, every
    // socket gets its replies in request order (the chain drains within the same tick, so it stays short).
    client.queue = client.queue
      // A frame queued before the hub started closing this socket is dropped too.
      .then(() => (client.closing ? null : this.#service.handleText(client.session, text)))
      .then(
        (reply) => {
          if (reply !== null) this.#send(client, reply);
        },
        (err: unknown) => this.#logError(err),
      );
  }

  // Checked before sending: a frame that would take the unsent backlog (bytes ws and the net socket
  // hold that the peer has not taken) past the limit is never queued; buffering for a peer that does
  // not keep up would grow memory by whatever it is sent.
  #send(client: Client, text: string, bytes = Buffer.byteLength(text)): void {
    if (client.closing || client.socket.readyState !== READY_STATE.OPEN) return;
    if (client.socket.bufferedAmount + frameBytes(bytes) > this.#maxBufferedBytes)
      return this.#overflow(client);
    client.socket.send(text);
  }

  // Drops a client past its backlog limit at once: the 1013 close frame waits behind a backlog the
  // peer is not reading, so waiting out closeTimeoutMs would only hold that memory. What the kernel
  // already took is still delivered (the close frame too, if the backlog had drained); a peer that
  // stopped reading sees the connection end without it (1006).
  #overflow(client: Client): void {
    client.closing = true;
    client.socket.close(CLOSE_CODES.tryAgainLater, 'too slow: send buffer full');
    setImmediate(() => client.socket.terminate());
  }

  /** Starts a close handshake, and terminates the socket if the peer does not finish it in time. */
  #drop(client: Client, code: number, reason: string): void {
    if (client.closing) return;
    client.closing = true;
    client.socket.close(code, reason);
    client.killTimer = setTimeout(() => client.socket.terminate(), this.#closeTimeoutMs);
  }

  #onClose(client: Client): void {
    clearTimeout(client.killTimer);
    if (!this.#clients.delete(client.socket)) return;
    this.#service.disconnect(client.session);
    if (this.#clients.size === 0) this.#stopHeartbeat();
  }

  // The timer runs only while clients are connected, so an idle hub schedules nothing.
  #startHeartbeat(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      for (const client of this.#clients.values()) {
        if (client.closing || client.socket.readyState !== READY_STATE.OPEN) continue;
        if (!client.alive) {
          client.socket.terminate();
          continue;
        }
        client.alive = false;
        client.socket.ping();
      }
    }, this.#heartbeatMs);
    // The server keeps the process alive; the heartbeat alone must not.
    this.#heartbeat.unref();
  }

  #stopHeartbeat(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }
}
