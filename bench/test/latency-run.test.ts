/**
 * The latency run kind: its command line, its time plan, the capacity search from ladder steps
 * measured beforehand (interleaved), the generator child, and one small real run end to end.
 */
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../src/cli/args.js';
import { capacityFromSteps, type MeasuredStep } from '../src/latency/capacity.js';
import { RemoteGenerator } from '../src/latency/remote-generator.js';
import { stepVerdict } from '../src/latency/verdict.js';
import { queueStep } from './latency-fake.js';
import { wrkAvailable } from '../src/load/wrk.js';
import { LATENCY_FULL, LATENCY_QUICK, latencyRunSchema } from '../src/model/latency.js';
import { writeLatencyOutputs } from '../src/output/latency.js';
import { latencyPlanS } from '../src/run/latency-plan.js';
import { runLatency } from '../src/run/latency-run.js';
import { startStallServer, type StallServer } from './latency-server.js';

describe('--latency on the command line', () => {
  it('drives every HTTP app (not tcp-app) on plaintext, fortunes and queries at p99 ≤ 5 ms by default', () => {
    const cli = parseCli(['--latency']);
    expect(cli.latency).toEqual({
      sloMs: 5,
      apps: ['node-http-app', 'express-app', 'fastify-app', 'hono-app', 'koa-app'],
      scenarios: ['plaintext', 'fortunes', 'queries'],
    });
  });

  it('takes --slo in ms and always keeps the baseline whose capacity sets the ladder', () => {
    const cli = parseCli(['--latency', '--slo', '2.5ms', '--apps', 'koa-app', '--scenarios', 'queries']);
    expect(cli.latency).toEqual({ sloMs: 2.5, apps: ['node-http-app', 'koa-app'], scenarios: ['queries'] });
  });

  it.each([
    [['--latency', '--slo', '0'], /positive latency target/],
    [['--latency', '--slo', '5s'], /milliseconds/],
    [['--latency', '--slo', 'fast'], /milliseconds/],
    [['--latency', '--slo=-1'], /positive/],
    [['--slo', '5'], /add --latency/],
    [['--latency', '--matrix'], /not with --matrix/],
    [['--latency', '--workers', '2'], /not with --workers/],
    [['--latency', '--apps', 'tcp-app'], /HTTP apps: "tcp-app"/],
    [['--latency', '--scenarios', 'json'], /not "json"/],
  ])('refuses %j with a clear message (the CLI exits 2)', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(message);
  });
});

describe('the latency run plan', () => {
  it('stays within what bench/README.md promises: ≤ 8 minutes, --quick ≤ 1 minute (five apps)', () => {
    expect(latencyPlanS(LATENCY_FULL, 5)).toBeLessThanOrEqual(8 * 60);
    expect(latencyPlanS(LATENCY_QUICK, 5)).toBeLessThanOrEqual(60);
  });

  it('has the lifetimes an interval needs, and ladders where the knees were measured', () => {
    expect(LATENCY_FULL.lifetimes).toBeGreaterThanOrEqual(6);
    expect(LATENCY_FULL.fractions).toEqual({
      plaintext: [0.25, 0.4, 0.55, 0.7, 0.9],
      fortunes: [0.25, 0.4, 0.55, 0.7, 0.9],
      // At 25 % no app had a capacity in the 02-45 run (median below the ladder); all missed at 55 % and up.
      queries: [0.1, 0.25, 0.4, 0.55, 0.7],
    });
    expect(LATENCY_FULL.warmS).toBeGreaterThanOrEqual(2); // the closed-loop runs' warm-up
  });
});

describe('capacity from ladder steps measured beforehand', () => {
  // A full pool below the baseline's capacity would be the generator's fault: the fake is the baseline.
  const limits = { sloMs: 5, baselineRps: 50_000 };
  const measured = (rates: number[], capacity: number): MeasuredStep[] =>
    rates.map((rate) => {
      const m = queueStep(rate, capacity);
      return { rate, phase: 'ladder', measure: m, verdict: stepVerdict(m, limits) };
    });

  it('bisects only inside the bracket, even when the steps past the knee were not driven', async () => {
    const asked: number[] = [];
    // capacity 50,000: meets up to 45,000; the run stopped driving it after two misses (no 76k, 88k)
    const steps = measured([8000, 20_000, 40_000, 56_000, 68_000], 50_000);
    const r = await capacityFromSteps(steps, {
      limits,
      bisections: 2,
      measure: (rate) => {
        asked.push(rate);
        return Promise.resolve(queueStep(rate, 50_000));
      },
    });
    expect(asked).toEqual([48_000, 44_000]); // the bracket 40k–56k halved twice
    expect(r).toMatchObject({ capacity: 44_000, bound: 'bracketed', firstMiss: 48_000 });
    expect(r.steps.map((s) => s.phase)).toEqual([...Array(5).fill('ladder'), 'bisection', 'bisection']);
  });
});

