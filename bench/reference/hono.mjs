// Minimal hono hello server (fastify/benchmarks style): what hono + @hono/node-server cost.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
// hono's c.text() says charset=UTF-8; the contract's exact header is passed, as hono-app does.
app.get('/', (c) => c.text('Hello, World!', 200, { 'content-type': 'text/plain; charset=utf-8' }));
serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1' },
  (info) => {
    console.log(`reference/hono listening on http://127.0.0.1:${info.port}/`);
  },
);
process.once('SIGTERM', () => process.exit(0));
