import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WsClient } from '@repo/harness';
import { startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

// Client and server share this process's event loop: an interval much shorter than a busy loop's
// stalls would fail healthy clients too (the timer fires before the pong is read), hence 250 ms.
const INTERVAL = 250;

describe('heartbeat', () => {
  it('terminates a peer that does not answer pings, and keeps one that does', async () => {
    server = await startServer({ heartbeatMs: INTERVAL });
    const mute = await WsClient.connect(server.url, { autoPong: false });
    const healthy = await WsClient.connect(server.url);
    let pings = 0;
    mute.ws.on('ping', () => pings++);
    const started = Date.now();
    // Terminated, not closed: no close frame, so the client sees 1006 (abnormal closure).
    expect((await mute.closed).code).toBe(1006);
    // The first tick pings, the next finds no pong: terminated after two intervals, not at the first.
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * INTERVAL - 20);
    await new Promise((r) => setTimeout(r, 3 * INTERVAL));
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    expect(server.hub.clientCount).toBe(1);
    healthy.ws.close();
  });
});
