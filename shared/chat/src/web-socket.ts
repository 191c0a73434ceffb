/**
 * Adapts a Web `WebSocket`-like socket (Bun's `ServerWebSocket`, Deno's `WebSocket`, as hono's
 * `hono/bun` and `hono/deno` helpers hand them over) to the {@link ChatSocket} the hub takes. No
 * dependency on hono: the events object below has the shape hono's `upgradeWebSocket` expects.
 */
import { EventEmitter } from 'node:events';
import { Buffer } from 'node:buffer';
import type { ChatHub } from './hub.js';
import { READY_STATE, type ChatSocket, type FrameData } from './socket.js';

/** The part of a runtime's server socket the adapter uses; the optional members differ per runtime. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): unknown;
  close(code?: number, reason?: string): void;
  /** Deno and browsers. */
  readonly bufferedAmount?: number;
  /** Bun's `ServerWebSocket`. */
  getBufferedAmount?(): number;
  /** Bun's `ServerWebSocket`: drop the connection without a close handshake. */
  terminate?(): void;
}

/**
 * A {@link ChatSocket} over a Web socket. Feed it the runtime's events with `message` and `closed`.
 *
 * Heartbeat: neither hono helper forwards pongs, so liveness is the runtime's own idle timeout
 * (Bun `idleTimeout` + `sendPings`, Deno `idleTimeout`), and `ping()` counts the peer as alive.
 */
export class WebSocketPeer extends EventEmitter implements ChatSocket {
  readonly raw: WebSocketLike;

  constructor(raw: WebSocketLike) {
    super();
    this.raw = raw;
  }

  get readyState(): number {
    return this.raw.readyState;
  }

  get bufferedAmount(): number {
    return this.raw.getBufferedAmount?.() ?? this.raw.bufferedAmount ?? 0;
  }

  send(text: string): void {
    this.raw.send(text);
  }

  close(code: number, reason: string): void {
    if (this.raw.readyState === READY_STATE.OPEN) this.raw.close(code, reason);
  }

  terminate(): void {
    // Deno has no terminate: a close without waiting is the nearest it offers.
    if (this.raw.terminate) this.raw.terminate();
    else if (this.raw.readyState === READY_STATE.OPEN) this.raw.close(1001, 'terminated');
    this.closed();
  }

  ping(): void {
    queueMicrotask(() => this.emit('pong'));
  }

  /** A frame arrived: a string is text, anything else (ArrayBuffer, Blob, typed array) binary. */
  message(data: unknown): void {
    if (typeof data === 'string') this.emit('message', Buffer.from(data, 'utf8') satisfies FrameData, false);
    else this.emit('message', Buffer.alloc(0) satisfies FrameData, true);
  }

  /** The connection ended (emitted once, however many times the runtime reports it). */
  closed(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.emit('close');
  }
  #closed = false;
}

/** The event handlers hono's `upgradeWebSocket` takes, typed structurally (no hono import here). */
export interface WebSocketEvents {
  onOpen(event: unknown, ws: { raw?: unknown }): void;
  onMessage(event: { data: unknown }, ws: { raw?: unknown }): void;
  onClose(event: unknown, ws: { raw?: unknown }): void;
  onError(event: unknown, ws: { raw?: unknown }): void;
}

/**
 * Hands every socket a hono WebSocket helper opens to the hub. hono/bun builds a new context per
 * event, so peers are found again by the runtime's socket (`ws.raw`).
 *
 * @example
 * app.get('/ws', upgradeWebSocket(() => webSocketEvents(hub))); // hono/bun or hono/deno
 */
export function webSocketEvents(hub: ChatHub): WebSocketEvents {
  const peers = new WeakMap<object, WebSocketPeer>();
  const peerOf = (ws: { raw?: unknown }) => peers.get(ws.raw as object);
  return {
    onOpen(_event, ws) {
      const peer = new WebSocketPeer(ws.raw as WebSocketLike);
      peers.set(ws.raw as object, peer);
      hub.attach(peer);
    },
    onMessage(event, ws) {
      peerOf(ws)?.message(event.data);
    },
    onClose(_event, ws) {
      peerOf(ws)?.closed();
    },
    onError(_event, ws) {
      peerOf(ws)?.emit('error', new Error('WebSocket error'));
    },
  };
}
