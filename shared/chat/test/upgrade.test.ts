/**
 * attachUpgrade for real: a bare node:http server, the function called here (not through a helper),
 * and a real WebSocket client. Which upgrades reach it (path, handshake, Origin) is the edge guard's
 * job, tested in @repo/core and the conformance suite.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { WsClient } from '@repo/harness';
import { ChatHub, attachUpgrade } from '../src/index.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** node:http answering `GET /` with attachUpgrade on it; the hub and the returned WebSocketServer. */
async function serve(hub: ChatHub) {
  const server: Server = createServer((_req, res) => res.writeHead(200).end('Hello, World!'));
  const wss = attachUpgrade(server, hub);
  const connections: [WebSocket, IncomingMessage][] = [];
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => connections.push([ws, req]));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  stop = async () => {
    await hub.close();
    // Sockets the hub never took (if attachUpgrade stopped handing them over) would hold close() open.
    for (const ws of wss.clients) ws.terminate();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { wss, connections, port, url: `ws://127.0.0.1:${port}/ws` };
}

describe('attachUpgrade', () => {
  it('hands each upgraded socket to the hub, and serves HTTP on the same port', async () => {
    const hub = new ChatHub({ allowedOrigins: [] });
    const { connections, port, url } = await serve(hub);
    const client = await WsClient.connect(url);
    expect(hub.clientCount).toBe(1);
    // The hub answers on it: the socket is the hub's, not just an open ws connection.
    expect((await client.call('say_hello')).result).toBe('Hello, World!');
    // 'connection' is emitted as a WebSocketServer in server mode would, with the upgrade request.
    expect(connections.map(([, req]) => req.url)).toEqual(['/ws']);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    client.ws.close();
    expect(await client.closed).toMatchObject({ code: 1005 });
    await expect.poll(() => hub.clientCount).toBe(0);
  });

  it("gives ws the hub's frame limit, so ws refuses a frame too big before the hub sees it", async () => {
    const hub = new ChatHub({ allowedOrigins: [], maxPayload: 1024 });
    const { wss, url } = await serve(hub);
    expect(wss.options.maxPayload).toBe(1024);
    const client = await WsClient.connect(url);
    client.send('x'.repeat(2048));
    // ws closes with 1009 and no reason; the hub's own check would say `frames are limited to 1024 bytes`.
    expect(await client.closed).toEqual({ code: 1009, reason: '' });
  });
});

describe('ChatHub origins', () => {
  it('reads ALLOWED_ORIGINS from the environment by default', () => {
    process.env.ALLOWED_ORIGINS = 'http://from-env.example';
    try {
      const hub = new ChatHub();
      const req = { headers: { origin: 'http://from-env.example', host: '127.0.0.1:1' } };
      expect(hub.isOriginAllowed(req)).toBe(true);
      expect(hub.isOriginAllowed({ headers: { ...req.headers, origin: 'http://other.example' } })).toBe(
        false,
      );
    } finally {
      delete process.env.ALLOWED_ORIGINS;
    }
  });
});
