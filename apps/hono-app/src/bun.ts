/**
 * hono-app on Bun's own server (`Bun.serve`), not through node:http: the same `createApp` as on Node,
 * with `hono/bun`'s WebSocket helper. Run the build: `bun dist/bun.js` (see the README).
 */
import { upgradeWebSocket, websocket } from 'hono/bun';
import { webSocketEvents } from '@repo/chat';
import { exitOnSignals, HTTP_TIMEOUTS, listenAddress, startLine } from '@repo/core';
import { loadDeps } from '@repo/http-app';
import { createApp, type WsRoute } from './app.js';
import { closeGracefully, guardedFetch } from './web.js';

const deps = await loadDeps();
const address = listenAddress('hono-app');
// The frame limit and a 30 s ping/pong liveness check, done by Bun itself.
const bunWebSocket = { ...websocket, maxPayloadLength: deps.hub.wsOptions.maxPayload, idleTimeout: 30 };
// #region bun
const ws: WsRoute = (hub) => upgradeWebSocket(() => webSocketEvents(hub));
const app = createApp(deps, ws);
const server = Bun.serve({
  fetch: guardedFetch(app, deps),
  websocket: bunWebSocket,
  // #elide port, timeout
  ...address,
  // Bun's one HTTP timeout: an idle keep-alive connection (and a head not sent in time) is closed.
  idleTimeout: HTTP_TIMEOUTS.keepAliveMs / 1000,
  // #endelide
});
// #endregion
console.log(startLine(`hono-app on Bun ${Bun.version}`, address.hostname, server.port));

// Bun delivers signals through `process`, like Node: core's default hooks.
exitOnSignals(
  closeGracefully(
    deps,
    () => server.stop(),
    () => server.stop(true),
  ),
);
