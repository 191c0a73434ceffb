import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WsClient, type JsonFrame } from '@repo/harness';
import { startServer, until, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const LIMIT = 256 * 1024;
const TEXT = 'x'.repeat(2000);
const UNLIMITED = { burst: Infinity, perSecond: Infinity };

/** Makes `sender` post 20 messages of 2000 characters in one batch and waits for the replies. */
async function burst(sender: WsClient, round: number): Promise<void> {
  const batch = Array.from({ length: 20 }, (_, i) => ({
    jsonrpc: '2.0',
    id: `r${round}-${i}`,
    method: 'chat.send',
    params: [TEXT],
  }));
  sender.ws.send(JSON.stringify(batch));
  await sender.waitFor((f) => Array.isArray(f) && f[0]?.id === `r${round}-0`, 5000);
  // The sender reads its own copies: drop them (and the replies), keep presence notifications.
  const kept = sender.frames.filter((f) => (f as JsonFrame | undefined)?.method === 'chat.left');
  sender.frames.splice(0, sender.frames.length, ...kept);
}

/** Records the server-side backlog right after every frame the hub hands to `socket`. */
function watchBacklog(socket: WebSocket): { max: number } {
  const seen = { max: 0 };
  const send = socket.send.bind(socket);
  socket.send = ((data: string) => {
    send(data);
    seen.max = Math.max(seen.max, socket.bufferedAmount);
  }) as WebSocket['send'];
  return seen;
}

async function start(maxBufferedBytes: number) {
  // closeTimeoutMs is long on purpose: a backlog overflow must not wait for it.
  server = await startServer({
    maxBufferedBytes,
    closeTimeoutMs: 10_000,
    rateLimit: UNLIMITED,
    roomRateLimit: UNLIMITED,
    maxFanOutPerSecond: Infinity,
  });
  const sender = await WsClient.connect(server.url);
  await sender.call('chat.join', { room: 'flood', nick: 'sender' });
  return sender;
}

describe('slow consumer', () => {
  it('never gets a frame that would take its backlog past maxBufferedBytes, and is terminated at once', async () => {
    const sender = await start(LIMIT);
    const slow = await WsClient.connect(server!.url);
    await slow.call('chat.join', { room: 'flood', nick: 'slow' });
    const slowServerSide = server!.serverSockets[1]!;
    const backlog = watchBacklog(slowServerSide);
    slow.tcp.pause(); // stop reading: the server's send buffer for this client can only grow
    let round = 0;
    while (slowServerSide.readyState === WebSocket.OPEN && round < 1300) await burst(sender, round++);
    const droppedAt = Date.now();
    expect(slowServerSide.readyState).not.toBe(WebSocket.OPEN);
    expect(backlog.max).toBeGreaterThan(LIMIT / 2); // the flood did fill it…
    expect(backlog.max).toBeLessThanOrEqual(LIMIT); // …but never past the limit
    // Terminated on the next turn of the loop, not after closeTimeoutMs (10 s here).
    await until(() => server!.hub.clientCount === 1, 1000, 'slow client terminated');
    expect(Date.now() - droppedAt).toBeLessThan(1000);
    expect(await sender.waitFor((f) => f.method === 'chat.left')).toMatchObject({ params: { nick: 'slow' } });
    slow.ws.terminate();
    sender.ws.close();
  }, 30_000);

  it('a reading client whose one reply would pass the limit gets 1013 at once instead of the reply', async () => {
    const sender = await start(16 * 1024);
    for (let i = 0; i < 10; i++) await sender.call('chat.send', [TEXT]); // ~21 KB of history
    const joiner = await WsClient.connect(server!.url);
    const started = Date.now();
    joiner.ws.send(
      JSON.stringify({ jsonrpc: '2.0', id: 'j', method: 'chat.join', params: ['flood', 'late'] }),
    );
    const { code } = await joiner.closed;
    expect(code).toBe(1013);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(joiner.frames).toEqual([]); // the join reply was never sent
    expect(sender.ws.readyState).toBe(WebSocket.OPEN);
    sender.ws.close();
  }, 10_000);
});
