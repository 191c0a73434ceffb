// Minimal node:http hello server: the floor every framework is compared against.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Hello, World!');
});
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`reference/node-http listening on http://127.0.0.1:${server.address().port}/`);
});
process.once('SIGTERM', () => process.exit(0));
