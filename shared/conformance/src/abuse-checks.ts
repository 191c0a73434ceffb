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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** Pipelines up to `maxBytes` of GET / without reading a byte back; stops when the server stops reading. */
async function flood(port: number, maxBytes: number, maxMs: number): Promise<number> {
  const socket = await open(port);
  socket.pause();
  const chunk = Buffer.from(request('GET', '/').repeat(2048));
  let sent = 0;
  const deadline = Date.now() + maxMs;
  try {
    while (sent < maxBytes && Date.now() < deadline && !socket.destroyed) {
      if (socket.write(chunk)) sent += chunk.length;
      else {
        sent += chunk.length;
        // Backpressure: wait for the server to take more, or give up when it has stopped reading.
        const drained = await Promise.race([
          once(socket, 'drain').then(() => true),
          sleep(1000).then(() => false),
        ]);
        if (!drained) break;
      }
    }
    return sent;
  } finally {
    socket.destroy();
  }
}

export const abuseChecks: Check[] = [
  {
    name: 'a pipelined flood nobody reads (up to 30 MB) leaves RSS bounded: the server stops reading',
    scope: 'all',
    timeout: 20_000,
    run: ({ target }) =>
      withEntry(target.builtEntry, async ({ child, port }) => {
        const before = await rssMiB(child.pid!);
        const sent = await flood(port, 30 * 1024 * 1024, 8000);
        const after = await rssMiB(child.pid!);
        // Node's parser takes pipelined requests until its writes back up: measured +35–90 MiB for the
        // node:http apps (express most), +11 MiB for tcp-app; unbounded, it was +400 MiB and rising.
        assert.ok(after - before < 200, `RSS grew ${Math.round(after - before)} MiB after ${sent} bytes`);
        assert.ok(sent < 30 * 1024 * 1024, `the server read all ${sent} bytes while nobody read its answers`);
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
