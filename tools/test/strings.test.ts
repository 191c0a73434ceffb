import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { textOf } from '@repo/harness';
import { answer, startStringsServer } from '../src/strings-server.js';

describe('the string-matching step (before JSON-RPC)', () => {
  let wss: ReturnType<typeof startStringsServer>;
  let url: string;
  beforeAll(async () => {
    wss = startStringsServer(0, '127.0.0.1');
    await once(wss, 'listening');
    url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;
  });
  afterAll(() => new Promise<void>((done) => wss.close(() => done())));

  it('matches the raw text, one command at a time', () => {
    expect(answer('say_hello')).toBe('Hello, World!');
    expect(answer('say_hello Bob')).toBe('Hello, Bob!');
    expect(answer('ping')).toBe('pong');
    expect(answer('dance')).toBe('unknown command: dance');
  });

  it('answers each text frame over a real socket, as websocat --linemode-strip-newlines sends them', async () => {
    const ws = new WebSocket(url);
    await once(ws, 'open');
    const replies: string[] = [];
    ws.on('message', (data) => replies.push(textOf(data)));
    for (const line of ['say_hello', 'say_hello Bob', 'nope']) ws.send(line);
    await new Promise<void>((done) => {
      const check = () => (replies.length === 3 ? done() : setTimeout(check, 10));
      check();
    });
    expect(replies).toEqual(['Hello, World!', 'Hello, Bob!', 'unknown command: nope']);
    ws.close();
  });
});
