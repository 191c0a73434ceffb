import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ChatHub } from '../src/index.js';
import { textOf, WsClient, type JsonFrame } from '@repo/harness';
import { startServer, until, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('frame rules', () => {
  it('closes with 1009 on a frame over maxPayload, and the process and server carry on', async () => {
    server = await startServer({ maxPayload: 1024 });
    const big = await WsClient.connect(server.url);
    big.ws.send('x'.repeat(1025));
    expect((await big.closed).code).toBe(1009);
    // Had the server socket no 'error' listener, ws's error event would have thrown (vitest fails the run).
    const next = await WsClient.connect(server.url);
    expect((await next.call('say_hello')).result).toBe('Hello, World!');
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(await res.text()).toBe('Hello, World!');
    next.ws.close();
  });

  it('accepts a frame of exactly maxPayload', async () => {
    server = await startServer({ maxPayload: 1024 });
    const client = await WsClient.connect(server.url);
    const frame = JSON.stringify({ jsonrpc: '2.0', id: 'max', method: 'say_hello' });
    client.ws.send(frame + ' '.repeat(1024 - frame.length));
    expect(await client.waitFor((f) => f.id === 'max')).toMatchObject({ result: 'Hello, World!' });
    client.ws.close();
  });

  it('enforces maxPayload itself (1009) when the app forgot to pass hub.wsOptions to ws', async () => {
    const hub = new ChatHub({ maxPayload: 1024 });
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' }); // ws default maxPayload: 100 MiB
    wss.on('connection', (socket) => hub.attach(socket));
    await once(wss, 'listening');
    const { port } = wss.address() as { port: number };
    const client = await WsClient.connect(`ws://127.0.0.1:${port}/ws`);
    client.ws.send('x'.repeat(2048));
    expect((await client.closed).code).toBe(1009);
    await hub.close();
    await new Promise((r) => wss.close(r));
  });

  it('closes with 1003 on a binary frame', async () => {
    server = await startServer();
    const client = await WsClient.connect(server.url);
    client.ws.send(Buffer.from('{"jsonrpc":"2.0","id":1,"method":"say_hello"}'));
    expect((await client.closed).code).toBe(1003);
    expect(client.frames).toEqual([]);
  });

  it('keeps the connection open after a parse error', async () => {
    server = await startServer();
    const client = await WsClient.connect(server.url);
    client.ws.send('{"jsonrpc":"2.0","id":1, "method":"say_hello", "params":[Bob]}');
    expect(await client.waitFor((f) => f.error?.code === -32700)).toMatchObject({ id: null });
    expect((await client.call('say_hello', ['Bob'])).result).toBe('Hello, Bob!');
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    client.ws.close();
  });

  it('answers frames of one socket in the order they arrived, whatever each reply costs', async () => {
    server = await startServer();
    const client = await WsClient.connect(server.url);
    const frames = [
      '{"jsonrpc":"2.0","id":1,"method":"say_hello"}',
      'not json',
      '[1]',
      '{"jsonrpc":"2.0","id":4,"method":"chat.join","params":{"room":"order","nick":"o"}}',
      '{"jsonrpc":"2.0","method":1}',
      '{"jsonrpc":"2.0","id":6,"method":"say_hello","params":["six"]}',
    ];
    // One TCP write, so the server reads all frames in one go.
    client.tcp.cork();
    for (const f of frames) client.ws.send(f);
    client.tcp.uncork();
    await client.waitFor((f) => f.id === 6);
    const ids = client.frames.map((f) => (Array.isArray(f) ? '[]' : (f as JsonFrame).id));
    expect(ids).toEqual([1, null, '[]', 4, null, 6]);
    client.ws.close();
  });

  it('a closed socket leaves its room: the others get chat.left and the room is deleted when empty', async () => {
    server = await startServer();
    const ann = await WsClient.connect(server.url);
    const bob = await WsClient.connect(server.url);
    await ann.call('chat.join', { room: 'bye', nick: 'ann' });
    await bob.call('chat.join', { room: 'bye', nick: 'bob' });
    bob.ws.close();
    expect(await ann.waitFor((f) => f.method === 'chat.left')).toEqual({
      jsonrpc: '2.0',
      method: 'chat.left',
      params: { room: 'bye', nick: 'bob' },
    });
    ann.ws.terminate();
    await until(() => server!.hub.clientCount === 0, 2000, 'clients gone');
    expect(server.hub.service.rooms.size).toBe(0);
  });

  it('accepts listeners other code added before attach and still counts clients', async () => {
    const hub = new ChatHub();
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', ...hub.wsOptions });
    const seen: string[] = [];
    wss.on('connection', (socket) => {
      socket.on('message', (data) => seen.push(textOf(data)));
      hub.attach(socket);
    });
    await once(wss, 'listening');
    const { port } = wss.address() as { port: number };
    const client = await WsClient.connect(`ws://127.0.0.1:${port}/`);
    expect((await client.call('say_hello', ['X'])).result).toBe('Hello, X!');
    expect(seen).toHaveLength(1);
    expect(hub.clientCount).toBe(1);
    await hub.close();
    expect(hub.clientCount).toBe(0);
    await new Promise((r) => wss.close(r));
  });
});
