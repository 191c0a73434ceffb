import { describe, expect, it } from 'vitest';
import { addRatios, aggregate, noiseWarnings } from '../src/aggregate.js';
import type { Measurements } from '../src/runner.js';
import type { Round } from '../src/schema.js';
import type { Target } from '../src/targets.js';
import { makeResult } from './helpers.js';

const round = (n: number, value: number, extra: Partial<Round> = {}): Round => ({
  round: n,
  status: 'ok',
  value,
  latencyMs: { p50: 1, p99: 5 },
  throughputMBs: 1,
  rssMB: 60 + n,
  cpuSeconds: 5,
  perCpuSecond: value,
  loadgenCpu: 0.5,
  notes: [],
  ...extra,
});

const target = (app: string): Target => ({
  app,
  kind: 'app',
  framework: app,
  version: '1',
  entry: '/nowhere.js',
  node: { path: 'node', version: 'v20.20.2' },
  scenarios: [{ base: 'json', pipelining: 1 }],
  reference: null,
});

describe('ratios', () => {
  it('divides each median by node-http-app’s median of the same scenario and Node version', () => {
    const results = addRatios([
      makeResult('node-http-app', 60_000),
      makeResult('fastify-app', 57_000),
      makeResult('fastify-app', 30_000, { node: 'v24.0.0' }),
      makeResult('node-http-app', 40_000, { scenario: 'json' }),
    ]);
    expect(results[0]!.ratio).toBe(1);
    expect(results[1]!.ratio).toBeCloseTo(0.95);
    expect(results[2]!.ratio).toBeNull(); // no v24 baseline in this run
    expect(results[3]!.ratio).toBe(1);
  });

  it('gives plaintext apps their overhead against their own reference server', () => {
    const results = addRatios([
      makeResult('node-http-app', 60_000, { framework: 'node:http' }),
      makeResult('reference/node-http', 62_000),
      makeResult('koa-app', 38_000, { framework: 'koa' }),
      makeResult('reference/koa', 40_000),
      makeResult('tcp-app', 63_000, { framework: 'node:net' }),
    ]);
    const by = Object.fromEntries(results.map((r) => [r.app, r]));
    expect(by['koa-app']!.refRatio).toBeCloseTo(0.95);
    expect(by['node-http-app']!.refRatio).toBeCloseTo(60 / 62);
    expect(by['tcp-app']!.refRatio).toBeNull();
    expect(by['reference/koa']!.refRatio).toBeNull();
  });

  it('has no ratio when the baseline failed', () => {
    const results = addRatios([makeResult('node-http-app', null), makeResult('hono-app', 50_000)]);
    expect(results[1]!.ratio).toBeNull();
  });
});

describe('aggregate', () => {
  it('takes median (min–max) over valid rounds and reports invalid ones', () => {
    const app = target('node-http-app');
    const m: Measurements = {
      cells: [
        {
          target: app,
          variant: { base: 'json', pipelining: 1 },
          failed: null,
          rounds: [
            round(1, 100),
            round(2, 300),
            round(3, 200),
            round(4, 999, { status: 'invalid', reason: '3 non-2xx responses' }),
          ],
        },
      ],
      starts: new Map([
        [
          app,
          [
            { startupMs: 100, idleRssMB: 40 },
            { startupMs: 300, idleRssMB: 50 },
          ],
        ],
      ]),
    };
    const [r] = aggregate(m).results;
    expect(r!.status).toBe('invalid');
    expect(r!.reason).toContain('1 of 4 rounds invalid: 3 non-2xx responses');
    expect(r!.rps).toEqual({ median: 200, min: 100, max: 300 });
    expect(r!.ratio).toBe(1);
    expect(r!.startupMs).toBe(200);
    expect(r!.rssMB).toBe(62);
  });

  it('keeps a failed cell as failed with its reason and warns about a saturated generator', () => {
    const app = target('express-app');
    const m: Measurements = {
      cells: [
        {
          target: app,
          variant: { base: 'json', pipelining: 1 },
          failed: 'crashed in round 1 (exit code 3): boom',
          rounds: [round(1, 5, { loadgenCpu: 0.95 }), round(2, 5, { loadgenCpu: 0.97 }), round(3, 5)],
        },
      ],
      starts: new Map(),
    };
    const { results, warnings } = aggregate(m);
    expect(results[0]!.status).toBe('failed');
    expect(results[0]!.reason).toContain('exit code 3');
    // One line for the whole run, naming the cell, how many rounds and the peak.
    expect(warnings).toEqual([
      'load generator above 90% of its core, so these may measure the generator: express-app json (2 of 3 rounds, up to 97%)',
    ]);
  });
});

describe('noise floor', () => {
  it('warns when the baseline itself spread more than 10% between rounds, and only then', () => {
    const wide = makeResult('node-http-app', 50_000, { rps: { median: 50_000, min: 45_000, max: 60_000 } });
    const tight = makeResult('node-http-app', 50_000, {
      scenario: 'json',
      rps: { median: 50_000, min: 48_000, max: 52_000 },
    });
    const other = makeResult('express-app', 5_000, { rps: { median: 5_000, min: 2_000, max: 9_000 } });
    expect(noiseWarnings([wide, tight, other])).toEqual([
      'node-http-app plaintext on Node v20.20.2 varied by 30% of its median between rounds: plaintext ratios closer than that are within noise',
    ]);
  });
});
