import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connect, startServer, until, type TestServer, type TestClient } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const TEXT = 'x'.repeat(2000);

/** Makes `sender` post 25 messages of 2000 characters in one batch and waits for the replies. */
async function burst(sender: TestClient, round: number): Promise<void> {
  const batch = Array.from({ length: 25 }, (_, i) => ({
    jsonrpc: '2.0',
    id: `r${round}-${i}`,
    method: 'chat.send',
    params: [TEXT],
  }));
  sender.ws.send(JSON.stringify(batch));
  await sender.waitFor((f) => Array.isArray(f) && f[0]?.id === `r${round}-0`, 5000);
}

/** Fans messages out until the server starts closing the paused client (or 64 MiB were sent). */
async function floodUntilDropped(server: TestServer, sender: TestClient, slowIndex: number): Promise<void> {
  const slowServerSide = server.serverSockets[slowIndex]!;
  for (let round = 0; round < 1300 && slowServerSide.readyState === WebSocket.OPEN; round++) {
    await burst(sender, round);
    sender.frames.length = 0; // the sender reads its own copies; do not keep them
  }
  expect(slowServerSide.readyState).toBe(WebSocket.CLOSING);
}

async function setup(closeTimeoutMs: number) {
  server = await startServer({
    maxBufferedBytes: 256 * 1024,
    rateLimit: { burst: Infinity, perSecond: Infinity },
    closeTimeoutMs,
  });
  const sender = await connect(server.url);
  const slow = await connect(server.url);
  await sender.call('chat.join', { room: 'flood', nick: 'sender' });
  await slow.call('chat.join', { room: 'flood', nick: 'slow' });
  slow.tcp.pause(); // stop reading: the server's send buffer for this client can only grow
  return { sender, slow };
}

describe('slow consumer', () => {
  it('is dropped with 1013 once its unsent backlog passes maxBufferedBytes, and the backlog stops growing', async () => {
    const { sender, slow } = await setup(10_000);
    await floodUntilDropped(server!, sender, 1);
    const slowServerSide = server!.serverSockets[1]!;
    const backlog = slowServerSide.bufferedAmount;
    await burst(sender, 9999);
    expect(slowServerSide.bufferedAmount).toBe(backlog); // nothing more is queued for a client being dropped
    slow.tcp.resume();
    expect((await slow.closed).code).toBe(1013);
    expect(await sender.waitFor((f) => f.method === 'chat.left')).toMatchObject({ params: { nick: 'slow' } });
    sender.ws.close();
  }, 30_000);

  it('is terminated when it does not finish the close handshake in closeTimeoutMs', async () => {
    const { sender, slow } = await setup(200);
    await floodUntilDropped(server!, sender, 1);
    await until(() => server!.hub.clientCount === 1, 3000, 'slow client terminated');
    expect(await sender.waitFor((f) => f.method === 'chat.left')).toMatchObject({ params: { nick: 'slow' } });
    slow.ws.terminate();
    sender.ws.close();
  }, 30_000);
});
