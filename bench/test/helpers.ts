/** Builders for samples, results, blocks and runs in the shape the bench writes, for unit tests. */
import { medianInterval } from '../src/stats/stats.js';
import type { Block, Interval, Result, Run, Sample } from '../src/model/schema.js';
import { fakeEnv } from '../src/testing/fake-runs.js';

/** An interval around `median` (±`half` as a fraction), as if from `n` rounds. */
export function iv(median: number, half = 0.03, n = 9): Interval {
  return { median, lo: median * (1 - half), hi: median * (1 + half), n, level: 0.96 };
}

/** An interval from raw per-round ratios, exactly as the bench computes it. */
export function ivOf(ratios: number[]): Interval {
  const { median, lo, hi, level } = medianInterval(ratios);
  return { median, lo, hi, n: ratios.length, level };
}

export function makeSample(round: number, value: number, extra: Partial<Sample> = {}): Sample {
  return {
    round,
    status: 'ok',
    value,
    latencyMs: { p50: 1.5, p99: 9.25, mean: 2 },
    throughputMBs: 7.5,
    rssMB: 70,
    cpuSeconds: 1,
    perCpuSecond: value,
    loadgenCpu: 0.6,
    serverCpu: 0.99,
    notes: [],
    ...extra,
  };
}

export function makeResult(app: string, ratio: number | null, overrides: Partial<Result> = {}): Result {
  const failed = ratio === null;
  return {
    app,
    kind: app.startsWith('reference/') ? 'reference' : 'app',
    framework: app.replace(/-app$|^reference\//g, ''),
    version: '1.0.0',
    node: 'v26.10.0',
    scenario: 'plaintext',
    pipelining: 1,
    unit: 'req/s',
    status: failed ? 'failed' : 'ok',
    ...(failed
      ? { reason: 'validation: GET / body differs' }
      : { rps: { median: 50_000 * ratio, min: 45_000 * ratio, max: 55_000 * ratio } }),
    latencyMs: failed ? null : { p50: 1.5, p99: 9.25 },
    ratio: failed ? null : app === 'node-http-app' ? iv(1, 0) : iv(ratio),
    cpuRatio: failed ? null : app === 'node-http-app' ? iv(1, 0) : iv(ratio),
    refRatio: null,
    rank: null,
    converged: failed || app === 'node-http-app' ? null : true,
    generatorBound: false,
    loadgenCpu: 0.6,
    serverCpu: 0.99,
    serverBound: true,
    little: 0.98,
    rssMB: 70,
    idleRssMB: 50,
    perCpuSecond: 50_000,
    throughputMBs: 7.5,
    startupMs: 200,
    notes: [],
    samples: failed ? [] : [makeSample(1, 50_000 * ratio)],
    ...overrides,
  };
}

export function makeBlock(scenario: string, overrides: Partial<Block> = {}): Block {
  return {
    scenario,
    node: 'v26.10.0',
    rounds: 9,
    compareBy: 'ratio',
    canaryMs: [45, 46, 44],
    canaryCv: 0.02,
    baselineCv: 0.04,
    seconds: 60,
    method: `test method for ${scenario}`,
    warnings: [],
    ...overrides,
  };
}

export function makeRun(results: Result[], overrides: Partial<Run> = {}): Run {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  return {
    schemaVersion: 2,
    kind: 'subset',
    env: fakeEnv({ date: '2026-11-30T03:04:05.678Z', versions: { autocannon: '9.0.0' } }),
    settings: {
      apps: ['node-http-app'],
      scenarios: ['plaintext'],
      minRounds: 6,
      maxRounds: 30,
      sampleS: 1,
      warmupS: 2,
      target: 0.05,
      budgetS: null,
      connections: 100,
      pipelining: 1,
      nodes: ['26'],
      pin: true,
      references: true,
      capacityMax: 20000,
      capacityStep: 5000,
    },
    quick: false,
    partial: false,
    plan: { fixedS: 370, budgetS: 444 },
    wallS: 400,
    generator: { target: 'tcp-app', rate: 55_000, cpu: 0.9, ceiling: 61_000 },
    noise: { level: 'quiet', canaryCv: 0.02, baselineCv: 0.04 },
    method: 'Method: test',
    warnings: [],
    blocks: scenarios.map((s) => makeBlock(s)),
    results,
    ...overrides,
  };
}

/** Whether a process with this pid still exists (signal 0 probes without touching it). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
