// Minimal express hello server (fastify/benchmarks style): what express costs with nothing added.
import express from 'express';

const app = express();
// As fastify/benchmarks' express server does, and as express-app does: no per-request ETag hash and
// no X-Powered-By, so the reference does the same work the apps are validated to do.
app.disable('etag');
app.disable('x-powered-by');
app.get('/', (req, res) => {
  res.type('text/plain; charset=utf-8').send('Hello, World!');
});
const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`reference/express listening on http://127.0.0.1:${server.address().port}/`);
});
process.once('SIGTERM', () => process.exit(0));
