import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, textOf, WsClient } from '../src/index.js';

describe('freePort', () => {
  it('hands out a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('WsClient', () => {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  // An echo of JSON-RPC: every request is answered with its method as the result.
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const { id, method } = JSON.parse(textOf(data)) as { id: number; method: string };
      ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'seen', params: { method } }));
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, result: method }));
    }),
  );
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('calls, collects notifications and exposes the TCP socket', async () => {
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const client = await WsClient.connect(`ws://127.0.0.1:${port}/`);
    expect(client.tcp.remotePort).toBe(port);
    expect(await client.ok('ping')).toBe('ping');
    expect(client.notifications('seen')).toEqual([{ method: 'ping' }]);
    await client.close();
  });
});
