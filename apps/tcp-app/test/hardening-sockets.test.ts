/**
 * tcp-app's connection rules: idle and head timeouts, backpressure, graceful close, and the built
 * entry under a pipelined flood and SIGTERM. 127.0.0.1 only; every test bounded in bytes and time.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HELLO_TEXT } from '@repo/fixtures';
import { MESSAGES } from '@repo/core';
import { spawnEntry, stopEntry } from '@repo/conformance';
import {
  closedWithin,
  collect,
  envelope,
  flood,
  open,
  parse,
  req,
  rssMiB,
  sleep,
  talk,
  withServer,
} from './raw.js';

const ENTRY = fileURLToPath(new URL('../dist/server.js', import.meta.url));
const GET = req('GET', '/');

describe('tcp-app connections', () => {
  it('closes a silent connection and an idle keep-alive quietly after keepAliveMs', async () => {
    await withServer({ keepAliveMs: 400, headersMs: 3000 }, async (port) => {
      const silent = await open(port);
      const received = collect(silent);
      const ms = await closedWithin(silent, 3000);
      expect([ms >= 350 && ms < 1500, received()]).toEqual([true, '']);
      const idle = await talk(port, GET, { idleMs: 3000 });
      expect(parse(idle.text).map((r) => r.body)).toEqual([HELLO_TEXT]);
      expect(idle.closed && idle.ms >= 350 && idle.ms < 1500, `closed after ${idle.ms} ms`).toBe(true);
    });
  }, 10_000);

  it('answers a head not complete within headersMs with 408 and closes, even one that trickles', async () => {
    await withServer({ keepAliveMs: 300, headersMs: 800 }, async (port) => {
      const half = await talk(port, 'GET / HTTP/1.1\r\nHost: x\r\n', { idleMs: 3000 });
      expect(parse(half.text).map((r) => [r.status, envelope(r).message])).toEqual([[408, MESSAGES.timeout]]);
      expect(half.closed && half.ms >= 700, `closed after ${half.ms} ms`).toBe(true);
      // A pipelined head's clock starts once the answer before it is out, not with the first head.
      const next = await open(port);
      const nextText = collect(next);
      const start = Date.now();
      next.write(GET + 'GET / HTTP/1.1\r\n');
      await sleep(500);
      next.write('Host: x\r\n\r\nGET / HTTP/1.1\r\n');
      await closedWithin(next, 3000);
      expect(parse(nextText()).map((r) => r.status)).toEqual([200, 200, 408]);
      expect(Date.now() - start, 'the third head had its own 800 ms').toBeGreaterThanOrEqual(1200);
      const slow = await open(port);
      const received = collect(slow);
      slow.write('GET / HTTP/1.1\r\nHost: x\r\n');
      const trickle = setInterval(() => slow.writable && slow.write('X-A: b\r\n'), 100);
      const ms = await closedWithin(slow, 3000);
      clearInterval(trickle);
      expect(parse(received()).map((r) => r.status)).toEqual([408]);
      expect(ms >= 700 && ms < 2000, `trickling head closed after ${ms} ms`).toBe(true);
    });
  }, 10_000);

  it('stops reading a client that does not read its answers, and resumes when it does', async () => {
    await withServer({ keepAliveMs: 5000 }, async (port, app) => {
      const accepted = once(app.server, 'connection') as Promise<[Socket]>;
      const client = await open(port);
      const [server] = await accepted;
      client.pause();
      const count = 100_000;
      client.write(GET.repeat(count));
      await sleep(500);
      const read = server.bytesRead;
      await sleep(300);
      expect(server.bytesRead, 'the server went on reading').toBe(read);
      expect(read).toBeLessThan(count * GET.length);
      // Reading the answers lets the server drain, resume and answer every request.
      const one = (await talk(port, GET, { count: 1 })).text.length;
      let received = 0;
      client.on('data', (chunk: Buffer) => (received += chunk.length));
      client.resume();
      for (let i = 0; i < 80 && received < count * one; i++) await sleep(100);
      expect(received).toBe(count * one);
      client.destroy();
    });
  }, 10_000);

  it('cuts a client that stays stalled (not reading) for keepAliveMs', async () => {
    await withServer({ keepAliveMs: 400 }, async (port, app) => {
      const accepted = once(app.server, 'connection') as Promise<[Socket]>;
      const client = await open(port);
      const [server] = await accepted;
      client.pause();
      client.write(GET.repeat(100_000));
      // Answering fills the unread socket's buffer, then the server pauses; how long that takes
      // depends on the machine's load, so wait for it (bounded) instead of betting on 200 ms.
      for (let i = 0; i < 40 && !server.isPaused(); i++) await sleep(50);
      expect(server.isPaused(), 'the server stopped reading').toBe(true);
      const ms = await closedWithin(server, 3000, false);
      expect(ms >= 200 && ms < 1500, `the stalled socket closed after ${ms} ms more`).toBe(true);
      client.destroy();
    });
  }, 10_000);

  it('close() with only idle clients that never hang up resolves at once, not after the grace', async () => {
    await withServer({ shutdownGraceMs: 3000 }, async (port, app) => {
      const silent = await open(port, true);
      const idle = await open(port, true);
      idle.write(GET);
      await sleep(200);
      const start = Date.now();
      await app.close();
      expect(Date.now() - start).toBeLessThan(1000);
      silent.destroy();
      idle.destroy();
    });
  }, 10_000);

  it('close() ends idle sockets at once, lets a request in flight finish, cuts the rest after the grace', async () => {
    const timeouts = { keepAliveMs: 5000, headersMs: 5000, shutdownGraceMs: 600 };
    await withServer(timeouts, async (port, app) => {
      const silent = await open(port, true);
      const idle = await open(port, true);
      const idleText = collect(idle);
      idle.write(GET);
      const finishing = await open(port);
      const finishingText = collect(finishing);
      finishing.write('GET / HTTP/1.1\r\n');
      const stuck = await open(port, true);
      stuck.write('GET / HTTP/1.1\r\n');
      await sleep(200);
      const start = Date.now();
      const closed = app.close();
      const stuckEnded = closedWithin(stuck, 3000);
      const [silentMs, idleMs] = await Promise.all([closedWithin(silent, 300), closedWithin(idle, 300)]);
      expect([silentMs >= 0, idleMs >= 0], 'idle sockets end at once').toEqual([true, true]);
      expect(parse(idleText()).map((r) => r.status)).toEqual([200]);
      finishing.write('Host: x\r\n\r\n');
      const [stuckMs] = await Promise.all([stuckEnded, closed]);
      expect(Date.now() - start).toBeLessThan(1500);
      expect(stuckMs, 'a half-sent head is cut after the grace').toBeGreaterThanOrEqual(500);
      const [answer] = parse(finishingText());
      expect([answer?.body, answer?.headers.connection]).toEqual([HELLO_TEXT, 'close']);
      await expect(open(port), 'no longer listening').rejects.toThrow();
    });
  }, 10_000);
});

describe('tcp-app built entry', () => {
  it('keeps RSS bounded and stops reading under a 30 MB pipelined flood nobody reads', async () => {
    const { child, url } = await spawnEntry(ENTRY);
    try {
      const port = Number(new URL(url).port);
      await sleep(200);
      const before = await rssMiB(child.pid!);
      const client = await open(port);
      client.pause();
      let peak = before;
      const sampling = (async () => {
        for (let i = 0; i < 12; i++) {
          await sleep(200);
          peak = Math.max(peak, await rssMiB(child.pid!));
        }
      })();
      const sent = (await flood(client, 30 * 2 ** 20)) / 2 ** 20;
      await sampling;
      console.log(
        `tcp-app under the flood: RSS ${before.toFixed(1)} → ${peak.toFixed(1)} MiB, took ${sent.toFixed(1)} MiB`,
      );
      expect(peak - before, 'RSS growth in MiB').toBeLessThan(60);
      expect(sent, 'MiB of the 30 MiB flood the server took: it must stop reading').toBeLessThan(20);
      expect(parse((await talk(port, GET, { count: 1 })).text)[0]?.body, 'others are still served').toBe(
        HELLO_TEXT,
      );
      client.destroy();
    } finally {
      if (child.exitCode === null) await stopEntry(child, 'SIGKILL');
    }
  }, 10_000);

  it('exits 0 on SIGTERM within 5 s with an idle and a half-sent connection open', async () => {
    const { child, url } = await spawnEntry(ENTRY);
    const port = Number(new URL(url).port);
    const idle = await open(port, true);
    const half = await open(port, true);
    half.write('GET / HTTP/1.1\r\nHost: x\r\n');
    await sleep(100);
    const start = Date.now();
    const code = await Promise.race([stopEntry(child), sleep(5000).then(() => 'still running')]);
    if (child.exitCode === null) child.kill('SIGKILL');
    expect([code, Date.now() - start < 5000]).toEqual([0, true]);
    idle.destroy();
    half.destroy();
  }, 10_000);
});
