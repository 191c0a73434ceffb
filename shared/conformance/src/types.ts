import type { CreateServer } from '@repo/core';

/** One app under test. */
export interface Target {
  /** Package name, e.g. `fastify-app`. */
  name: string;
  createServer: CreateServer;
  /** Absolute path of the built entry (`dist/server.js`), spawned once with plain `node`. */
  builtEntry: string;
  /** `hello-only` for tcp-app: just `GET /`, 404 and the socket rules. */
  kind: 'http' | 'hello-only';
}

/** What a check gets: the running app, and the target (some checks start their own instance). */
export interface CheckContext {
  target: Target;
  host: string;
  port: number;
  baseUrl: string;
  /**
   * Chat endpoints of several processes sharing one Redis: a check's connections take them in turn,
   * so its clients sit on different processes. Unset: `ws://host:port/ws` only.
   */
  wsUrls?: readonly string[];
}

/** A named, self-contained assertion; throws when the app breaks the contract. */
export interface Check {
  name: string;
  /** Which apps it applies to: `all` includes tcp-app. */
  scope: 'all' | 'http';
  run(ctx: CheckContext): Promise<void>;
  /** Per-check time limit in ms (vitest default otherwise). */
  timeout?: number;
}
