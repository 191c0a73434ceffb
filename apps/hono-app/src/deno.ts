/**
 * hono-app on Deno's own server (`Deno.serve`), not through node:http: the same `createApp` as on
 * Node, with `hono/deno`'s WebSocket helper. Run the build:
 * `deno run --allow-net --allow-read --allow-env dist/deno.js` (see the README).
 */
import { upgradeWebSocket } from 'hono/deno';
import { webSocketEvents } from '@repo/chat';
import { exitOnSignals, listenAddress, startLine } from '@repo/core';
import { loadDeps } from '@repo/http-app';
import { createApp, type WsRoute } from './app.js';
import { closeGracefully, guardedFetch } from './web.js';

const deps = await loadDeps();
const address = listenAddress('hono-app');
const stopped = new AbortController();
// Deno pings on its own and closes a socket silent for idleTimeout seconds (the hub's 30 s heartbeat).
// #region deno
const ws: WsRoute = (hub) => upgradeWebSocket(() => webSocketEvents(hub), { idleTimeout: 30 });
const app = createApp(deps, ws);
const server = Deno.serve(
  // #elide port, shutdown signal
  { ...address, signal: stopped.signal, onListen: () => {} },
  // #endelide
  guardedFetch(app, deps),
);
// #endregion
const { port } = server.addr;
console.log(startLine(`hono-app on Deno ${Deno.version.deno}`, address.hostname, port));

exitOnSignals(
  closeGracefully(
    deps,
    () => server.shutdown(),
    () => stopped.abort(),
  ),
  { onSignal: (signal, stop) => Deno.addSignalListener(signal, stop), exit: (code) => Deno.exit(code) },
);
