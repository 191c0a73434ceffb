/**
 * hono-app on Bun's own server (`Bun.serve`), not through node:http: the same `createApp` as on Node,
 * with `hono/bun`'s WebSocket helper. Run the build: `bun dist/bun.js` (see the README).
 */
import { upgradeWebSocket, websocket } from 'hono/bun';
import { webSocketEvents } from '@repo/chat';
import { HTTP_TIMEOUTS, loadDeps } from '@repo/core';
import { createApp } from './app.js';
import { guardedFetch, listenAddress, shutdown, startLine } from './web.js';

const deps = await loadDeps();
// #region bun
const app = createApp(deps, (hub) => upgradeWebSocket(() => webSocketEvents(hub)));
const server = Bun.serve({
  ...listenAddress(3003),
  fetch: guardedFetch(app, deps),
  // Bun's one HTTP timeout: an idle keep-alive connection (and a head not sent in time) is closed.
  idleTimeout: HTTP_TIMEOUTS.keepAliveMs / 1000,
  // The frame limit and a 30 s ping/pong liveness check, done by Bun itself.
  websocket: { ...websocket, maxPayloadLength: deps.hub.wsOptions.maxPayload, idleTimeout: 30 },
});
// #endregion
console.log(startLine(`hono-app on Bun ${Bun.version}`, listenAddress(3003).hostname, server.port));

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  void shutdown(
    deps,
    () => server.stop(),
    () => server.stop(true),
  ).then((code) => process.exit(code));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
