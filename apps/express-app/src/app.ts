/**
 * express 5: callbacks and middleware. Routes are `(req, res)` callbacks; errors flow to the
 * four-argument error middleware at the end of the chain.
 */
import { createServer as createHttpServer } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { attachUpgrade } from '@repo/chat';
import { CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import {
  errorBody,
  chatContext,
  fortunesContext,
  greet,
  MESSAGES,
  SERVER_OPTIONS,
  toErrorResponse,
  type AppServer,
} from '@repo/core';
import { randomWorldId } from '@repo/db';
import { asAppServer, loadDeps, queriesOf, type AppDeps, type HttpAppOptions } from '@repo/http-app';

export function createApp({ templates, logError, db }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // ETags hash every body: work the other apps do not do, so it is off for a fair comparison.
  app.disable('etag');
  // The contract's paths are exact: `/JSON` and `/json/` are not `/json` (express matches both by default).
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  // #region views
  // express's own view mechanism, fed by the shared compiled templates (see README, "written by hand").
  app.engine('hbs', (file, context, done) => {
    try {
      done(null, templates.render(templates.nameOf(file), context as never));
    } catch (err) {
      done(err);
    }
  });
  app.set('views', templates.dir);
  app.set('view engine', 'hbs');
  // Cache view lookups always: without it express stats the template file on every render.
  app.enable('view cache');
  // #endregion

  // #region hello
  app.get('/', (req, res) => {
    res.type(CONTENT_TYPE.text).send(HELLO_TEXT);
  });
  app.get('/json', (req, res) => {
    res.json({ message: HELLO_TEXT });
  });
  app.get('/hello/:name', (req, res) => {
    res.type(CONTENT_TYPE.text).send(greet(req.params.name));
  });
  // #endregion
  // #region fortunes
  app.get('/fortunes', (req, res) => {
    res.render('fortunes', fortunesContext());
  });
  // #elide GET /chat: the same, with chatContext()
  app.get('/chat', (req, res) => {
    res.render('chat', chatContext());
  });
  // #endelide
  // #endregion
  // #region db
  // express 5 passes a rejected handler's error to the error middleware below.
  app.get('/db', async (req, res) => {
    res.json(await db.world(randomWorldId()));
  });
  // #region queries
  app.get('/queries', async (req, res) => {
    res.json(await db.worlds(queriesOf(req.originalUrl)));
  });
  // #endregion
  app.get('/updates', async (req, res) => {
    res.json(await db.updateWorlds(queriesOf(req.originalUrl)));
  });
  app.get('/db/fortunes', async (req, res) => {
    res.render('fortunes', fortunesContext(await db.fortunes()));
  });
  // #endregion

  // #region errors
  const notFound: RequestHandler = (req, res) => {
    res
      .status(404)
      .type(CONTENT_TYPE.json)
      .send(errorBody('NOT_FOUND', MESSAGES.notFound(req.method, req.path)));
  };
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const { status, body, unexpected } = toErrorResponse(err);
    if (unexpected) logError(err);
    res.status(status).type(CONTENT_TYPE.json).send(body);
  };
  app.use(notFound, onError);
  // #endregion
  return app;
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
