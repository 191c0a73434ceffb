import { describe, expect, it } from 'vitest';
import { renderSeries, summarise } from '../src/report/compare.js';
import { seriesOf } from '../src/stats/compare.js';
import type { Interval, Run } from '../src/model/schema.js';
import { makeBlock, makeResult, makeRun } from './helpers.js';

const i = (median: number, lo: number, hi: number): Interval => ({ median, lo, hi, n: 9, level: 0.96 });

/** A run with node-http-app, koa-app (its ratio and its own-reference overhead) and a capacity row. */
function run(date: string, koa: Interval | null, koaRef: Interval, level: 'quiet' | 'noisy' = 'quiet'): Run {
  const results = [
    makeResult('node-http-app', 1, { refRatio: i(0.95, 0.93, 0.97) }),
    makeResult('reference/node-http', 1.05),
    koa ? makeResult('koa-app', koa.median, { ratio: koa, refRatio: koaRef }) : makeResult('koa-app', null),
    makeResult('express-app', 0.6, { scenario: 'json', ratio: i(0.6, 0.58, 0.62) }),
    makeResult('koa-app', 1, { scenario: 'ws-capacity' }),
  ];
  const base = makeRun(results, { blocks: [makeBlock('plaintext'), makeBlock('json')] });
  return { ...base, kind: 'full', env: { ...base.env, date }, noise: { ...base.noise, level } };
}

describe('ratio spread across runs', () => {
  const runs = [
    run('2026-12-01T10:00:00.000Z', i(0.6, 0.57, 0.64), i(0.9, 0.85, 0.95)),
    run('2026-12-01T11:00:00.000Z', i(0.62, 0.6, 0.65), i(0.91, 0.88, 0.94)),
    run('2026-12-01T12:00:00.000Z', i(0.64, 0.63, 0.66), i(0.92, 0.9, 0.93), 'noisy'),
  ];

  it('follows each ratio with its interval, the mean of the medians and the largest deviation', () => {
    const series = seriesOf(runs);
    const koa = series.find((s) => s.app === 'koa-app' && s.measure === 'plaintext')!;
    expect(koa.values.map((v) => v?.median)).toEqual([0.6, 0.62, 0.64]);
    expect(koa.mean).toBeCloseTo(0.62);
    expect(koa.deviation).toBeCloseTo(0.02 / 0.62);
    // The baseline's ratio (always 1) and capacity counts are not followed; its own overhead is.
    expect(series.filter((s) => s.app === 'node-http-app').map((s) => s.measure)).toEqual([
      'vs own reference',
    ]);
    expect(series.some((s) => s.measure === 'ws-capacity')).toBe(false);
  });

  it('says whether each run’s interval contains the other runs’ medians', () => {
    const koa = seriesOf(runs).find((s) => s.app === 'koa-app' && s.measure === 'plaintext')!;
    // 0.57–0.64 holds 0.62 and 0.64; 0.60–0.65 holds 0.60 and 0.64; 0.63–0.66 misses 0.60 and 0.62.
    expect(koa.contains).toEqual([true, true, false]);
    const table = renderSeries(runs, seriesOf(runs));
    expect(table).toMatch(
      /\| koa-app +\| plaintext +\| 0\.60 \(0\.57–0\.64\) \| 0\.62 \(0\.60–0\.65\) \| 0\.64 \(0\.63–0\.66\) \| +0\.62 \| +±3\.2 % \| yes \/ yes \/ NO +\|/,
    );
  });

  it('summarises honesty and the ±5 % goal, over all runs and over the quiet ones', () => {
    const lines = summarise(runs, seriesOf(runs));
    expect(lines[0]).toMatch(
      /^intervals containing the other runs' medians, ratios the tables rank by: \d+ of \d+ \(\d+ %\); goal ≥ 90 %$/,
    );
    expect(lines[1]).toMatch(/^HTTP ratios the tables rank by within ±5 % of their mean: \d+ of \d+/);
    expect(lines[2]).toMatch(/^… over the 2 runs whose machine noise was quiet/);
    expect(lines[3]).toMatch(/^every printed ratio .*: intervals held \d+ of \d+/);
  });

  it('judges the ratio each table ranks by: the req/s floor of a per-CPU-second table is printed, not counted', () => {
    // koa's req/s intervals miss each other (0.60 vs 0.70): counted, they would fail honesty.
    const cpuRun = (date: string, m: number) => {
      const r = run(date, i(m, m - 0.01, m + 0.01), i(0.9, 0.85, 0.95));
      return { ...r, blocks: [makeBlock('plaintext', { compareBy: 'cpuRatio' }), makeBlock('json')] };
    };
    const split = [cpuRun('2026-12-01T10:00:00.000Z', 0.6), cpuRun('2026-12-01T11:00:00.000Z', 0.7)];
    const series = seriesOf(split);
    const floor = series.find((s) => s.app === 'koa-app' && s.measure === 'plaintext')!;
    const perCpu = series.find((s) => s.app === 'koa-app' && s.measure === 'plaintext per CPU-s')!;
    expect(floor.contains).toEqual([false, false]);
    expect([floor.ranked, perCpu.ranked]).toEqual([false, true]);
    const [ranked, , , all] = summarise(split, series);
    expect(ranked).not.toMatch(/: 0 of/);
    expect(all).toMatch(/intervals held \d+ of \d+/);
    const count = (line: string) => Number(/: (\d+) of (\d+)/.exec(line)![2]);
    expect(count(all!.replace(/^.*intervals held/, ':'))).toBe(count(ranked!) + 2);
    expect(renderSeries(split, series)).toMatch(/\| koa-app +\| plaintext +\|.*\| NO \/ NO +\| – +\|/);
  });

  it('leaves a failed run out of the mean instead of counting it as zero', () => {
    const withFailure = [...runs.slice(0, 2), run('2026-12-01T12:00:00.000Z', null, i(0.9, 0.8, 1))];
    const koa = seriesOf(withFailure).find((s) => s.app === 'koa-app' && s.measure === 'plaintext')!;
    expect(koa.values[2]).toBeNull();
    expect(koa.mean).toBeCloseTo(0.61);
    expect(koa.contains).toEqual([true, true, null]);
  });
});

