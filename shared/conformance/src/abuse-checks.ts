/**
 * Bounded abuse against the built entry, as a separate process so its memory, file descriptors and exit
 * code can be read: a pipelined flood nobody reads, h2c requests, and SIGTERM with idle and half-sent
 * connections. 127.0.0.1 only, each bounded in bytes and time.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { spawnEntry, stopEntry, type Spawned } from './built-entry.js';
import { request } from './edge-corpus.js';
import { exchange } from './http-client.js';
import type { Check } from './types.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const fdCount = async (pid: number): Promise<number> => (await readdir(`/proc/${pid}/fd`)).length;

/** Runs `body` against a freshly spawned built entry and always stops it. */
async function withEntry(entry: string, body: (app: Spawned & { port: number }) => Promise<void>) {
  const app = await spawnEntry(entry);
  try {
    await body({ ...app, port: Number(new URL(app.url).port) });
  } finally {
    if (app.child.exitCode === null) await stopEntry(app.child, 'SIGKILL');
  }
}

function open(port: number): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  return once(socket, 'connect').then(() => socket);
}

/** How a flood ended: the server stopped taking bytes, took the whole budget, or closed the connection. */
type FloodEnd = 'stalled' | 'budget' | 'closed';

/**
 * Pipelines GET / without reading a byte back, one chunk at a time, and counts a chunk only once its
 * write completed (it left this process for the kernel): bytes still queued in the client's own buffer
 * are not "sent". A chunk that does not complete within `stallMs` ends the flood as `stalled` (the
 * server stopped reading and the kernel buffers between us are full); shorter stalls (a busy machine)
 * are waited through. `drained` is an upper bound on what the server read: the kernel's send and
 * receive buffers on loopback hold a few MB of it.
 */
async function flood(
  port: number,
  maxBytes: number,
  stallMs: number,
): Promise<{ drained: number; ended: FloodEnd }> {
  const socket = await open(port);
  socket.pause();
  const chunk = Buffer.from(request('GET', '/').repeat(2048)); // 73 KiB, 2,048 requests
  let drained = 0;
  try {
    while (drained < maxBytes) {
      const written = new Promise<FloodEnd | 'written'>((resolve) =>
        socket.write(chunk, (err) => resolve(err ? 'closed' : 'written')),
      );
      const outcome = await Promise.race([written, sleep(stallMs).then(() => 'stalled' as const)]);
      if (outcome !== 'written') return { drained, ended: outcome };
      drained += chunk.length;
    }
    return { drained, ended: 'budget' };
  } finally {
    socket.destroy();
  }
}

/** Far past what the servers take before they stop reading (3.7–5.4 MiB measured, kernel buffers included). */
const FLOOD_MAX_BYTES = 30 * 1024 * 1024;
/** A chunk not taken for this long means the server stopped reading; a busy machine stalls for less. */
const FLOOD_STALL_MS = 3000;
/**
 * Node's parser takes pipelined requests until its writes back up, holding a request object for each.
 * Measured growth on Node 20: +30–32 MiB (node-http, fastify, hono), +41 (koa), +58–80 (express, 4 runs),
 * +16 (tcp-app), at load average 3–15 on 2 cores. Node 26 holds more per request: express +96–129 MiB
 * (7 runs; 129 failed the first bound of 128 in CI's Node 26 pass), koa +127, fastify +112. Bound: the
 * 129 MiB worst case + ~50 % headroom for GC timing. A server that never stops reading grew +390 MiB
 * (tcp-app without its pause) and kept growing, still twice the bound.
 */
const FLOOD_RSS_MAX_MIB = 192;

export const abuseChecks: Check[] = [
  {
    name: 'a pipelined flood nobody reads (up to 30 MB) leaves RSS bounded: the server stops reading',
    scope: 'all',
    timeout: 20_000,
    run: ({ target }) =>
      withEntry(target.builtEntry, async ({ child, port }) => {
        const before = await rssMiB(child.pid!);
        const { drained, ended } = await flood(port, FLOOD_MAX_BYTES, FLOOD_STALL_MS);
        const grown = (await rssMiB(child.pid!)) - before;
        const summary = `${(drained / 2 ** 20).toFixed(1)} MiB drained, ended ${ended}, RSS +${grown.toFixed(1)} MiB`;
        assert.equal(ended, 'stalled', `the server kept reading while nobody read its answers: ${summary}`);
        assert.ok(grown < FLOOD_RSS_MAX_MIB, summary);
        assert.equal(
          (await exchange('127.0.0.1', port, request('GET', '/'), 300)).text.includes('200 OK'),
          true,
        );
      }),
  },
  {
    name: 'h2c upgrade requests are answered and their sockets released (fd count back)',
    scope: 'all',
    timeout: 15_000,
    run: ({ target }) =>
      withEntry(target.builtEntry, async ({ child, port }) => {
        const h2c = request(
          'GET',
          '/',
          'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n',
        );
        await exchange('127.0.0.1', port, request('GET', '/'), 100);
        const before = await fdCount(child.pid!);
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => exchange('127.0.0.1', port, h2c, 2000)),
        );
        for (const { text } of answers) assert.match(text, /^HTTP\/1\.1 200 OK/);
        await sleep(300);
        assert.ok((await fdCount(child.pid!)) <= before, 'file descriptors leaked after h2c requests');
      }),
  },
  {
    name: 'SIGTERM with an idle keep-alive and a half-sent request exits 0 within 5 s',
    scope: 'all',
    timeout: 15_000,
    run: ({ target }) =>
      withEntry(target.builtEntry, async ({ child, port }) => {
        const idle = await open(port);
        idle.write(request('GET', '/'));
        await once(idle, 'data');
        const half = await open(port);
        half.write('GET / HTTP/1.1\r\nHost: loc');
        await sleep(100);
        const started = Date.now();
        const code = await stopEntry(child);
        const took = Date.now() - started;
        idle.destroy();
        half.destroy();
        assert.equal(code, 0, 'exit code after SIGTERM');
        assert.ok(took < 5000, `exit took ${took} ms`);
      }),
  },
];
