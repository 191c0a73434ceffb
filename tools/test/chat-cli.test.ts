import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WsClient, type JsonFrame } from '@repo/harness';
import { startServer, until, type TestServer } from './helpers.js';

const CLI = fileURLToPath(new URL('../src/chat-cli.ts', import.meta.url));

/** Runs the CLI from source (via tsx) with piped stdio; `write` feeds stdin, `out` accumulates stdout. */
function run(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
  const io = { out: '', err: '' };
  child.stdout.on('data', (c) => (io.out += c));
  child.stderr.on('data', (c) => (io.err += c));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, io, exited, write: (text: string) => child.stdin.write(text) };
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('chat CLI', () => {
  it('prints usage and exits 2 on bad arguments', async () => {
    for (const args of [[], ['http://127.0.0.1/ws'], ['ws://a/ws', 'extra']]) {
      const cli = run(...args);
      expect(await cli.exited).toBe(2);
      expect(cli.io.err).toMatch(/^usage: chat <ws:\/\/host:port\/ws>/);
    }
  }, 20_000);

  it('exits 1 with a clear message when it cannot connect', async () => {
    const cli = run('ws://127.0.0.1:1/ws');
    expect(await cli.exited).toBe(1);
    expect(cli.io.err).toMatch(/cannot connect to ws:\/\/127\.0\.0\.1:1\/ws: .*ECONNREFUSED/);
  }, 10_000);

  it('joins, chats, shows others, sends raw frames, leaves and quits', async () => {
    server = await startServer();
    const bob = await WsClient.connect(server.url);
    await bob.call('chat.join', { room: 'lobby', nick: 'bob' });
    await bob.call('chat.send', { text: 'before you came' });

    const cli = run(server.url);
    cli.write('/hello\n/hello Ann Lee\n/join lobby ann\n');
    await until(() => cli.io.out.includes('* joined lobby'), 10_000, 'the CLI to join');
    await bob.call('chat.send', { text: 'hi ann \x1b[2J' });
    await until(() => cli.io.out.includes('[lobby] bob: hi ann'), 3000, 'bob’s message');
    cli.write('hello <b>bob</b>\n/raw [1]\n/leave\n/quit\n');
    expect(await cli.exited).toBe(0);

    expect(cli.io.out.split('\n').slice(1, -1)).toEqual([
      'Hello, World!',
      'Hello, Ann Lee!',
      '* joined lobby as ann (members: bob, ann)',
      '[lobby] bob: before you came',
      '[lobby] bob: hi ann \\x1b[2J', // an escape sequence is shown, not obeyed
      '[lobby] ann: hello <b>bob</b>',
      '[{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: expected a request object"}}]',
      '* left the room',
    ]);
    expect(bob.frames).toContainEqual({
      jsonrpc: '2.0',
      method: 'chat.message',
      params: expect.objectContaining({ nick: 'ann', text: 'hello <b>bob</b>' }),
    });
    await until(() => bob.frames.some((f) => (f as JsonFrame).method === 'chat.left'), 2000, 'chat.left');
    bob.ws.close();
  }, 20_000);

  it('prints errors readably and exits 0 at the end of piped input once replies are in', async () => {
    server = await startServer();
    const cli = run(server.url);
    cli.write('not joined yet\n/join Bad nick\n');
    cli.child.stdin.end();
    expect(await cli.exited).toBe(0);
    expect(cli.io.out).toContain('! error -32001: Not joined: call chat.join first');
    expect(cli.io.out).toContain(
      "! error -32602: Invalid params: room must be 1–32 characters of a-z, 0-9 and '-'",
    );
  }, 10_000);

  it('exits 1 when the server closes the connection', async () => {
    server = await startServer();
    const cli = run(server.url);
    await until(() => cli.io.out.includes('* connected'), 10_000, 'the CLI to connect');
    await server.hub.close();
    expect(await cli.exited).toBe(1);
    expect(cli.io.err).toContain('connection closed by the server (1001 server shutting down)');
  }, 15_000);
});
