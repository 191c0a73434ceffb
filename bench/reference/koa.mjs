// Minimal koa hello server as koa's docs and @koa/router's README teach it: koa plus its router,
// since a koa app that serves routes uses one (koa-app does), so "vs own reference" is what the
// app adds on top of koa + @koa/router.
import Router from '@koa/router';
import Koa from 'koa';

const app = new Koa();
const router = new Router();
router.get('/', (ctx) => {
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = 'Hello, World!';
});
app.use(router.routes()).use(router.allowedMethods());
const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`reference/koa listening on http://127.0.0.1:${server.address().port}/`);
});
process.once('SIGTERM', () => process.exit(0));