describe('the generator child', () => {
  let server: StallServer;
  let generator: RemoteGenerator;
  beforeAll(async () => {
    server = await startStallServer(0);
    generator = await RemoteGenerator.start(process.execPath, null);
  });
  afterAll(async () => {
    generator.stop();
    await server.stop();
  });

  it('runs an open-loop step in its own process and returns every count', async () => {
    const r = await generator.run({ url: server.url, rate: 400, durationMs: 500, connections: 4 });
    expect(r.scheduled).toBe(200);
    expect(r.completed).toBe(200);
    expect(r.errors + r.timeouts + r.non2xx).toBe(0);
    expect(r.corrected.p99).toBeGreaterThan(0);
    expect(r.generatorBusy).toBeLessThan(1);
  });

  it('keeps NaN and Infinity across the process boundary (nothing answered is not 0 ms)', async () => {
    // Accepts and never answers: every request times out.
    const silent = createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    const r = await generator
      .run({ url: `http://127.0.0.1:${port}/`, rate: 50, durationMs: 200, connections: 2, timeoutMs: 300 })
      .finally(() => silent.close());
    expect(r.completed).toBe(0);
    expect(r.timeouts).toBe(10);
    expect(r.corrected.p99).toBeNaN();
    expect(r.inFlightNeeded).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects a bad request with the child’s reason and keeps serving', async () => {
    await expect(
      generator.run({ url: 'https://127.0.0.1/', rate: 10, durationMs: 100, connections: 1 }),
    ).rejects.toThrow(/open-loop generator: open-loop load speaks plain HTTP only/);
    const r = await generator.run({ url: server.url, rate: 100, durationMs: 100, connections: 1 });
    expect(r.completed).toBe(10);
  });
});

const hasWrk = wrkAvailable() !== null;
if (!hasWrk && process.env.CI === 'true') throw new Error('wrk is not installed: .ci/run installs it');

describe.skipIf(!hasWrk)('a small latency run, end to end (wrk baseline, real apps, generator child)', () => {
  it('measures the ladder, searches a capacity per lifetime and writes a valid file', async () => {
    const lines: string[] = [];
    const run = await runLatency({
      quick: true,
      sloMs: 5,
      apps: ['node-http-app', 'express-app'],
      scenarios: ['plaintext'],
      pin: false,
      signal: new AbortController().signal,
      log: (l) => lines.push(l),
    });
    expect(latencyRunSchema.parse(run)).toBeTruthy();
    expect(run.partial).toBe(false);
    const [s] = run.scenarios;
    expect(s!.failed).toBeNull();
    expect(s!.baseline!.rps).toBeGreaterThan(0);
    expect(s!.ladder.map((l) => l.fraction)).toEqual(LATENCY_QUICK.fractions.plaintext);
    for (const app of ['node-http-app', 'express-app']) {
      const ladder = s!.steps.filter((x) => x.app === app && x.phase === 'ladder');
      // Every step driven in ascending order until two misses in a row.
      expect(ladder.length).toBeGreaterThanOrEqual(2);
      expect(ladder.map((x) => x.offeredRate)).toEqual(s!.ladder.slice(0, ladder.length).map((l) => l.rate));
      for (const x of ladder)
        expect(x.scheduled).toBe(Math.floor((x.offeredRate * LATENCY_QUICK.stepMs) / 1000));
      expect(s!.apps.find((a) => a.app === app)!.searches).toHaveLength(1);
    }
    expect(s!.apps.find((a) => a.app === 'express-app')!.ratio).not.toBeUndefined();
    expect(lines.some((l) => l.includes('ladder'))).toBe(true);

    const dir = await mkdtemp(join(tmpdir(), 'latency-out-'));
    try {
      const out = await writeLatencyOutputs(run, { results: dir, generated: join(dir, 'gen'), readme: null });
      const json = JSON.parse(await readFile(out.written[0]!, 'utf8')) as unknown;
      expect(latencyRunSchema.parse(json).scenarios[0]!.steps.length).toBe(s!.steps.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
