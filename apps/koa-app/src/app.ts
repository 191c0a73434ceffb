/**
 * koa 3 + @koa/router: the async onion. Each middleware awaits `next()`, so the outermost one
 * wraps everything below it — which is where errors and 404s are turned into the envelope.
 */
import { createServer as createHttpServer } from 'node:http';
import Koa, { type Middleware } from 'koa';
import Router from '@koa/router';
import { attachUpgrade } from '@repo/chat';
import { CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import {
  decodeSegment,
  chatContext,
  fortunesContext,
  greet,
  HttpError,
  MESSAGES,
  SERVER_OPTIONS,
  toErrorResponse,
  type AppServer,
} from '@repo/core';
import { randomWorldId } from '@repo/db';
import { asAppServer, loadDeps, queriesOf, type AppDeps, type HttpAppOptions } from '@repo/http-app';

export function createApp({ templates, logError, db }: AppDeps): Koa {
  const app = new Koa();
  // The contract's paths are exact: `/JSON` and `/json/` are not `/json` (@koa/router matches both by default).
  const router = new Router({ sensitive: true, strict: true });

  // #region errors
  // The outer layer of the onion: everything below throws, this turns it into the envelope.
  const errors: Middleware = async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new HttpError('NOT_FOUND', MESSAGES.notFound(ctx.method, ctx.path));
      }
    } catch (err) {
      const { status, body, unexpected } = toErrorResponse(err);
      if (unexpected) logError(err);
      ctx.status = status;
      ctx.type = CONTENT_TYPE.json;
      ctx.body = body;
    }
  };
  // #endregion

  // #region hello
  router.get('/', (ctx) => {
    ctx.type = CONTENT_TYPE.text;
    ctx.body = HELLO_TEXT;
  });
  router.get('/json', (ctx) => {
    ctx.body = { message: HELLO_TEXT };
  });
  router.get('/hello/:name', (ctx) => {
    ctx.type = CONTENT_TYPE.text;
    // @koa/router passes a segment it cannot decode through unchanged, so decode the raw one.
    ctx.body = greet(decodeSegment(ctx.path.slice('/hello/'.length)));
  });
  // #endregion
  // #region fortunes
  router.get('/fortunes', (ctx) => {
    ctx.type = CONTENT_TYPE.html;
    ctx.body = templates.render('fortunes', fortunesContext());
  });
  // #elide GET /chat: the same, with chatContext()
  router.get('/chat', (ctx) => {
    ctx.type = CONTENT_TYPE.html;
    ctx.body = templates.render('chat', chatContext());
  });
  // #endelide
  // #endregion
  // #region db
  // An object body is sent as JSON; a rejection unwinds to the `errors` layer.
  router.get('/db', async (ctx) => {
    ctx.body = await db.world(randomWorldId());
  });
  // #region queries
  router.get('/queries', async (ctx) => {
    ctx.body = await db.worlds(queriesOf(ctx.url));
  });
  // #endregion
  router.get('/updates', async (ctx) => {
    ctx.body = await db.updateWorlds(queriesOf(ctx.url));
  });
  router.get('/db/fortunes', async (ctx) => {
    const fortunes = await db.fortunes();
    ctx.type = CONTENT_TYPE.html;
    ctx.body = templates.render('fortunes', fortunesContext(fortunes));
  });
  // #endregion

  app.use(errors).use(router.routes());
  return app;
}

/** Builds the server without listening (tests and `server.ts` decide where it listens). */
export async function createServer(options: HttpAppOptions = {}): Promise<AppServer> {
  const deps = await loadDeps(options);
  const app = createApp(deps);
  // koa's own error listener would log every thrown error a second time; ours logs once.
  app.silent = true;
  const server = createHttpServer(SERVER_OPTIONS, app.callback());
  // #region ws
  // WebSocket on the same port: `ws` (noServer) takes the `/ws` upgrades the shared guard let through.
  attachUpgrade(server, deps.hub);
  // #endregion
  return asAppServer(server, deps);
}
