import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { openSocket, type RpcMessage } from '../src/load/ws-client.js';
import { DRAIN_MS, MessageRouter, roundTimers } from '../src/load/ws-loop.js';

let wss: WebSocketServer | null = null;
afterEach(() => {
  vi.useRealTimers();
  for (const c of wss?.clients ?? []) c.terminate();
  wss?.close();
  wss = null;
});

/** A server whose only job is to hand us its side of the socket. */
async function pair(): Promise<{ server: WebSocket; client: WebSocket }> {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const accepted = once(wss, 'connection');
  const client = await openSocket((wss.address() as AddressInfo).port);
  const [server] = (await accepted) as [WebSocket];
  return { server, client };
}

describe('MessageRouter', () => {
  it('hands parsed frames, bad JSON and a close to the current handler with the owner', async () => {
    const { server, client } = await pair();
    const router = new MessageRouter<string>();
    router.listen(client, 'owner-1');
    const seen: [string, RpcMessage | null, string][] = [];
    router.current = (owner, msg, why) => seen.push([owner, msg, why]);
    server.send('{"jsonrpc":"2.0","id":1,"result":"ok"}');
    server.send('not json');
    server.close();
    await once(client, 'close');
    expect(seen).toEqual([
      ['owner-1', { jsonrpc: '2.0', id: 1, result: 'ok' }, 'a message was not valid JSON'],
      ['owner-1', null, 'a message was not valid JSON'],
      ['owner-1', null, 'a socket was closed by the server'],
    ]);
  });

  it('drops frames between runs (no current handler)', async () => {
    const { server, client } = await pair();
    const router = new MessageRouter<string>();
    router.listen(client, 'x');
    const handler = vi.fn();
    server.send('{"id":1}');
    await once(client, 'message');
    router.current = handler;
    server.send('{"id":2}');
    await once(client, 'message');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![1]).toEqual({ id: 2 });
    client.terminate();
  });
});

describe('roundTimers', () => {
  it('reports the rate each second and ends the run at the drain deadline', () => {
    vi.useFakeTimers();
    let count = 0;
    const rates: number[] = [];
    const finish = vi.fn();
    const signal = new AbortController().signal;
    roundTimers(
      { port: 1, connections: 1, seconds: 2, signal, onRate: (r) => rates.push(r) },
      () => count,
      finish,
    );
    count = 10;
    vi.advanceTimersByTime(1000);
    count = 25;
    vi.advanceTimersByTime(1000);
    expect(rates).toEqual([10, 15]);
    vi.advanceTimersByTime(DRAIN_MS - 1);
    expect(finish).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(finish).toHaveBeenCalledTimes(1);
  });

  it('ends the run at once on abort, and not after its timers were cleared', () => {
    vi.useFakeTimers();
    const finish = vi.fn();
    const controller = new AbortController();
    const stop = roundTimers(
      { port: 1, connections: 1, seconds: 5, signal: controller.signal },
      () => 0,
      finish,
    );
    controller.abort();
    expect(finish).toHaveBeenCalledTimes(1);

    const later = new AbortController();
    const finish2 = vi.fn();
    roundTimers({ port: 1, connections: 1, seconds: 5, signal: later.signal }, () => 0, finish2)();
    later.abort();
    vi.advanceTimersByTime(60_000);
    expect(finish2).not.toHaveBeenCalled();
    stop();
  });
});
