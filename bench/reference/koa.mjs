// Minimal koa hello server (fastify/benchmarks style): what koa costs with nothing added.
import Koa from 'koa';

const app = new Koa();
app.use((ctx) => {
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = 'Hello, World!';
});
const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`reference/koa listening on http://127.0.0.1:${server.address().port}/`);
});
process.once('SIGTERM', () => process.exit(0));
