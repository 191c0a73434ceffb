// #region barest
import { createServer } from 'node:net';

// The classic few-liner: no parsing at all. Whatever arrives, one answer goes back and the line closes.
const hello = 'HTTP/1.1 200 OK\r\nContent-Length: 13\r\nConnection: close\r\n\r\nHello, World!';
const server = createServer((socket) => socket.on('error', () => {}).once('data', () => socket.end(hello)));
const host = process.env.HOST ?? '127.0.0.1';
server.listen(Number(process.env.PORT ?? 8081), host, () => {
  console.log(`barest listening on http://${host}:${(server.address() as { port: number }).port}/`);
});
// #endregion
