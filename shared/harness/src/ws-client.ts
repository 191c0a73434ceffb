/**
 * The WebSocket JSON-RPC client of the tests, the bench's set-up and the tools: connect, call with an
 * id, wait for a notification, collect frames, probe a refused upgrade. (The bench's load loops keep
 * their own lean handlers; the chat CLI keeps its interactive one.)
 */
import type { Socket } from 'node:net';
import { WebSocket, type ClientOptions } from 'ws';
import { isNotification, isReply, textOf, type JsonFrame, type RpcReply } from './frames.js';

export interface CloseInfo {
  code: number;
  reason: string;
}

/** One connection; every text frame is kept, raw and parsed, in arrival order. */
export class WsClient {
  /** Text frames exactly as received. */
  readonly raw: string[] = [];
  /** The same frames parsed (`undefined` for non-JSON). */
  readonly frames: unknown[] = [];
  readonly closed: Promise<CloseInfo>;
  #nextId = 1;
  #wake = new Set<() => void>();
  #tcp: Socket | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.once('upgrade', (res) => (this.#tcp = res.socket));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = textOf(data);
      this.raw.push(text);
      this.frames.push(parse(text));
      for (const wake of this.#wake) wake();
    });
    ws.on('error', () => {}); // failures surface through `closed` and timeouts
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    void this.closed.then(() => {
      for (const wake of this.#wake) wake();
    });
  }

  /** Opens a connection; rejects with the HTTP status if the upgrade is refused. */
  static connect(url: string, options: ClientOptions = {}): Promise<WsClient> {
    const ws = new WebSocket(url, { handshakeTimeout: 5000, ...options });
    const client = new WsClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        res.resume();
        ws.terminate();
        reject(new Error(`upgrade to ${url} refused: HTTP ${res.statusCode}`));
      });
      ws.once('error', (err) => reject(new Error(`cannot connect to ${url}: ${err.message}`)));
    });
  }

  /**
   * Wraps a socket opened elsewhere (the bench opens thousands its own way); frames received before
   * this call are not seen.
   */
  static over(ws: WebSocket): WsClient {
    return new WsClient(ws);
  }

  /** The TCP socket under the connection (pause it to play a slow consumer); only after `connect`. */
  get tcp(): Socket {
    if (!this.#tcp) throw new Error('the TCP socket is known only for clients opened by WsClient.connect');
    return this.#tcp;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(text: string | Buffer): void {
    this.ws.send(text);
  }

  /** Sends a request with a fresh numeric id and resolves with its reply (result or error). */
  call(method: string, params?: unknown, timeoutMs = 5000): Promise<RpcReply> {
    const id = this.#nextId++;
    this.send(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params !== undefined && { params }) }));
    return this.waitFor<RpcReply>((f) => isReply(f) && f.id === id, timeoutMs, `reply to ${method} #${id}`);
  }

  /**
   * Like `call`, but throws unless the reply is a result. `T` is what the caller expects the result
   * to be (a method's documented shape); it is not checked.
   */
  async ok<T = unknown>(method: string, params?: unknown): Promise<T> {
    const reply = await this.call(method, params);
    if (reply.error) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.result as T;
  }

  /**
   * The first frame (already received or coming) that matches. `pred` sees every frame as a
   * {@link JsonFrame} (a batch reply is an array, a text that was not JSON `undefined`); `T` is what
   * the caller knows a matching frame to be, unchecked.
   */
  async waitFor<T = JsonFrame>(
    pred: (frame: JsonFrame) => boolean,
    timeoutMs = 5000,
    what = 'a matching frame',
  ): Promise<T> {
    const [hit] = await this.waitForCount<T>(pred, 1, timeoutMs, what);
    return hit!;
  }

  /** Resolves once `count` matching frames have arrived, with all of them in order (`T` as in `waitFor`). */
  waitForCount<T = JsonFrame>(
    pred: (frame: JsonFrame) => boolean,
    count: number,
    timeoutMs = 5000,
    what = 'frames',
  ): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hits = this.frames.filter((f) => pred(f as JsonFrame)) as T[];
        if (hits.length >= count) {
          done();
          resolve(hits);
          return true;
        }
        if (this.ws.readyState === WebSocket.CLOSED) {
          done();
          reject(new Error(`connection closed while waiting for ${what} (${hits.length}/${count})`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        const got = JSON.stringify(this.frames.slice(-5)).slice(0, 400);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last frames: ${got}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#wake.delete(check);
      };
      if (!check()) this.#wake.add(check);
    });
  }

  /** Params of every received notification of `method` (optionally only for one room). */
  notifications(method: string, room?: string): JsonFrame['params'][] {
    return this.frames
      .filter((f): f is JsonFrame => isNotification(f) && f.method === method)
      .map((f) => f.params)
      .filter((p) => room === undefined || p?.room === room);
  }

  /** Resolves with the close code, or rejects if the server has not closed within `timeoutMs`. */
  async expectClose(timeoutMs = 3000): Promise<CloseInfo> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`server did not close the socket within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes politely; terminates if the server does not answer within a second. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    const timer = setTimeout(() => this.ws.terminate(), 1000);
    await this.closed;
    clearTimeout(timer);
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends `text` and resolves with the next frame the client receives (for replies without a usable id). */
export async function nextFrame(client: WsClient, text: string, timeoutMs = 5000): Promise<unknown> {
  const start = client.frames.length;
  client.send(text);
  await client.waitForCount(() => true, start + 1, timeoutMs, `a reply to ${text.slice(0, 60)}`);
  return client.frames[start];
}
