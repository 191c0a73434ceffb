#!/usr/bin/env node
/**
 * Fan-out starvation probe (not a benchmark): starts a built app, puts N members in one room, makes
 * each send at the per-socket rate for a while, and meanwhile times `GET /` on fresh connections every
 * 20 ms. Prints GET / latency percentiles, the server's peak RSS and how the sends were answered.
 *
 *   node tools/scripts/fan-out-load.mjs apps/node-http-app/dist/server.js [members] [seconds] [rooms] [chars] [everyMs]
 *
 * The clients run in a worker thread so their receive work does not delay the prober's timers; they
 * count frames without parsing notifications. Everything stays on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';

const PROBE_EVERY_MS = 20;

if (isMainThread) await main();
else await clients(workerData);

async function main() {
  const [entry, members = '100', seconds = '5', rooms = '1', chars = '100', everyMs = '50'] =
    process.argv.slice(2);
  if (!entry)
    throw new Error('usage: fan-out-load.mjs <dist/server.js> [members] [seconds] [rooms] [chars] [everyMs]');
  const server = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise((resolve) =>
    server.stdout.on('data', (d) => {
      const m = /http:\/\/[\d.]+:\d+\//.exec(String(d));
      if (m) resolve(m[0]);
    }),
  );
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssOf(server.pid))), 100);
  const idle = await probe(base, 1000);
  const worker = new Worker(new URL(import.meta.url), {
    workerData: {
      url: `${base.replace('http', 'ws')}ws`,
      ...{ members: +members, seconds: +seconds, rooms: +rooms, chars: +chars, everyMs: +everyMs },
    },
  });
  const [ready] = await once(worker, 'message');
  // Listen before probing: a message posted while nobody listens is lost.
  const done = once(worker, 'message');
  const loaded = await probe(base, +seconds * 1000);
  const [counts] = await done;
  clearInterval(rssTimer);
  server.kill('SIGTERM');
  console.log(JSON.stringify({ ready, idle, loaded, peakRssMiB: +(peakRss / 2 ** 20).toFixed(1), counts }));
}

/** Starts a GET / every PROBE_EVERY_MS for `ms` (open loop: a stall delays no later probe's start). */
async function probe(base, ms) {
  const times = [];
  const pending = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    pending.push(getOnce(base).then((t) => times.push(t)));
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  await Promise.all(pending);
  times.sort((a, b) => a - b);
  const at = (q) => +times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  return { n: times.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

function getOnce(base) {
  const start = performance.now();
  return new Promise((resolve) => {
    // A probe still unanswered after 10 s counts as 10 s (and ends the run instead of hanging it).
    const req = request(base, { agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - start));
    });
    req.on('timeout', () => req.destroy(new Error('probe timed out')));
    req.on('error', () => resolve(performance.now() - start));
    req.end();
  });
}

function rssOf(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? +m[1] * 1024 : 0;
}

/** Worker: connect, join, send at the per-socket rate, count what comes back. */
async function clients({ url, members, seconds, rooms, chars, everyMs }) {
  const counts = { sent: 0, frames: 0, bytes: 0, results: 0, errors: {}, closes: {} };
  const sockets = await Promise.all(
    Array.from({ length: members }, () => {
      const ws = new WebSocket(url, { skipUTF8Validation: true, handshakeTimeout: 10_000 });
      ws.on('message', (data) => {
        counts.frames++;
        counts.bytes += data.length;
        // Only replies are looked at; notifications are counted, never parsed.
        if (data[0] !== 0x7b || data.indexOf('"id"') !== 17) return;
        const code = /"code":(-?\d+)/.exec(data.toString('latin1', 0, 200))?.[1];
        if (code) counts.errors[code] = (counts.errors[code] ?? 0) + 1;
        else counts.results++;
      });
      ws.on('close', (code) => (counts.closes[code] = (counts.closes[code] ?? 0) + 1));
      ws.on('error', () => {});
      return new Promise((resolve) => {
        ws.once('open', () => resolve(ws));
        ws.once('close', () => resolve(ws)); // a failed handshake: counted in closes, never sends
      });
    }),
  );
  let id = 0;
  for (const [i, ws] of sockets.entries())
    ws.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: `j${i}`,
        method: 'chat.join',
        params: [`load-${i % rooms}`, `m${i}`],
      }),
    );
  await new Promise((r) => setTimeout(r, 500));
  parentPort.postMessage({ members, frames: counts.frames, errors: { ...counts.errors } });
  const text = 'x'.repeat(chars);
  const timers = sockets.map((ws, i) => {
    const start = setTimeout(() => {
      timers[i] = setInterval(() => {
        if (ws.readyState !== WebSocket.OPEN) return;
        ws.send(`{"jsonrpc":"2.0","id":${++id},"method":"chat.send","params":["${text}"]}`);
        counts.sent++;
      }, everyMs);
    }, Math.random() * everyMs);
    return start;
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of timers) clearInterval(t);
  await new Promise((r) => setTimeout(r, 300));
  for (const ws of sockets) ws.terminate();
  parentPort.postMessage(counts);
}
