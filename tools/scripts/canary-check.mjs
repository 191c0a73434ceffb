#!/usr/bin/env node
/**
 * Does the bench's canary see what slows a server down? (A probe, not a benchmark.) Starts
 * bench/reference/node-http.mjs pinned to cpu 0, then alternates the bench's canary (the same
 * 3-million-step integer loop, in its own process on cpu 0) with a 1 s `wrk -t1 -c100` sample from
 * cpu 1, and prints how much each varied and whether the slow samples had a slow canary beside them.
 *
 *   node tools/scripts/canary-check.mjs [samples]      (needs wrk and taskset; 127.0.0.1 only)
 *
 * Run it with nothing else on the machine, like the bench.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const samples = Number(process.argv[2] ?? 60);
const reference = fileURLToPath(new URL('../../bench/reference/node-http.mjs', import.meta.url));
// The loop of bench/src/run/canary.ts, so that the two measure the same thing.
const CANARY = `
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', () => {
  const t = performance.now();
  let x = 1;
  for (let i = 0; i < 3000000; i++) x = (x * 1103515245 + 12345) % 2147483648;
  process.stdout.write((performance.now() - t).toFixed(3) + ' ' + (x & 1) + '\\n');
});`;

const server = spawn('taskset', ['-c', '0', process.execPath, reference], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve) =>
  server.stdout.on('data', (d) => {
    const m = /http:\/\/[\d.]+:\d+\//.exec(String(d));
    if (m) resolve(m[0]);
  }),
);
const canary = spawn('taskset', ['-c', '0', process.execPath, '-e', CANARY], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const waiting = [];
createInterface({ input: canary.stdout }).on('line', (l) => waiting.shift()(Number(l.split(' ')[0])));
const loop = () => new Promise((resolve) => (waiting.push(resolve), canary.stdin.write('go\n')));
const wrk = (seconds) =>
  new Promise((resolve, reject) => {
    const p = spawn('taskset', ['-c', '1', 'wrk', '-t1', '-c100', `-d${seconds}s`, url]);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', () => resolve(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])));
  });

try {
  await loop(); // compiles the loop: not a measurement, as in the bench
  await wrk(2); // warm-up
  const rows = [];
  let before = await loop();
  for (let i = 0; i < samples; i++) {
    const rate = await wrk(1);
    const after = await loop();
    rows.push({ rate, canary: Math.max(before, after) });
    before = after;
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const cv = (xs) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) / m;
  };
  const rates = rows.map((r) => r.rate);
  const loops = rows.map((r) => r.canary);
  const slow = rows.filter((r) => r.rate < 0.9 * median(rates));
  const seen = slow.filter((r) => r.canary > 1.1 * median(loops));
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  console.log(
    `${samples} samples of 1 s against reference/node-http (${process.version}), canary before and after each`,
  );
  console.log(
    `rate: median ${Math.round(median(rates))} req/s, CV ${pct(cv(rates))}, min ${Math.round(Math.min(...rates))}, max ${Math.round(Math.max(...rates))}`,
  );
  console.log(
    `canary: median ${median(loops).toFixed(1)} ms, CV ${pct(cv(loops))}, max ${Math.max(...loops).toFixed(1)} ms`,
  );
  console.log(
    `samples more than 10 % below the median rate: ${slow.length}; of them with a canary more than 10 % slow beside them: ${seen.length}`,
  );
} finally {
  canary.kill();
  server.kill();
}
