import type { Server as HttpServer } from 'node:http';
import { WS_PATH, type ChatHub } from '@repo/chat';
import type { AppDeps } from './deps.js';
import {
  closeServer,
  drainHttp,
  guardServer,
  onClientError,
  SERVER_OPTIONS,
  type AppServer,
  type UpgradeGate,
} from '@repo/core';

/**
 * The WebSocket upgrades the edge guard lets through to the chat: `/ws`, from an Origin the hub allows.
 * The hub is asked on every upgrade (not bound once), so a test may swap its `isOriginAllowed`.
 */
export function chatUpgrades(hub: ChatHub): UpgradeGate {
  return { path: WS_PATH, allow: (req) => hub.isOriginAllowed(req) };
}

/**
 * Finishes every HTTP app's node:http server the same way: the shared timeouts (fastify and Node differ
 * by default), the edge guard in front of the framework's listeners, the envelope for parser errors
 * (400, 408, 431), and a `close` that ends the chat hub and drains HTTP within a deadline. Call it after
 * the framework has attached its listeners. The close also closes the database (after HTTP has drained,
 * so no request in flight loses it).
 *
 * @example return asAppServer(createHttpServer(SERVER_OPTIONS, listener), deps);
 */
export function asAppServer(
  server: HttpServer,
  { hub, db }: Pick<AppDeps, 'hub' | 'db'>,
  closeHttp: () => Promise<void> = () => closeServer(server),
): AppServer {
  server.headersTimeout = SERVER_OPTIONS.headersTimeout;
  server.requestTimeout = SERVER_OPTIONS.requestTimeout;
  server.keepAliveTimeout = SERVER_OPTIONS.keepAliveTimeout;
  // Replaces any framework default, so every app answers parser errors with the same envelope.
  server.removeAllListeners('clientError');
  server.on('clientError', onClientError);
  guardServer(server, chatUpgrades(hub));
  return {
    server,
    // WebSocket clients get close 1001 while HTTP drains: both have deadlines, so both end.
    close: async () => {
      try {
        await Promise.all([hub.close().then(() => hub.service.close()), drainHttp(server, closeHttp)]);
      } finally {
        await db.close();
      }
    },
  };
}
