/**
 * JSON-RPC 2.0 error paths and envelope rules of the chat (spec §4–§6 and the app codes -32000…-32002).
 * Happy paths alone would not catch a framework swallowing a frame or an adapter mangling a batch.
 */
import assert from 'node:assert/strict';
import type { Check } from './types.js';
import { isReply, nextFrame, type RpcReply } from '@repo/harness';
import { uniqueRoom, withPool } from './ws-pool.js';

function assertError(reply: unknown, code: number, id: RpcReply['id'], what: string): void {
  assert.ok(isReply(reply), `${what}: expected a single response object, got ${JSON.stringify(reply)}`);
  assert.equal(reply.jsonrpc, '2.0', `${what}: jsonrpc`);
  assert.equal(reply.error?.code, code, `${what}: error code (got ${JSON.stringify(reply)})`);
  assert.equal(typeof reply.error?.message, 'string', `${what}: error message`);
  assert.equal(reply.id, id, `${what}: id`);
}

export const chatErrorChecks: Check[] = [
  {
    name: 'chat: invalid JSON gets -32700 with id null, and the connection stays open',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        // What `websocat --jsonrpc` sends for the line `say_hello Bob`.
        const reply = await nextFrame(c, '{"jsonrpc":"2.0","id":1, "method":"say_hello", "params":[Bob]}');
        assertError(reply, -32700, null, 'say_hello Bob');
        assertError(await nextFrame(c, '{"jsonrpc"'), -32700, null, 'truncated JSON');
        assert.ok(c.isOpen, 'connection still open after parse errors');
        assert.equal((await c.call('say_hello', ['Bob'])).result, 'Hello, Bob!');
      }),
  },
  {
    name: 'chat: invalid requests get -32600 (single object for [] and null, an array for [1])',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        assertError(
          await nextFrame(c, '{"jsonrpc":"2.0","method":1,"params":"bar"}'),
          -32600,
          null,
          '{"method":1}',
        );
        assertError(await nextFrame(c, 'null'), -32600, null, 'null');
        assertError(await nextFrame(c, '"foo"'), -32600, null, '"foo"');
        assertError(await nextFrame(c, '{"method":"say_hello","id":5}'), -32600, 5, 'missing jsonrpc');
        assertError(await nextFrame(c, '[]'), -32600, null, '[] (a single object, not an array)');
        const one = await nextFrame(c, '[1]');
        assert.ok(
          Array.isArray(one) && one.length === 1,
          `[1] gets an array of one, got ${JSON.stringify(one)}`,
        );
        assertError(one[0], -32600, null, '[1][0]');
        const three = await nextFrame(c, '[1,2,3]');
        assert.ok(
          Array.isArray(three) && three.length === 3,
          `[1,2,3] gets three errors, got ${JSON.stringify(three)}`,
        );
        for (const r of three) assertError(r, -32600, null, '[1,2,3][i]');
        assert.ok(c.isOpen);
      }),
  },
  {
    name: 'chat: an unknown method gets -32601 with the request id',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        assertError(
          await nextFrame(c, '{"jsonrpc":"2.0","id":"x-1","method":"chat.nope"}'),
          -32601,
          'x-1',
          'chat.nope',
        );
      }),
  },
  {
    name: 'chat: invalid params get -32602 with a message naming the param',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        const cases: [string, unknown, RegExp][] = [
          ['say_hello', [1], /name/],
          ['say_hello', ['x'.repeat(65)], /name/],
          ['say_hello', ['a', 'b'], /param/],
          ['chat.join', { room: 'Not Valid!', nick: 'x' }, /room/],
          ['chat.join', { room: 'ok-room', nick: '' }, /nick/],
          ['chat.join', { room: 'ok-room', nick: 'x'.repeat(25) }, /nick/],
          ['chat.join', { room: 'ok-room', nick: 'a\u0007b' }, /nick/],
          ['chat.send', { text: '' }, /text/],
          ['chat.send', { text: 'x'.repeat(2001) }, /text/],
        ];
        for (const [method, params, mentions] of cases) {
          const reply = await c.call(method, params);
          const what = `${method} ${JSON.stringify(params).slice(0, 40)}`;
          assertError(reply, -32602, reply.id, what);
          assert.match(reply.error!.message, mentions, `${what}: message says which param`);
        }
      }),
  },
  {
    name: 'chat: chat.send before chat.join gets -32001',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        const reply = await c.call('chat.send', { text: 'hello?' });
        assertError(reply, -32001, reply.id, 'chat.send before join');
      }),
  },
  {
    name: 'chat: a nick already in the room gets -32002',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const room = uniqueRoom('taken');
        const [a, b] = await pool.connectMany(2);
        await a!.ok('chat.join', { room, nick: 'sam' });
        const reply = await b!.call('chat.join', { room, nick: 'sam' });
        assertError(reply, -32002, reply.id, 'duplicate nick');
        const joined = await b!.ok<{ members: string[] }>('chat.join', { room, nick: 'sam2' });
        assert.deepEqual(joined.members, ['sam', 'sam2']);
      }),
  },
  {
    name: 'chat: 60 messages at once get some -32000 rate-limit errors, and the socket stays open',
    scope: 'http',
    timeout: 15_000,
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        const replies = await Promise.all(Array.from({ length: 60 }, () => c.call('say_hello')));
        const limited = replies.filter((r) => r.error?.code === -32000).length;
        const served = replies.filter((r) => r.result === 'Hello, World!').length;
        assert.equal(limited + served, 60, 'every request gets a result or -32000');
        assert.ok(limited > 0, 'some of 60 simultaneous messages are rate limited');
        assert.ok(served >= 10, `a burst is allowed (${served} served)`);
        assert.ok(c.isOpen, 'rate limiting does not disconnect');
        await new Promise((resolve) => setTimeout(resolve, 1100));
        assert.equal((await c.call('say_hello')).result, 'Hello, World!', 'served again after a pause');
      }),
  },
  {
    name: 'chat: a batch gets an array of replies, notifications in it get none',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        const batch = [
          { jsonrpc: '2.0', id: 'b1', method: 'say_hello' },
          { jsonrpc: '2.0', method: 'say_hello', params: ['nobody'] },
          { jsonrpc: '2.0', id: 'b2', method: 'say_hello', params: ['Bob'] },
          { jsonrpc: '2.0', id: 'b3', method: 'no.such' },
          1,
        ];
        const reply = await nextFrame(c, JSON.stringify(batch));
        assert.ok(Array.isArray(reply), `a batch is answered with an array, got ${JSON.stringify(reply)}`);
        const byId = new Map(reply.map((r: RpcReply) => [r.id, r]));
        assert.equal(reply.length, 4, 'one reply per non-notification entry');
        assert.equal(byId.get('b1')?.result, 'Hello, World!');
        assert.equal(byId.get('b2')?.result, 'Hello, Bob!');
        assertError(byId.get('b3'), -32601, 'b3', 'unknown method in a batch');
        assertError(byId.get(null), -32600, null, 'invalid entry in a batch');
        const single = await nextFrame(c, '[{"jsonrpc":"2.0","id":"solo","method":"say_hello"}]');
        assert.ok(
          Array.isArray(single) && single.length === 1,
          'a one-request batch is answered with an array',
        );
      }),
  },
  {
    name: 'chat: notifications (no id), alone or in a batch, get no reply',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        const start = c.frames.length;
        c.send('{"jsonrpc":"2.0","method":"say_hello"}');
        c.send('{"jsonrpc":"2.0","method":"no.such"}');
        c.send(
          '[{"jsonrpc":"2.0","method":"say_hello"},{"jsonrpc":"2.0","method":"say_hello","params":["x"]}]',
        );
        // Frames are handled in order: the first reply that arrives must be this request's.
        const reply = await c.call('say_hello', ['after']);
        assert.equal(reply.result, 'Hello, after!');
        assert.deepEqual(c.frames.slice(start), [reply], 'nothing was sent for the notifications');
      }),
  },
];
