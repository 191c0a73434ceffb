/**
 * The socket the chat hub needs, and nothing more: the `ws` package's `WebSocket` fits it as it is
 * (Node apps), and {@link WebSocketPeer} (web-socket.ts) makes a Web `WebSocket`-like socket fit it
 * (hono on Bun and Deno). The hub never imports `ws`.
 */

/** What a text or binary frame arrives as (`ws` hands over Buffer, ArrayBuffer or Buffer[]). */
export type FrameData = Buffer | ArrayBuffer | Buffer[];

/** `readyState` values, the same in `ws` and the WHATWG WebSocket. */
export const READY_STATE = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;

/**
 * An open server-side WebSocket, as the hub uses it.
 *
 * @example
 * wss.on('connection', (socket) => hub.attach(socket)); // a `ws` WebSocket is a ChatSocket
 */
export interface ChatSocket {
  readonly readyState: number;
  /** Bytes queued for the peer and not yet handed to the kernel: the backpressure the hub bounds. */
  readonly bufferedAmount: number;
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Ends the connection now, without a close handshake. */
  terminate(): void;
  /** A heartbeat ping; the peer's answer arrives as a `pong` event. */
  ping(): void;
  on(event: 'message', listener: (data: FrameData, isBinary: boolean) => void): unknown;
  on(event: 'close' | 'pong', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
}
