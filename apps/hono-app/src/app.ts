/**
 * hono 4 on @hono/node-server 2: Web-standard Request/Response. Handlers take a context and
 * return a `Response`; the same app object runs on Bun, Deno, workers — here on node:http.
 */
import type { Server } from 'node:http';
import { createAdaptorServer, upgradeWebSocket, type HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, type ChatHub } from '@repo/chat';
import { CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import {
  decodeSegment,
  errorBody,
  chatContext,
  fortunesContext,
  greet,
  MESSAGES,
  pathOf,
  SERVER_OPTIONS,
  toErrorResponse,
  type AppServer,
} from '@repo/core';
import { randomWorldId } from '@repo/db';
import { asAppServer, loadDeps, queriesOf, type AppDeps, type HttpAppOptions } from '@repo/http-app';

const HELLO_PREFIX = '/hello/';

/**
 * The `/ws` route for a runtime: its own hono upgrade helper, handing each socket to the hub. Node's is
 * below; `bun.ts` and `deno.ts` pass theirs to the same {@link createApp}.
 */
export type WsRoute = (hub: ChatHub) => MiddlewareHandler;

// #region ws
// A route like any other: the built-in helper upgrades what the shared guard let through.
const nodeWsRoute: WsRoute = (hub) =>
  upgradeWebSocket(() => ({ onOpen: (event, ws) => hub.attach(ws.raw as WebSocket) }));
// #endregion

/** The one hono app, on every runtime: routes, templates, chat and errors; `wsRoute` is the runtime's. */
export function createApp(
  { templates, logError, hub, db }: AppDeps,
  wsRoute: WsRoute = nodeWsRoute,
): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();

  // #region hello
  // hono's helpers default to `charset=UTF-8`; the contract pins the exact header, so it is passed.
  app.get('/', (c) => c.text(HELLO_TEXT, 200, { 'content-type': CONTENT_TYPE.text }));
  app.get('/json', (c) => c.json({ message: HELLO_TEXT }, 200, { 'content-type': CONTENT_TYPE.json }));
  app.get('/hello/:name', (c) => {
    // hono decodes the whole path before routing (`%2F` included), so decode the raw segment instead.
    const name = decodeSegment(pathOf(c.req.url).slice(HELLO_PREFIX.length));
    return c.text(greet(name), 200, { 'content-type': CONTENT_TYPE.text });
  });
  // #endregion
  // #region fortunes
  app.get('/fortunes', (c) =>
    c.html(templates.render('fortunes', fortunesContext()), 200, { 'content-type': CONTENT_TYPE.html }),
  );
  // #elide GET /chat: the same, with chatContext()
  app.get('/chat', (c) =>
    c.html(templates.render('chat', chatContext()), 200, { 'content-type': CONTENT_TYPE.html }),
  );
  // #endelide
  // #endregion
  // #region db
  // An async handler's rejection goes to onError below.
  const json = { 'content-type': CONTENT_TYPE.json };
  app.get('/db', async (c) => c.json(await db.world(randomWorldId()), 200, json));
  // #region queries
  app.get('/queries', async (c) => c.json(await db.worlds(queriesOf(c.req.url)), 200, json));
  // #endregion
  app.get('/updates', async (c) => c.json(await db.updateWorlds(queriesOf(c.req.url)), 200, json));
  app.get('/db/fortunes', async (c) => {
    const html = templates.render('fortunes', fortunesContext(await db.fortunes()));
    return c.html(html, 200, { 'content-type': CONTENT_TYPE.html });
  });
  // #endregion
  app.get(WS_PATH, wsRoute(hub));

  // #region errors
  app.notFound((c) => {
    // `incoming` keeps the real method when HEAD runs as GET (withHead, below).
    const method = c.env.incoming?.method ?? c.req.method;
    const body = errorBody('NOT_FOUND', MESSAGES.notFound(method, pathOf(c.req.url)));
    return c.body(body, 404, { 'content-type': CONTENT_TYPE.json });
  });
  app.onError((err, c) => {
    const { status, body, unexpected } = toErrorResponse(err);
    if (unexpected) logError(err);
    return c.body(body, status as 400, { 'content-type': CONTENT_TYPE.json });
  });
  // #endregion
  return app;
}

/**
 * hono answers HEAD by running the GET route and dropping the body, and the adapter, which computes
 * Content-Length from the body, then sends none. Here HEAD runs as GET (the 404 handler still reads the
 * real method off `incoming`) and keeps the headers, length included, without the body.
 */
export function withHead(app: Hono<{ Bindings: HttpBindings }>): Hono<{ Bindings: HttpBindings }>['fetch'] {
  type Fetch = Hono<{ Bindings: HttpBindings }>['fetch'];
  const head = async (...[req, env]: Parameters<Fetch>): Promise<Response> => {
    const res = await app.fetch(new Request(req, { method: 'GET' }), env);
    const headers = new Headers(res.headers);
    headers.set('content-length', String((await res.arrayBuffer()).byteLength));
    return new Response(null, { status: res.status, headers });
  };
  // Not async itself: the adapter has a fast path for a Response returned synchronously.
  return (req, env) => (req.method === 'HEAD' ? head(req, env) : app.fetch(req, env));
}

/** Builds the server without listening (tests and `server.ts` decide where it listens). */
export async function createServer(options: HttpAppOptions = {}): Promise<AppServer> {
  const deps = await loadDeps(options);
  // #region server
  // The adapter owns the upgrade; it only needs a `ws` server that shares the frame limit.
  const websocket = { server: new WebSocketServer({ noServer: true, ...deps.hub.wsOptions }) };
  // The default /ws route: @hono/node-server's upgradeWebSocket.
  // #region node
  const app = createApp(deps);
  const server = createAdaptorServer({
    fetch: withHead(app),
    websocket,
    // #elide serverOptions, hostname
    serverOptions: SERVER_OPTIONS,
    // `hostname` stands in for a missing Host (HTTP/1.0): the adapter needs one to build the Request URL.
    hostname: 'localhost',
    // #endelide
  });
  // #endregion
  // #endregion
  // Plain HTTP/1.1 here (no `http2` option), so the adapter's server is a node:http Server.
  return asAppServer(server as Server, deps);
}
