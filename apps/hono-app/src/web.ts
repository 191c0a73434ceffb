/**
 * What the Bun and Deno entries share: the Web edge guard in front of the one app, HEAD kept as in the
 * Node adapter, PORT/HOST, the start-up line tools read, and a shutdown with the same deadlines as
 * `runServer` (chat clients get 1001, requests in flight 2 s).
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

/** PORT (0 = ephemeral) and HOST, read like `runServer` does. */
export function listenAddress(defaultPort: number): { port: number; hostname: string } {
  const value = process.env.PORT;
  const port = value === undefined || value === '' ? defaultPort : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
  return { port, hostname: process.env.HOST || '127.0.0.1' };
}

/** The start-up line: its first URL is the one tools read (spawnEntry, the bench). */
export function startLine(name: string, hostname: string, port: number): string {
  const origin = `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  return `${name} listening on http://${origin}/ (chat page http://${origin}/chat, WebSocket ws://${origin}/ws)`;
}

/** How a runtime stops: drain HTTP, cut what is left, listen for a signal, exit with a code. */
export interface Stopper {
  drain: () => Promise<void>;
  cut: () => Promise<void> | void;
  onSignal: (signal: 'SIGTERM' | 'SIGINT', stop: () => void) => void;
  exit: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT, once: chat clients get 1001 while HTTP drains; `cut` ends whatever is
 * left after the grace; then exit 0 (1 if closing threw).
 */
export function stopOnSignals({ hub }: AppDeps, { drain, cut, onSignal, exit }: Stopper): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => void cut(), HTTP_TIMEOUTS.shutdownGraceMs);
    Promise.all([hub.close(), drain()])
      .then(
        () => 0,
        (err: unknown) => {
          console.error(err);
          return 1;
        },
      )
      .then((code) => {
        clearTimeout(timer);
        exit(code);
      });
  };
  onSignal('SIGTERM', stop);
  onSignal('SIGINT', stop);
}
