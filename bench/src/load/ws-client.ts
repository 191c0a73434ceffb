/** WebSocket client plumbing shared by the ws validation and the ws load generators. */
import { DEFAULTS } from '@repo/chat';
import WebSocket, { type RawData } from 'ws';

/** A ws message as text: the frames are UTF-8 JSON, whatever buffer type ws hands over. */
export function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
}

/**
 * What a sender sends per socket: 90 % of the chat's per-socket limit (`DEFAULTS.rateLimit`, 20/s
 * today, so 18/s). The margin keeps senders under the bucket's refill however their timers bunch up,
 * so a long round never drains the burst into -32000s, which the bench would count as problems.
 */
export const SAFE_RATE_PER_SOCKET = Math.floor(DEFAULTS.rateLimit.perSecond * 0.9);
export const MIN_SEND_INTERVAL_MS = 1000 / SAFE_RATE_PER_SOCKET;

/** A JSON-RPC message as received (request replies and notifications). */
export interface RpcMessage {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string };
}

/**
 * Linux routes all of 127.0.0.0/8 to loopback, and each source address has its own ephemeral ports.
 * Spreading client sockets over 127.0.0.2–201 keeps connect() from hunting for a free port once
 * ~20,000 sockets, and the TIME_WAITs that every earlier ramp and sample left, crowd one address
 * (measured here: the last 4,800 of 19,800 clients took 7.3 s from 127.0.0.1, 0.45 s spread; with
 * only eight addresses, the third ramp in a row was slow again).
 */
const SOURCE_ADDRESSES = process.platform === 'linux' ? 200 : 0;
let nextSource = 0;

/** Opens `ws://127.0.0.1:<port>/ws`; rejects on error, unexpected HTTP answer or timeout. */
export function openSocket(port: number, timeoutMs = 5000): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    // No compression (the apps do not offer it) and no UTF-8 re-validation: the generator's CPU is
    // the scarce resource on a 2-core machine, and every frame is JSON.parse'd anyway.
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      ...(SOURCE_ADDRESSES > 0 && { localAddress: `127.0.0.${2 + (nextSource++ % SOURCE_ADDRESSES)}` }),
    });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`WebSocket handshake timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    ws.once('open', () => {
      clearTimeout(timer);
      // From here on a socket error (the server died, a reset) shows up as 'close', which the
      // generators treat as a failed round; unhandled, it would crash the bench instead.
      ws.on('error', () => {});
      resolve(ws);
    });
    ws.once('unexpected-response', (req, res) => {
      clearTimeout(timer);
      res.resume();
      ws.terminate();
      reject(new Error(`GET /ws answered ${res.statusCode} instead of 101`));
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Opens `count` sockets, `concurrency` handshakes at a time; on any failure closes them all. */
export async function openMany(port: number, count: number, concurrency = 200): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  try {
    for (let i = 0; i < count; i += concurrency) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(concurrency, count - i) }, () => openSocket(port)),
      );
      sockets.push(...batch);
    }
    return sockets;
  } catch (err) {
    closeAll(sockets);
    throw err;
  }
}

/** Drops sockets at once (no close handshake: the round is over, the server sees a reset). */
export function closeAll(sockets: Iterable<WebSocket>): void {
  for (const ws of sockets) ws.terminate();
}

/**
 * A promise-style JSON-RPC client on one socket, for validation and set-up (joins); the load loops
 * use their own lean handlers instead.
 */
export class RpcClient {
  readonly notifications: RpcMessage[] = [];
  readonly #pending = new Map<number, (msg: RpcMessage) => void>();
  #nextId = 1;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      let msg: RpcMessage;
      try {
        msg = JSON.parse(rawText(data)) as RpcMessage;
      } catch {
        return;
      }
      const waiter = typeof msg.id === 'number' ? this.#pending.get(msg.id) : undefined;
      if (waiter) waiter(msg);
      else if (msg.method) this.notifications.push(msg);
    });
  }

  /** Sends a request and resolves with the whole reply (result or error). */
  call(method: string, params: unknown, timeoutMs = 3000): Promise<RpcMessage> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${method}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, (msg) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(msg);
      });
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** Resolves with the first notification matching `test` (already received or arriving). */
  async waitFor(test: (msg: RpcMessage) => boolean, timeoutMs = 3000): Promise<RpcMessage> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.find(test);
      if (found) return found;
      if (performance.now() > deadline) throw new Error('expected notification did not arrive');
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
