/**
 * The upgrade wiring express, koa and node:http share: `ws` in `noServer` mode on the HTTP server's
 * `upgrade` event (fastify and hono have their own WebSocket plumbing and call `hub.attach` directly).
 * Which upgrades get here is decided before it runs, once for every app, by the edge guard in
 * `@repo/core` (path `/ws`, a valid handshake, an allowed Origin; everything else answered in the
 * JSON envelope).
 */
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { ChatHub } from './hub.js';

/**
 * Hands every upgrade the server emits to the hub. Returns the `WebSocketServer` (the hub owns its clients).
 *
 * @example
 * const server = http.createServer(app);
 * attachUpgrade(server, hub);
 * asAppServer(server, hub); // from @repo/http-app: its guard vets upgrades before this listener sees them
 */
// #region upgrade
export function attachUpgrade(server: Server, hub: ChatHub): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, ...hub.wsOptions });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      hub.attach(ws);
      wss.emit('connection', ws, req);
    });
  });
  return wss;
}
// #endregion
