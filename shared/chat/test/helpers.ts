/**
 * Test plumbing: a real node:http server with the hub on 127.0.0.1. The client is @repo/harness's
 * WsClient, the one every package's tests use.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import { ChatHub, attachUpgrade, type ChatOptions } from '../src/index.js';

export interface TestServer {
  hub: ChatHub;
  server: Server;
  url: string;
  port: number;
  /** Server-side sockets, in connection order. */
  serverSockets: WebSocket[];
  stop(): Promise<void>;
}

/** node:http + attachUpgrade + ChatHub, listening on an ephemeral port; `GET /` answers Hello, World!. */
export async function startServer(options: ChatOptions = {}): Promise<TestServer> {
  const hub = new ChatHub({ allowedOrigins: [], ...options });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('Hello, World!');
  });
  const wss = attachUpgrade(server, hub);
  const serverSockets: WebSocket[] = [];
  wss.on('connection', (ws) => serverSockets.push(ws));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    hub,
    server,
    port,
    url: `ws://127.0.0.1:${port}/ws`,
    serverSockets,
    async stop() {
      await hub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// Re-exported so the socket tests keep one import for their plumbing.
export { until } from '@repo/harness';
