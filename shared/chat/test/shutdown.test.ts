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

  // The promise: a client that never answers the close frame is terminated closeTimeoutMs after it was
  // sent, and close() resolves on that socket's close event, so close() takes the grace plus a few
  // event-loop turns. 100 ms of grace here; the upper bound leaves 300 ms for a busy CI machine.
  const GRACE_MS = 100;
  const CI_HEADROOM_MS = 300;
  it(`terminates a client that does not answer the close frame after closeTimeoutMs (${GRACE_MS} ms)`, async () => {
    server = await startServer({ closeTimeoutMs: GRACE_MS });
    const stuck = await WsClient.connect(server.url);
    stuck.tcp.pause(); // never reads the close frame, never answers it
    const started = performance.now();
    await server.hub.close();
    const took = performance.now() - started;
    // Not before the grace (a client that does answer gets that long), and not much after it. Timers
    // may fire up to 1 ms early (millisecond rounding), hence the 1 ms below the grace.
    expect(took).toBeGreaterThanOrEqual(GRACE_MS - 1);
    expect(took).toBeLessThan(GRACE_MS + CI_HEADROOM_MS);
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
