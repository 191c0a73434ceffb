/**
 * node:http, the baseline: no router, no middleware, just a request listener. Every other app is
 * measured as a ratio to this one.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import { attachUpgrade } from '@repo/chat';
import { CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import {
  decodeSegment,
  chatContext,
  fortunesContext,
  greet,
  HttpError,
  MESSAGES,
  pathOf,
  SERVER_OPTIONS,
  toErrorResponse,
  type AppServer,
} from '@repo/core';
import { randomWorldId } from '@repo/db';
import { asAppServer, loadDeps, queriesOf, type AppDeps, type HttpAppOptions } from '@repo/http-app';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The whole app is one function: match the path by hand, write the response. */
export function createApp({ templates, logError, db }: AppDeps): RequestListener {
  const json = (res: ServerResponse) => (value: unknown) =>
    send(res, 200, CONTENT_TYPE.json, JSON.stringify(value));
  // A database route returns its promise; the listener below sends its rejection as the envelope.
  const route = (req: IncomingMessage, res: ServerResponse): void | Promise<void> => {
    const method = req.method ?? 'GET';
    const path = pathOf(req.url ?? '/');
    // HEAD is GET without the body: Node's ServerResponse drops the body of a HEAD by itself.
    const get = method === 'GET' || method === 'HEAD';
    // #region hello
    if (get && path === '/') return send(res, 200, CONTENT_TYPE.text, HELLO_TEXT);
    if (get && path === '/json') {
      return send(res, 200, CONTENT_TYPE.json, JSON.stringify({ message: HELLO_TEXT }));
    }
    if (get && path.startsWith('/hello/') && path.length > 7 && !path.includes('/', 7)) {
      return send(res, 200, CONTENT_TYPE.text, greet(decodeSegment(path.slice(7))));
    }
    // #endregion
    // #region fortunes
    if (get && path === '/fortunes') {
      return send(res, 200, CONTENT_TYPE.html, templates.render('fortunes', fortunesContext()));
    }
    // #elide GET /chat: the same, with chatContext()
    if (get && path === '/chat') {
      return send(res, 200, CONTENT_TYPE.html, templates.render('chat', chatContext()));
    }
    // #endelide
    // #endregion
    // #region db
    if (get && path === '/db') return db.world(randomWorldId()).then(json(res));
    // #region queries
    if (get && path === '/queries') return db.worlds(queriesOf(req.url ?? '')).then(json(res));
    // #endregion
    if (get && path === '/updates') return db.updateWorlds(queriesOf(req.url ?? '')).then(json(res));
    if (get && path === '/db/fortunes') {
      return db.fortunes().then((rows) => {
        send(res, 200, CONTENT_TYPE.html, templates.render('fortunes', fortunesContext(rows)));
      });
    }
    // #endregion
    throw new HttpError('NOT_FOUND', MESSAGES.notFound(method, path));
  };

  // #region errors
  const fail = (res: ServerResponse, err: unknown): void => {
    const { status, body, unexpected } = toErrorResponse(err);
    if (unexpected) logError(err);
    send(res, status, CONTENT_TYPE.json, body);
  };
  return (req, res) => {
    try {
      route(req, res)?.catch((err: unknown) => fail(res, err));
    } catch (err) {
      fail(res, err);
    }
  };
  // #endregion
}

/** Builds the server without listening (tests and `server.ts` decide where it listens). */
export async function createServer(options: HttpAppOptions = {}): Promise<AppServer> {
  const deps = await loadDeps(options);
  const server = createHttpServer(SERVER_OPTIONS, createApp(deps));
  // #region ws
  // WebSocket on the same port: `ws` (noServer) takes the `/ws` upgrades the shared guard let through.
  attachUpgrade(server, deps.hub);
  // #endregion
  return asAppServer(server, deps);
}
