// Minimal node:http hello server: the floor every framework is compared against.
import { createServer } from 'node:http';

const body = 'Hello, World!';
// Content-Length given, as node-http-app does: without it writeHead commits to chunked framing,
// which the apps are not allowed and which costs every response a chunk header and trailer.
const headers = { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) };
const server = createServer((req, res) => {
  res.writeHead(200, headers).end(body);
});
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`reference/node-http listening on http://127.0.0.1:${server.address().port}/`);
});
process.once('SIGTERM', () => process.exit(0));
