/**
 * Faults of the chat across processes, each against real processes and a real redis-server:
 * Redis missing at start, Redis lost mid-run and back, a worker SIGKILLed.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort, startRedis, WsClient } from '@repo/harness';
import { spawnEntry, stopEntry } from '../src/built-entry.js';
import { uniqueRoom } from '../src/ws-pool.js';
import { builtFile } from '@repo/fixtures';

const wsOf = (url: string) => `${url.replace('http', 'ws')}ws`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The part of chat.join's result these tests read. */
interface Joined {
  members: string[];
  history: { text: string }[];
}

describe('Redis not reachable at start', () => {
  for (const workers of ['1', '2']) {
    it(`WORKERS=${workers}: exits non-zero with an error naming REDIS_URL`, async () => {
      const url = `redis://127.0.0.1:${await freePort()}`;
      const started = spawnEntry(builtFile('express-app'), { REDIS_URL: url, WORKERS: workers }, 15_000);
      await expect(started).rejects.toThrow(/exited with 1 before listening/);
      await expect(started).rejects.toThrow(`REDIS_URL=${url}: cannot reach Redis`);
    }, 20_000);
  }
});

describe('Redis lost mid-run', () => {
  it('HTTP keeps serving, chat.send gets -32006, and chat works again when Redis is back', async () => {
    const redis = await startRedis();
    const app = await spawnEntry(builtFile('fastify-app'), { REDIS_URL: redis.url });
    const room = uniqueRoom('loss');
    const a = await WsClient.connect(wsOf(app.url));
    try {
      await a.ok('chat.join', { room, nick: 'ann' });
      await a.ok('chat.send', { text: 'before' });
      await redis.kill();
      expect(await (await fetch(app.url)).text()).toBe('Hello, World!');
      const refused = await a.call('chat.send', { text: 'during' });
      expect(refused.error?.code).toBe(-32006);
      expect(refused.error?.message).toMatch(/Chat backend unavailable/);
      expect(a.isOpen).toBe(true);
      await redis.start();
      // The Redis client reconnects by itself (back-off ≤ 1 s) and claims ann's nick again.
      let reply = await a.call('chat.send', { text: 'after' });
      for (let i = 0; i < 100 && reply.error?.code === -32006; i++) {
        await sleep(100);
        reply = await a.call('chat.send', { text: 'after' });
      }
      expect(reply.error).toBeUndefined();
      const b = await WsClient.connect(wsOf(app.url));
      const taken = await b.call('chat.join', { room, nick: 'ann' });
      expect(taken.error?.code).toBe(-32002);
      const joined = await b.ok<Joined>('chat.join', { room, nick: 'ben' });
      expect(joined.members).toEqual(['ann', 'ben']);
      expect(joined.history.map((m: { text: string }) => m.text)).toEqual(['after']);
      await b.close();
    } finally {
      await a.close();
      const code = await stopEntry(app.child);
      await redis.stop();
      expect(app.output()).toMatch(/lost Redis at REDIS_URL/);
      expect(app.output()).not.toMatch(/Unhandled|unhandledRejection|TypeError/);
      expect(code).toBe(0);
    }
  }, 40_000);
});

describe('a worker killed with SIGKILL', () => {
  it('frees its members’ nicks and tells the others they left within 6 s (4 s bound + slack on a loaded machine); acknowledged messages stay in history', async () => {
    const redis = await startRedis();
    const app = await spawnEntry(builtFile('node-http-app'), { REDIS_URL: redis.url, WORKERS: '2' });
    const room = uniqueRoom('kill');
    const clients: WsClient[] = [];
    try {
      // Linux cluster scheduling is round-robin: four connections land two on each worker.
      for (let i = 0; i < 4; i++) clients.push(await WsClient.connect(wsOf(app.url)));
      for (const [i, c] of clients.entries()) {
        await c.ok('chat.join', { room, nick: `n${i}` });
        await c.ok('chat.send', { text: `from n${i}` });
      }
      const workers = execFileSync('pgrep', ['-P', String(app.child.pid)])
        .toString()
        .trim()
        .split('\n');
      expect(workers).toHaveLength(2);
      const killedAt = Date.now();
      process.kill(Number(workers[0]), 'SIGKILL');
      await sleep(300);
      const dead = clients.filter((c) => !c.isOpen);
      const alive = clients.filter((c) => c.isOpen);
      expect(dead.length).toBeGreaterThan(0);
      expect(alive.length).toBeGreaterThan(0);
      const deadNicks = dead.map((c) => `n${clients.indexOf(c)}`);
      for (const nick of deadNicks)
        await alive[0]!.waitFor(
          (f) => f?.method === 'chat.left' && f.params?.nick === nick,
          8_000,
          `chat.left ${nick}`,
        );
      expect(Date.now() - killedAt).toBeLessThan(5_000 + 1_000);
      const late = await WsClient.connect(wsOf(app.url));
      clients.push(late);
      const joined = await late.ok<Joined>('chat.join', { room, nick: deadNicks[0] });
      expect(joined.members.sort()).toEqual(
        [...alive.map((c) => `n${clients.indexOf(c)}`), deadNicks[0]].sort(),
      );
      expect(joined.history.map((m: { text: string }) => m.text)).toEqual([
        'from n0',
        'from n1',
        'from n2',
        'from n3',
      ]);
      await sleep(500);
      expect(app.output()).toMatch(/worker \d+ exited \(SIGKILL\), restarting in 100 ms/);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      expect(await stopEntry(app.child)).toBe(0);
      await redis.stop();
    }
  }, 40_000);
});
