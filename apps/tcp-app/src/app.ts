/**
 * The barest server: node:net and no HTTP library. It reads bytes off the socket, cuts them into
 * request heads and writes HTTP/1.1 answers by hand. Try `telnet localhost 8080`, type
 * `GET / HTTP/1.1`, press Enter twice: the text comes back.
 */
import { createServer as createNetServer, type Socket } from 'node:net';
import { CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import { closeServer, errorBody, MESSAGES, rawErrorResponse, type AppServer } from '@repo/core';

/** Like Node's parser: a request head may not pass 16 KiB, so a client cannot grow our buffer. */
const MAX_HEAD_BYTES = 16 * 1024;

function response(status: string, type: string, body: string, keepAlive: boolean): string {
  return (
    `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Date: ${new Date().toUTCString()}\r\nConnection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n${body}`
  );
}

// #region app
export function createApp(): (socket: Socket) => void {
  return (socket) => {
    let buffered = '';
    socket.setEncoding('latin1');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      // One chunk may hold several pipelined requests: answer each complete head, in order.
      for (let end = buffered.search(/\r?\n\r?\n/); end !== -1; end = buffered.search(/\r?\n\r?\n/)) {
        if (end > MAX_HEAD_BYTES) break;
        const [requestLine = '', ...headers] = buffered.slice(0, end).split(/\r?\n/);
        buffered = buffered.slice(end).replace(/^\r?\n\r?\n/, '');
        const match = /^([A-Z]+) (\S+) HTTP\/1\.([01])$/.exec(requestLine);
        if (!match) return void socket.end(rawErrorResponse('BAD_REQUEST', 'Malformed HTTP request'));
        const [, method, path, minor] = match;
        const connection = headers
          .find((h) => /^connection:/i.test(h))
          ?.slice(11)
          .trim()
          .toLowerCase();
        // HTTP/1.1 stays open unless asked to close; HTTP/1.0 closes unless asked to stay.
        // Only GET is served: a request with a body we do not read must not stay on the socket.
        const keepAlive =
          method === 'GET' && (minor === '1' ? connection !== 'close' : connection === 'keep-alive');
        socket.write(
          method === 'GET' && path === '/'
            ? response('200 OK', CONTENT_TYPE.text, HELLO_TEXT, keepAlive)
            : response(
                '404 Not Found',
                CONTENT_TYPE.json,
                errorBody('NOT_FOUND', MESSAGES.notFound(method!, path!)),
                keepAlive,
              ),
        );
        if (!keepAlive) return void socket.end();
      }
      if (buffered.length > MAX_HEAD_BYTES) {
        socket.end(rawErrorResponse('HEADERS_TOO_LARGE', 'Request head is larger than 16 KiB'));
      }
    });
  };
}
// #endregion

/** Builds the server without listening (tests and `server.ts` decide where it listens). */
export async function createServer(): Promise<AppServer> {
  const server = createNetServer(createApp());
  // net has no notion of idle requests: on close, end every open connection so close() can finish.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    server,
    close: async () => {
      const closed = closeServer(server);
      for (const socket of sockets) socket.end();
      await closed;
    },
  };
}
