// Minimal fastify hello server (fastify/benchmarks style): what fastify costs with nothing added.
import Fastify from 'fastify';

const app = Fastify();
app.get('/', (req, reply) => {
  reply.type('text/plain; charset=utf-8').send('Hello, World!');
});
const port = Number(process.env.PORT ?? 3000);
await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
console.log(`reference/fastify listening on http://127.0.0.1:${app.server.address().port}/`);
process.once('SIGTERM', () => process.exit(0));
