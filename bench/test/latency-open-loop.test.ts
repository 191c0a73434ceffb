/** What the open-loop generator counts, against a small in-process server (functional, not timing). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@repo/harness';
import { openLoop } from '../src/latency/open-loop.js';

let server: Server;
let base: string;
let hung = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/500') {
      res.writeHead(500, { 'content-length': '4' }).end('oops');
    } else if (req.url === '/chunked') {
      res.writeHead(200, { 'content-type': 'text/plain' }); // no length: chunked
      res.write('Hello, ');
      res.end('World!');
    } else if (req.url === '/reset') {
      req.socket.destroy();
    } else if (req.url === '/hang') {
      hung++; // never answers
    } else {
      res.writeHead(200, { 'content-length': '2' }).end('ok');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('open-loop load', () => {
  it('sends exactly the schedule and answers it at the offered rate', async () => {
    const r = await openLoop({ url: `${base}/`, rate: 400, durationMs: 500, connections: 4 });
    expect(r).toMatchObject({
      offeredRate: 400,
      scheduled: 200,
      completed: 200,
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      unsent: 0,
    });
    expect(r.achievedRate).toBeGreaterThan(380);
    expect(r.corrected.p50).toBeGreaterThanOrEqual(r.uncorrected.p50);
    expect(r.corrected.max).toBeGreaterThanOrEqual(r.uncorrected.max - 1e-9);
  });

  it('reads chunked answers', async () => {
    const r = await openLoop({ url: `${base}/chunked`, rate: 200, durationMs: 250, connections: 2 });
    expect(r).toMatchObject({ completed: 50, errors: 0, non2xx: 0 });
  });

  it('counts non-2xx answers, and still times them', async () => {
    const r = await openLoop({ url: `${base}/500`, rate: 200, durationMs: 250, connections: 2 });
    expect(r).toMatchObject({ completed: 50, non2xx: 50, errors: 0 });
  });

  it('counts a connection closed under a request as an error, and reconnects', async () => {
    const r = await openLoop({ url: `${base}/reset`, rate: 100, durationMs: 300, connections: 2 });
    expect(r.errors).toBe(30);
    expect(r.completed).toBe(0);
  });

  it('counts an answer that never comes as a timeout, and ends when the drain does', async () => {
    const t0 = Date.now();
    const r = await openLoop({
      url: `${base}/hang`,
      rate: 100,
      durationMs: 200,
      connections: 2,
      timeoutMs: 300,
      drainMs: 300,
    });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.completed).toBe(0);
    expect(r.errors).toBe(0);
    expect(r.timeouts).toBe(20); // written and timed out, or never written at all
    expect(r.unsent).toBeGreaterThan(0);
    expect(hung).toBeGreaterThan(0);
  });

  it('reopens a connection the server closed while idle, without counting an error', async () => {
    const brief = createServer((_req, res) => res.writeHead(200, { 'content-length': '2' }).end('ok'));
    brief.keepAliveTimeout = 30; // closes each socket 30 ms after its answer; requests come every 100 ms
    await new Promise<void>((resolve) => brief.listen(0, '127.0.0.1', resolve));
    try {
      const port = (brief.address() as AddressInfo).port;
      const r = await openLoop({
        url: `http://127.0.0.1:${port}/`,
        rate: 10,
        durationMs: 500,
        connections: 1,
      });
      expect(r).toMatchObject({ completed: 5, errors: 0, timeouts: 0 });
    } finally {
      brief.closeAllConnections();
      await new Promise<void>((resolve) => brief.close(() => resolve()));
    }
  });

  it('refuses a target that is not listening, and anything but plain http', async () => {
    await expect(
      openLoop({ url: `http://127.0.0.1:${await freePort()}/`, rate: 10, durationMs: 100, connections: 1 }),
    ).rejects.toThrow(/ECONNREFUSED/);
    await expect(
      openLoop({ url: 'https://127.0.0.1:1/', rate: 10, durationMs: 100, connections: 1 }),
    ).rejects.toThrow(/plain HTTP/);
    await expect(openLoop({ url: `${base}/`, rate: 0, durationMs: 100, connections: 1 })).rejects.toThrow(
      RangeError,
    );
  });
});