describe('npm run bench:compare', () => {
  it('lines up the newest full runs of schema 2 and skips older files with a message', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const join = (...parts: string[]) => path.join(...parts);
    const { spawnSync } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const { fakeRun } = await import('../src/testing/fake-runs.js');
    const dir = await mkdtemp(join(tmpdir(), 'bench-compare-'));
    try {
      for (const [n, seed] of [
        [10, 1],
        [11, 2],
        [12, 3],
      ] as const) {
        const r = fakeRun({ seed, date: `2026-12-01T${n}:00:00.000Z` });
        await writeFile(join(dir, `2026-12-01T${n}-00-00-000Z.json`), JSON.stringify(r));
      }
      await writeFile(
        join(dir, '2026-12-01T13-00-00-000Z-quick.json'),
        JSON.stringify(fakeRun({ argv: ['--quick'] })),
      );
      // A bench v1 file (no schemaVersion), as committed before this version.
      const v1 = { env: { date: '2026-11-23T23:15:49.677Z' }, quick: false, partial: false, results: [] };
      await writeFile(join(dir, '2026-11-23T23-15-49-677Z.json'), JSON.stringify(v1));
      const cli = fileURLToPath(new URL('../src/cli/compare.ts', import.meta.url));
      const out = spawnSync(process.execPath, ['--import', 'tsx', cli], {
        encoding: 'utf8',
        env: { ...process.env, BENCH_RESULTS_DIR: dir },
      });
      expect(out.status, out.stderr).toBe(0);
      expect(out.stdout).toMatch(
        /^Ratios to node-http-app across 3 runs:\n- run 1: .*T10-00-00-000Z\.json — Node v26\.10\.0; machine noise: .*; generator ceiling ≈ 52,000 req\/s/,
      );
      expect(out.stdout).toMatch(/\| koa-app +\| plaintext +\| [\d.]+ \([\d.–]+\) \|/);
      expect(out.stdout).toContain(
        "- intervals containing the other runs' medians, ratios the tables rank by:",
      );
      expect(out.stderr).toContain('skipped 1 results files from before bench v2');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
