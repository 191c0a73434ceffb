/**
 * fastify 5: plugins and schemas. Views come from the @fastify/view plugin; the `:name` rule and
 * the JSON reply shape are JSON Schemas, validated and serialised by fastify's compiled code.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyView from '@fastify/view';
import fastifyWebsocket from '@fastify/websocket';
import { WS_PATH } from '@repo/chat';
import { CONTENT_TYPE, HELLO_TEXT, MAX_NAME_LENGTH } from '@repo/fixtures';
import {
  errorBody,
  chatContext,
  HttpError,
  fortunesContext,
  greeting,
  MESSAGES,
  pathOf,
  SERVER_OPTIONS,
  toErrorResponse,
  type AppServer,
} from '@repo/core';
import { randomWorldId } from '@repo/db';
import { asAppServer, loadDeps, queriesOf, type AppDeps, type HttpAppOptions } from '@repo/http-app';

const helloSchema = {
  params: {
    type: 'object',
    properties: { name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH } },
    required: ['name'],
  },
} as const;

const jsonSchema = {
  response: {
    200: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
  },
} as const;

export async function createApp({ templates, logError, hub, db }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // The shared server options and timeouts (fastify's own: no request timeout, 72 s keep-alive).
    http: SERVER_OPTIONS,
    requestTimeout: SERVER_OPTIONS.requestTimeout,
    keepAliveTimeout: SERVER_OPTIONS.keepAliveTimeout,
    // find-my-way caps params at 100 characters; the contract allows 64 characters of any width.
    routerOptions: { maxParamLength: 1024 },
    // A path fastify's router cannot decode is a client error, not a 404.
    frameworkErrors: (err, req, reply: FastifyReply) => {
      reply.code(400).type(CONTENT_TYPE.json).send(errorBody('BAD_REQUEST', MESSAGES.badEncoding));
    },
  });
  // Plugins before routes: routes are bound to the context (and error handler) they are declared in.
  await app.register(fastifyWebsocket, { options: hub.wsOptions });
  // #region views
  await app.register(fastifyView, {
    engine: { handlebars: templates.handlebars },
    root: templates.dir,
    viewExt: 'hbs',
    // production: compiled templates are cached; otherwise re-read per request for editing.
    production: process.env.NODE_ENV === 'production',
  });
  // #endregion

  // #region hello
  app.get('/', (req, reply) => {
    reply.type(CONTENT_TYPE.text).send(HELLO_TEXT);
  });
  app.get('/json', { schema: jsonSchema }, () => ({ message: HELLO_TEXT }));
  app.get<{ Params: { name: string } }>('/hello/:name', { schema: helloSchema }, (req, reply) => {
    reply.type(CONTENT_TYPE.text).send(greeting(req.params.name));
  });
  // #endregion
  // #region fortunes
  app.get('/fortunes', (req, reply) => {
    const context = fortunesContext();
    return reply.view('fortunes', context, { layout: context.parent });
  });
  // #elide GET /chat: the same, with chatContext()
  app.get('/chat', (req, reply) => {
    const context = chatContext();
    return reply.view('chat', context, { layout: context.parent });
  });
  // #endelide
  // #endregion
  // #region db
  // An async handler's value is the reply, serialised as JSON; a rejection goes to the error handler.
  app.get('/db', () => db.world(randomWorldId()));
  // #region queries
  app.get('/queries', (req) => db.worlds(queriesOf(req.url)));
  // #endregion
  app.get('/updates', (req) => db.updateWorlds(queriesOf(req.url)));
  app.get('/db/fortunes', async (req, reply) => {
    const context = fortunesContext(await db.fortunes());
    return reply.view('fortunes', context, { layout: context.parent });
  });
  // #endregion
  // #region ws
  // The plugin routes `/ws` upgrades through fastify (hooks, then wsHandler); a plain GET /ws takes `handler`.
  app.route({
    method: 'GET',
    url: WS_PATH,
    handler: (req, reply) => reply.callNotFound(),
    wsHandler: (socket) => hub.attach(socket),
  });
  // #endregion

  // #region errors
  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .type(CONTENT_TYPE.json)
      .send(errorBody('NOT_FOUND', MESSAGES.notFound(req.method, pathOf(req.url))));
  });
  app.setErrorHandler<FastifyError>((err, req, reply) => {
    // Schema failures carry `validation` (only `:name` has a rule): the shared words, not ajv's.
    const nameError = new HttpError('BAD_REQUEST', MESSAGES.nameLength(MAX_NAME_LENGTH));
    const { status, body, unexpected } = toErrorResponse(err.validation ? nameError : err);
    if (unexpected) logError(err);
    reply.code(status).type(CONTENT_TYPE.json).send(body);
  });
  // #endregion
  return app;
}

/** Builds the server without listening (tests and `server.ts` decide where it listens). */
export async function createServer(options: HttpAppOptions = {}): Promise<AppServer> {
  const deps = await loadDeps(options);
  const app = await createApp(deps);
  await app.ready();
  return asAppServer(app.server, deps, () => app.close());
}
