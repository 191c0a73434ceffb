/**
 * The chat checks across processes sharing one Redis: each check's clients alternate between two
 * processes (two express-app processes; express-app + hono-app), and a real 2-worker cluster.
 * Needs the built apps (`npm run build`) and `redis-server` on PATH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, WsClient, type RedisServer } from '@repo/harness';
import { chatChecks } from '../src/chat-checks.js';
import { chatBoundsChecks } from '../src/chat-bounds-checks.js';
import { spawnEntry, stopEntry, type Spawned } from '../src/built-entry.js';
import type { CheckContext } from '../src/types.js';
import { builtFile } from '@repo/fixtures';

// The bounds checks measure one process's fan-out budget and HTTP latency under a 100-member flood:
// per-process properties, covered by each app's own conformance run.
const checks = chatChecks.filter((c) => !chatBoundsChecks.includes(c));

function describeShared(title: string, apps: string[], env: NodeJS.ProcessEnv = {}) {
  describe(title, () => {
    let redis: RedisServer;
    const running: Spawned[] = [];
    const ctx = { host: '127.0.0.1' } as CheckContext;

    beforeAll(async () => {
      redis = await startRedis();
      for (const app of apps)
        running.push(await spawnEntry(builtFile(app), { REDIS_URL: redis.url, ...env }));
      ctx.baseUrl = running[0]!.url.replace(/\/$/, '');
      ctx.port = Number(new URL(ctx.baseUrl).port);
      ctx.wsUrls = running.map((r) => `${r.url.replace('http', 'ws')}ws`);
    }, 30_000);
    afterAll(async () => {
      const codes = await Promise.all(running.map((r) => stopEntry(r.child)));
      await redis?.stop();
      expect(codes.every((c) => c === 0)).toBe(true);
    }, 20_000);

    for (const check of checks) it(check.name, () => check.run(ctx), check.timeout ?? 20_000);
  });
}

describeShared('chat on Redis, clients alternating between two express-app processes', [
  'express-app',
  'express-app',
]);
describeShared('chat on Redis, clients alternating between express-app and hono-app', [
  'express-app',
  'hono-app',
]);
describeShared('chat on Redis, one hono-app with WORKERS=2 (node:cluster)', ['hono-app'], { WORKERS: '2' });

describe('WORKERS=2 start-up and shutdown', () => {
  it('says how many workers, serves on every worker, and SIGTERM closes WebSockets with 1001 and exits 0', async () => {
    const redis = await startRedis();
    try {
      const app = await spawnEntry(builtFile('koa-app'), { WORKERS: '2', REDIS_URL: redis.url });
      expect(app.output()).toMatch(
        /koa-app listening on http:\/\/127\.0\.0\.1:\d+\/ .*with 2 workers, chat through Redis/,
      );
      const clients = await Promise.all(
        [1, 2, 3, 4].map(() => WsClient.connect(`${app.url.replace('http', 'ws')}ws`)),
      );
      for (const c of clients) expect((await c.call('say_hello', ['X'])).result).toBe('Hello, X!');
      const closes = clients.map((c) => c.expectClose(10_000));
      expect(await stopEntry(app.child)).toBe(0);
      for (const info of await Promise.all(closes)) expect(info.code).toBe(1001);
    } finally {
      await redis.stop();
    }
  }, 30_000);
});
