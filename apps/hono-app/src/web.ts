/**
 * What the Bun and Deno entries share beyond core's start-up helpers (PORT/HOST, the start-up line,
 * the once-only stop on a signal): the Web edge guard in front of the one app, HEAD kept as in the
 * Node adapter, and a close with the same deadlines as `runServer` (chat clients get 1001, requests in
 * flight 2 s).
 */
import { errorResponse, HTTP_TIMEOUTS, webRequestProblem } from '@repo/core';
import { chatUpgrades, type AppDeps } from '@repo/http-app';
import type { Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { withHead } from './app.js';

/** The app's fetch behind the shared edge rules (as guard.ts does for node:http). */
export function guardedFetch(
  app: Hono<{ Bindings: HttpBindings }>,
  { hub }: AppDeps,
): (req: Request, env?: unknown) => Response | Promise<Response> {
  const fetch = withHead(app);
  const upgrades = chatUpgrades(hub);
  return (req, env) => {
    const problem = webRequestProblem(req, upgrades);
    if (problem) return errorResponse(problem);
    // Bun and Deno keep a `#…` sent in the target in `req.url`; it is never part of the path (RFC 9112 §3.2).
    const hash = req.url.indexOf('#');
    const request = hash === -1 ? req : new Request(req.url.slice(0, hash), req);
    return fetch(request, env as HttpBindings);
  };
}

/**
 * What a signal runs on Bun and Deno (core's `exitOnSignals` calls it once): chat clients get 1001
 * while HTTP drains, and `cut` ends whatever is left after the grace, the deadlines of `runServer`.
 */
export function closeGracefully(
  { hub, db }: AppDeps,
  drain: () => Promise<void>,
  cut: () => Promise<void> | void,
): () => Promise<void> {
  return async () => {
    const timer = setTimeout(() => void cut(), HTTP_TIMEOUTS.shutdownGraceMs);
    try {
      await Promise.all([hub.close(), drain()]);
    } finally {
      clearTimeout(timer);
      await db.close();
    }
  };
}
