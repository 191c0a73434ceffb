import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli/args.js';
import { runBench } from '../src/run/run-bench.js';
import { createProgress } from '../src/cli/progress.js';
import { startServer, type ServerProcess } from '../src/targets/server-process.js';
import { openWsBroadcast } from '../src/load/ws-broadcast.js';
import { openWsCapacity } from '../src/load/ws-capacity.js';
import { openWsEcho } from '../src/load/ws-echo.js';
import { validateWs } from '../src/load/ws-validate.js';
import type { LoadOptions, LoadSession } from '../src/model/load-types.js';
import { benchOnTargets, testTarget } from './bench-on-targets.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const start = (entry: string, env: Record<string, string> = {}) =>
  startServer({ name: entry, entry: fixture(entry), nodePath: process.execPath }, { env });
const options = (port: number, seconds: number): LoadOptions => ({
  port,
  connections: 0,
  seconds,
  signal: new AbortController().signal,
});

async function measure(session: LoadSession, port: number, seconds: number) {
  try {
    return await session.run(options(port, seconds));
  } finally {
    session.close();
  }
}

let chat: ServerProcess;
let lossy: ServerProcess;
beforeAll(async () => {
  [chat, lossy] = await Promise.all([start('mini-chat.mjs'), start('mini-chat.mjs', { LOSE_EVERY: '7' })]);
});
afterAll(async () => {
  await Promise.all([chat?.stop(), lossy?.stop()]);
});

describe('ws validation', () => {
  it('passes a server that speaks the protocol', async () => {
    expect(await validateWs(chat.port)).toBeNull();
  });

  it('fails a server without /ws, saying why', async () => {
    const plain = await start('wrong-body.mjs');
    try {
      expect(await validateWs(plain.port)).toMatch(/^ws validation: GET \/ws answered 200 instead of 101/);
    } finally {
      await plain.stop();
    }
  });
});

describe('ws load generators', () => {
  it('ws-echo: closed-loop say_hello calls under the per-socket limit, every reply checked', async () => {
    const outcome = await measure(await openWsEcho(chat.port, 4), chat.port, 0.6);
    expect(outcome.problems).toEqual([]);
    expect(outcome.value).toBeGreaterThan(0);
    expect(outcome.p99).toBeGreaterThanOrEqual(outcome.p50);
  });

  // Every reply is checked: a server wrong one call in 7 (by result, by id, or with an error) fails the
  // round, with the reply that was wrong in the reason.
  it.each([
    ['a wrong result', 'result', /unexpected reply .*"result":"Hello, World"}/],
    ["another call's id", 'id', /unexpected reply \{"jsonrpc":"2\.0","id":\d+,"result":"Hello, World!"}/],
    ['a JSON-RPC error', 'error', /^error -32603 Internal error$/],
  ])('ws-echo: a reply with %s invalidates the round', async (_label, fault, problem) => {
    const faulty = await start('mini-chat.mjs', { BAD_HELLO: fault });
    try {
      const outcome = await measure(await openWsEcho(faulty.port, 4), faulty.port, 0.6);
      // The round stops at the first problem; a caller's reply already in flight may add another.
      expect(outcome.problems.length).toBeGreaterThan(0);
      for (const p of outcome.problems) expect(p).toMatch(problem);
    } finally {
      await faulty.stop();
    }
  });

  it('ws-broadcast: every member gets every message in order', async () => {
    const session = await openWsBroadcast(chat.port, 10);
    await session.run(options(chat.port, 0.3)); // warm-up on the same room, as the runner does
    const outcome = await measure(session, chat.port, 0.6);
    expect(outcome.problems).toEqual([]);
    expect(outcome.value).toBeGreaterThan(0);
  });

  it('ws-broadcast: a lost message invalidates the round', async () => {
    const outcome = await measure(await openWsBroadcast(lossy.port, 10), lossy.port, 0.6);
    expect(outcome.problems.join()).toMatch(/expected message \d+/);
  });

  it('ws-capacity: ramps in steps and reports the clients held', async () => {
    const session = openWsCapacity(chat.port);
    try {
      const outcome = await session.run({
        ...options(chat.port, 1),
        capacity: { max: 250, step: 100, holdSeconds: 0.3 },
      });
      expect(outcome.value).toBe(250);
      expect(outcome.capacity!.stop).toBe('reached the 250-client cap');
      expect(outcome.capacity!.capped).toBe(true);
      // The p95 round trip at every step, the curve the slide draws.
      expect(outcome.capacity!.steps.map((s) => [s.clients, s.held])).toEqual([
        [100, true],
        [200, true],
        [250, true],
      ]);
      for (const s of outcome.capacity!.steps) expect(s.p95).toBeGreaterThan(0);
    } finally {
      session.close();
    }
  });

  it('ws-capacity: stops at the step where broadcasts get lost', async () => {
    const session = openWsCapacity(lossy.port);
    try {
      const outcome = await session.run({
        ...options(lossy.port, 1),
        capacity: { max: 300, step: 100, holdSeconds: 0.3 },
      });
      expect(outcome.value).toBeLessThan(300);
      expect(outcome.capacity!.stop).toMatch(/^at \d00 clients: .*missed a message/);
      expect(outcome.capacity!.steps.at(-1)!.held).toBe(false);
      expect(outcome.capacity!.capped).toBe(false);
    } finally {
      session.close();
    }
  });
});

describe('a ws-echo cell on a server that answers wrongly', () => {
  it('is invalid, with the wrong reply as the reason: no rate, no ratio', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-ws-wrong-'));
    process.env.BAD_HELLO = 'error'; // read by the fixture when the runner spawns it
    try {
      const { run } = await benchOnTargets(
        ['--no-pin', '--node', 'current', '--quick', '--scenarios', 'ws-echo', '--connections', '4'],
        dir,
        (node) => [testTarget('wrong-chat', fixture('mini-chat.mjs'), node, ['ws-echo'])],
      );
      const [cell] = run.results;
      expect(cell!.status).toBe('invalid');
      expect(cell!.reason).toMatch(/^1 of 1 samples invalid: error -32603 Internal error/);
      expect(cell!.rps).toBeUndefined();
    } finally {
      delete process.env.BAD_HELLO;
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a ws server dying mid-round', () => {
  it('fails the scenario with its exit code and last words, without waiting out the drain', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-ws-crash-'));
    process.env.CRASH_AFTER = '2000'; // read by the fixture when the runner spawns it
    try {
      const { settings } = parseCli([
        '--no-pin',
        '--node',
        'current',
        '--rounds',
        '6',
        '--max-rounds',
        '6',
        '--scenarios',
        'ws-echo',
        '--connections',
        '4',
        '--duration',
        '3',
        '--warmup',
        '0',
      ]);
      const started = performance.now();
      const { run } = await runBench({
        settings,
        quick: true,
        dirs: { results: join(dir, 'r'), generated: join(dir, 'g'), readme: null },
        signal: new AbortController().signal,
        log: () => {},
        progress: (s) => createProgress(s, false, () => {}),
        targets: (nodes) => [
          {
            app: 'crashing-chat',
            kind: 'app',
            framework: 'test',
            version: 'test',
            entry: fixture('mini-chat.mjs'),
            node: nodes[0]!,
            scenarios: [{ base: 'ws-echo', pipelining: 1 }],
            reference: null,
          },
        ],
      });
      expect(run.results[0]!.status).toBe('failed');
      expect(run.results[0]!.reason).toMatch(/crashed in round 1 \(exit code 3\): .*crashing on purpose/);
      expect(performance.now() - started).toBeLessThan(8000);
    } finally {
      delete process.env.CRASH_AFTER;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
