/**
 * The upgrade routing express, koa and node:http share: they all run `ws` in `noServer` mode on the
 * HTTP server's `upgrade` event (fastify and hono have their own WebSocket plumbing and call
 * `hub.attach` directly).
 */
import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WS_PATH } from './constants.js';
import type { ChatHub } from './hub.js';

/**
 * Routes `GET /ws` upgrades to the hub; other paths get 404 and a disallowed Origin 403, as raw HTTP
 * responses in the apps' JSON error envelope. Returns the `WebSocketServer` (the hub owns its clients).
 *
 * @example
 * const server = http.createServer(app);
 * const hub = new ChatHub();
 * attachUpgrade(server, hub);
 */
export function attachUpgrade(server: Server, hub: ChatHub): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, ...hub.wsOptions });
  server.on('upgrade', (req, socket, head) => {
    // A client resetting mid-handshake emits 'error' on this raw socket; unhandled it would crash us.
    socket.on('error', () => {});
    const path = pathOf(req.url);
    if (path !== WS_PATH) {
      return reject(
        socket,
        404,
        'NOT_FOUND',
        `No WebSocket endpoint at ${path ?? 'this URL'}; use ${WS_PATH}`,
      );
    }
    if (!hub.isOriginAllowed(req)) {
      return reject(socket, 403, 'FORBIDDEN', 'WebSocket connections from this Origin are not allowed');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      hub.attach(ws);
      wss.emit('connection', ws, req);
    });
  });
  return wss;
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** Answers on the raw socket (no ServerResponse exists for an upgrade) and closes it. */
function reject(socket: Duplex, status: number, code: 'NOT_FOUND' | 'FORBIDDEN', message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `Date: ${new Date().toUTCString()}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
