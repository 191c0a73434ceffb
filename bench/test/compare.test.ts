import { describe, expect, it } from 'vitest';
import { addRatios } from '../src/aggregate.js';
import { renderSeries, seriesOf } from '../src/compare.js';
import type { Run } from '../src/schema.js';
import { makeResult, makeRun } from './helpers.js';

/** A run where node-http-app does 50k and the others what is given; ratios filled as the bench does. */
function run(date: string, koa: number | null, koaRef: number, express: number): Run {
  const results = addRatios([
    makeResult('node-http-app', 50_000, { framework: 'node:http' }),
    makeResult('reference/node-http', 52_000),
    makeResult('koa-app', koa, { framework: 'koa' }),
    makeResult('reference/koa', koaRef),
    makeResult('express-app', express, { framework: 'express', scenario: 'json' }),
    makeResult('node-http-app', 50_000, { framework: 'node:http', scenario: 'json' }),
    makeResult('tcp-app', 60_000, { framework: 'node:net' }),
    makeResult('koa-app', 10_000, { framework: 'koa', scenario: 'ws-capacity' }),
  ]);
  return makeRun(results, { env: { ...makeRun([]).env, date } });
}

describe('ratio spread across runs', () => {
  const runs = [
    run('2026-01-01T10:00:00.000Z', 30_000, 40_000, 5_000),
    run('2026-01-01T11:00:00.000Z', 33_000, 40_000, 5_000),
    run('2026-01-01T12:00:00.000Z', 27_000, 30_000, 5_000),
  ];

  it('follows each app ratio and plaintext overhead through the runs, with the largest deviation from the mean', () => {
    const series = seriesOf(runs);
    const pick = (app: string, measure: string) => series.find((s) => s.app === app && s.measure === measure);
    const koa = pick('koa-app', 'plaintext')!;
    expect(koa.values).toEqual([0.6, 0.66, 0.54]);
    expect(koa.mean).toBeCloseTo(0.6);
    expect(koa.deviation).toBeCloseTo(0.1); // 0.06 / 0.6
    const overhead = pick('koa-app', 'vs own reference')!;
    expect(overhead.values).toEqual([0.75, 0.825, 0.9]);
    expect(pick('express-app', 'json')!.deviation).toBeCloseTo(0);
    // tcp-app has a plaintext ratio but no reference server, so no row of dashes for the latter.
    expect(pick('tcp-app', 'plaintext')!.values).toEqual([1.2, 1.2, 1.2]);
    expect(pick('tcp-app', 'vs own reference')).toBeUndefined();
    // The baseline's ratio (always 1) and capacity counts are not worth following; its overhead is.
    expect(series.filter((s) => s.app === 'node-http-app').map((s) => s.measure)).toEqual([
      'vs own reference',
    ]);
    expect(pick('node-http-app', 'vs own reference')!.values[0]).toBeCloseTo(50 / 52);
    expect(series.some((s) => s.measure === 'ws-capacity')).toBe(false);
    expect(series.some((s) => s.values.every((v) => v === null))).toBe(false);
  });

  it('leaves a failed run out of the mean instead of counting it as zero', () => {
    const withFailure = [...runs.slice(0, 2), run('2026-01-01T12:00:00.000Z', null, 40_000, 5_000)];
    const koa = seriesOf(withFailure).find((s) => s.app === 'koa-app' && s.measure === 'plaintext')!;
    expect(koa.values).toEqual([0.6, 0.66, null]);
    expect(koa.mean).toBeCloseTo(0.63);
    expect(koa.deviation).toBeCloseTo(0.03 / 0.63);
  });

  it('renders one column per run, named by its date', () => {
    const table = renderSeries(runs, seriesOf(runs));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^\| app +\| ratio +\| 2026-01-01 10:00 \| 2026-01-01 11:00 \| 2026-01-01 12:00 \| mean/,
    );
    expect(table).toMatch(
      /\| koa-app +\| plaintext +\| +0\.60 \| +0\.66 \| +0\.54 \| +0\.60 \| +±10\.0 % \|/,
    );
  });
});
