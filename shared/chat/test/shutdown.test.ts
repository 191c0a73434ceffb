import { afterEach, describe, expect, it } from 'vitest';
import { WsClient } from '@repo/harness';
import { startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('hub.close()', () => {
  it('closes every client with 1001 and resolves once they are gone', async () => {
    server = await startServer();
    const clients = await Promise.all([1, 2, 3].map(() => WsClient.connect(server!.url)));
    await clients[0]!.call('chat.join', { room: 'down', nick: 'a' });
    await server.hub.close();
    expect(server.hub.clientCount).toBe(0);
    for (const c of clients) expect(await c.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    expect(server.hub.service.rooms.size).toBe(0);
  });

  it('terminates a client that does not answer the close frame in closeTimeoutMs', async () => {
    server = await startServer({ closeTimeoutMs: 100 });
    const stuck = await WsClient.connect(server.url);
    stuck.tcp.pause(); // never reads the close frame, never answers it
    const started = Date.now();
    await server.hub.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.hub.clientCount).toBe(0);
    stuck.ws.terminate();
  });

  it('resolves at once with no clients, and turns away sockets attached afterwards with 1001', async () => {
    server = await startServer();
    await server.hub.close();
    const late = await WsClient.connect(server.url);
    expect((await late.closed).code).toBe(1001);
  });
});
