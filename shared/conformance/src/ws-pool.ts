/**
 * Where the chat lives for the app under test, and a pool that closes every socket a check opened:
 * checks share one app instance, so none may leave sockets (or rooms) behind.
 */
import type { ClientOptions } from 'ws';
import type { CheckContext } from './types.js';
import { WsClient } from '@repo/harness';

/** `ws://127.0.0.1:<port>/ws` for the app under test. */
export function wsUrl(ctx: Pick<CheckContext, 'host' | 'port'>, path = '/ws'): string {
  const host = ctx.host.includes(':') ? `[${ctx.host}]` : ctx.host;
  return `ws://${host}:${ctx.port}${path}`;
}

/** A room name no other check uses (checks share one app instance). */
export function uniqueRoom(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`.slice(0, 32);
}

/** Tracks every client a check opens so `closeAll()` in a `finally` leaves nothing behind. */
export class WsPool {
  readonly #clients = new Set<WsClient>();
  readonly #urls: readonly string[];
  #next = 0;

  /** With several URLs, connections take them in turn (a check's clients on different processes). */
  constructor(urls: string | readonly string[]) {
    this.#urls = typeof urls === 'string' ? [urls] : urls;
  }

  get url(): string {
    return this.#urls[0]!;
  }

  async connect(options: ClientOptions = {}): Promise<WsClient> {
    const url = this.#urls[this.#next++ % this.#urls.length]!;
    const client = await WsClient.connect(url, options);
    this.#clients.add(client);
    return client;
  }

  /** Opens `n` connections in parallel. */
  connectMany(n: number, options: ClientOptions = {}): Promise<WsClient[]> {
    return Promise.all(Array.from({ length: n }, () => this.connect(options)));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#clients].map((c) => c.close()));
    this.#clients.clear();
  }
}

/** Runs `fn` with a pool on the app's `/ws` and closes every socket it opened, pass or fail. */
export async function withPool<T>(
  ctx: Pick<CheckContext, 'host' | 'port' | 'wsUrls'>,
  fn: (pool: WsPool) => Promise<T>,
): Promise<T> {
  const pool = new WsPool(ctx.wsUrls ?? wsUrl(ctx));
  try {
    return await fn(pool);
  } finally {
    await pool.closeAll();
  }
}
