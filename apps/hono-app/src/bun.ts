/**
 * hono-app on Bun's own server (`Bun.serve`), not through node:http: the same `createApp` as on Node,
 * with `hono/bun`'s WebSocket helper. Run the build: `bun dist/bun.js` (see the README).
 */
import { upgradeWebSocket, websocket } from 'hono/bun';
import { webSocketEvents } from '@repo/chat';
import { HTTP_TIMEOUTS } from '@repo/core';
import { loadDeps } from '@repo/http-app';
import { createApp, type WsRoute } from './app.js';
import { guardedFetch, listenAddress, startLine, stopOnSignals } from './web.js';

const deps = await loadDeps();
// The frame limit and a 30 s ping/pong liveness check, done by Bun itself.
const bunWebSocket = { ...websocket, maxPayloadLength: deps.hub.wsOptions.maxPayload, idleTimeout: 30 };
// #region bun
const ws: WsRoute = (hub) => upgradeWebSocket(() => webSocketEvents(hub));
const app = createApp(deps, ws);
const server = Bun.serve({
  fetch: guardedFetch(app, deps),
  websocket: bunWebSocket,
  // #elide port, timeout
  ...listenAddress(3003),
  // Bun's one HTTP timeout: an idle keep-alive connection (and a head not sent in time) is closed.
  idleTimeout: HTTP_TIMEOUTS.keepAliveMs / 1000,
  // #endelide
});
// #endregion
console.log(startLine(`hono-app on Bun ${Bun.version}`, listenAddress(3003).hostname, server.port));

stopOnSignals(deps, {
  drain: () => server.stop(),
  cut: () => server.stop(true),
  onSignal: (signal, stop) => process.once(signal, stop),
  exit: (code) => process.exit(code),
});
