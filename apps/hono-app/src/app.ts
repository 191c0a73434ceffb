/**
 * hono 4 on @hono/node-server 2: Web-standard Request/Response. Handlers take a context and
 * return a `Response`; the same app object runs on Bun, Deno, workers — here on node:http.
 */
import { createAdaptorServer, upgradeWebSocket, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH } from '@repo/chat';
import { CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import {
  asAppServer,
  decodeSegment,
  errorBody,
  chatContext,
  fortunesContext,
  greet,
  loadDeps,
  MESSAGES,
  toErrorResponse,
  type AppOptions,
  type AppServer,
  type AppDeps,
} from '@repo/core';

const HELLO_PREFIX = '/hello/';

export function createApp({ templates, logError, hub }: AppDeps): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();

  // #region hello
  // hono's helpers default to `charset=UTF-8`; the contract pins the exact header, so it is passed.
  app.get('/', (c) => c.text(HELLO_TEXT, 200, { 'content-type': CONTENT_TYPE.text }));
  app.get('/json', (c) => c.json({ message: HELLO_TEXT }, 200, { 'content-type': CONTENT_TYPE.json }));
  app.get('/hello/:name', (c) => {
    // hono passes a segment it cannot decode through unchanged, so decode the raw one (400 if bad).
    const url = c.req.url;
    const start = url.indexOf(HELLO_PREFIX) + HELLO_PREFIX.length;
    const query = url.indexOf('?', start);
    const name = decodeSegment(query === -1 ? url.slice(start) : url.slice(start, query));
    return c.text(greet(name), 200, { 'content-type': CONTENT_TYPE.text });
  });
  // #endregion
  // #region fortunes
  app.get('/fortunes', (c) =>
    c.html(templates.render('fortunes', fortunesContext()), 200, { 'content-type': CONTENT_TYPE.html }),
  );
  app.get('/chat', (c) =>
    c.html(templates.render('chat', chatContext()), 200, { 'content-type': CONTENT_TYPE.html }),
  );
  // #endregion
  // #region ws
  // A route like any other: the Origin check is middleware, then the built-in upgrade helper.
  app.get(
    WS_PATH,
    async (c, next) =>
      hub.isOriginAllowed(c.env.incoming)
        ? next()
        : c.body(errorBody('FORBIDDEN', 'WebSocket connections from this Origin are not allowed'), 403),
    upgradeWebSocket(() => ({ onOpen: (event, ws) => hub.attach(ws.raw as WebSocket) })),
  );
  // #endregion

  // #region errors
  app.notFound((c) =>
    c.body(errorBody('NOT_FOUND', MESSAGES.notFound(c.req.method, c.req.path)), 404, {
      'content-type': CONTENT_TYPE.json,
    }),
  );
  app.onError((err, c) => {
    const { status, body, unexpected } = toErrorResponse(err);
    if (unexpected) logError(err);
    return c.body(body, status as 400, { 'content-type': CONTENT_TYPE.json });
  });
  // #endregion
  return app;
}

/** Builds the server without listening (tests and `server.ts` decide where it listens). */
export async function createServer(options: AppOptions = {}): Promise<AppServer> {
  const deps = await loadDeps(options);
  const app = createApp(deps);
  // #region server
  // The adapter owns the upgrade; it only needs a `ws` server that shares the frame limit.
  const websocket = { server: new WebSocketServer({ noServer: true, ...deps.hub.wsOptions }) };
  const server = createAdaptorServer({ fetch: app.fetch, websocket });
  // #endregion
  return asAppServer(server, deps.hub);
}
