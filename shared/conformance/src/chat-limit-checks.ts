/**
 * The chat's transport rules: frame size and type, the Origin guard, and WebSockets living beside
 * HTTP on one port. A framework adapter that forgets `hub.wsOptions` or the upgrade check fails here.
 */
import { request } from 'node:http';
import assert from 'node:assert/strict';
import type { Check, CheckContext } from './types.js';
import { isReply, refusedUpgrade } from '@repo/harness';
import { withPool, wsUrl } from './ws-pool.js';

const MAX_PAYLOAD = 64 * 1024;

/** `GET /` on its own connection (no keep-alive left behind); resolves with the status. */
function getStatus(ctx: CheckContext, path = '/'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, ctx.baseUrl), { agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export const chatLimitChecks: Check[] = [
  {
    name: 'chat: a 64 KiB frame is accepted, 64 KiB + 1 closes with 1009, and HTTP still answers',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        const frame = '{"jsonrpc":"2.0","id":"max","method":"say_hello"}';
        c.send(frame + ' '.repeat(MAX_PAYLOAD - frame.length)); // JSON allows trailing whitespace
        assert.equal((await c.waitFor((f) => isReply(f) && f.id === 'max')).result, 'Hello, World!');
        c.send('x'.repeat(MAX_PAYLOAD + 1));
        assert.equal((await c.expectClose()).code, 1009, 'close code for an oversized frame');
        assert.equal(await getStatus(ctx), 200, 'the app survives and still answers GET /');
        const again = await pool.connect();
        assert.equal((await again.call('say_hello')).result, 'Hello, World!');
      }),
  },
  {
    name: 'chat: a binary frame closes with 1003',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        c.send(Buffer.from('{"jsonrpc":"2.0","id":1,"method":"say_hello"}'));
        assert.equal((await c.expectClose()).code, 1003);
        assert.equal(c.frames.length, 0, 'a binary frame is not processed');
      }),
  },
  {
    name: 'chat: an upgrade from a foreign Origin is refused with 403',
    scope: 'http',
    run: async (ctx) => {
      const res = await refusedUpgrade(wsUrl(ctx), { origin: 'http://evil.example' });
      assert.equal(res.status, 403);
      // The shared edge guard refuses upgrades in every app, so the body is always the envelope.
      assert.match(res.contentType ?? '', /^application\/json/, 'the refusal uses the JSON error envelope');
      const envelope = JSON.parse(res.body) as { error?: { code?: unknown } } | null;
      assert.equal(envelope?.error?.code, 'FORBIDDEN');
    },
  },
  {
    name: "chat: an upgrade from the app's own host:port Origin is allowed",
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect({ origin: new URL(ctx.baseUrl).origin });
        assert.equal((await c.call('say_hello')).result, 'Hello, World!');
      }),
  },
  {
    name: 'chat: an upgrade without Origin (non-browser clients) is allowed',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect(); // the ws client sends no Origin unless asked
        assert.equal((await c.call('say_hello')).result, 'Hello, World!');
      }),
  },
  {
    name: 'chat: HTTP keeps answering while 100 sockets are open',
    scope: 'http',
    timeout: 20_000,
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const clients = await pool.connectMany(100);
        assert.equal(await getStatus(ctx), 200);
        const replies = await Promise.all(clients.map((c) => c.call('say_hello')));
        assert.ok(
          replies.every((r) => r.result === 'Hello, World!'),
          'all 100 sockets are served',
        );
        assert.equal(await getStatus(ctx), 200);
      }),
  },
  {
    name: 'chat: /ws is served on the same port as HTTP',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        assert.equal(await getStatus(ctx), 200);
        const c = await pool.connect();
        assert.equal(new URL(c.ws.url).port, String(ctx.port));
        assert.equal((await c.call('say_hello', ['port'])).result, 'Hello, port!');
      }),
  },
];
