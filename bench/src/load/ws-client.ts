/**
 * WebSocket plumbing of the ws load generators: opening thousands of sockets spread over source
 * addresses, and the send rate. Request/reply (validation, joins) goes through @repo/harness's
 * WsClient, the one JSON-RPC client of the tests and the bench; the load loops then detach it and
 * count frames with their own lean handlers.
 */
import { DEFAULTS } from '@repo/chat';
import type { JsonFrame } from '@repo/harness';
import WebSocket from 'ws';

/**
 * What a sender sends per socket: 90 % of the chat's per-socket limit (`DEFAULTS.rateLimit`, 20/s
 * today, so 18/s). The margin keeps senders under the bucket's refill however their timers bunch up,
 * so a long round never drains the burst into -32000s, which the bench would count as problems.
 */
export const SAFE_RATE_PER_SOCKET = Math.floor(DEFAULTS.rateLimit.perSecond * 0.9);
export const MIN_SEND_INTERVAL_MS = 1000 / SAFE_RATE_PER_SOCKET;

/** A JSON-RPC frame as the load loops parse it: the harness's frame type, not a second copy. */
export type RpcMessage = JsonFrame;

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
