import { describe, expect, it } from 'vitest';
import { aggregate } from '../src/stats/aggregate.js';
import { blockMethod } from '../src/run/block-method.js';
import { parseCli } from '../src/cli/args.js';
import type { ScenarioVariant } from '../src/model/scenario-list.js';
import type { Sample } from '../src/model/schema.js';
import { makeSample } from './helpers.js';
import { fakeRun } from '../src/testing/fake-runs.js';
import { rankLabel } from '../src/stats/ties.js';
import type { Target } from '../src/model/target.js';
import type { BlockMeasure, Cell } from '../src/model/measure.js';

const node = { path: 'node', version: 'v26.10.0' };
const settings = parseCli([]).settings;
const methodOf = (m: BlockMeasure) => blockMethod(m, settings, 19_800);

function target(app: string, variant: ScenarioVariant, reference: string | null = null): Target {
  const kind = app.startsWith('reference/') ? 'reference' : 'app';
  return { app, kind, framework: app, version: '1', entry: '/x.js', node, scenarios: [variant], reference };
}

function block(
  variant: ScenarioVariant,
  cells: { app: string; samples: Sample[]; failed?: string; reference?: string }[],
): BlockMeasure {
  const built: Cell[] = cells.map((c) => ({
    target: target(c.app, variant, c.reference ?? null),
    variant,
    failed: c.failed ?? null,
    samples: c.samples,
    start: { startupMs: 100, idleRssMB: 40 },
    warmRate: null,
  }));
  return {
    plan: { variant, node, targets: built.map((c) => c.target), fixedS: 1, extraS: 0, endsAtS: 1 },
    cells: built,
    canaryMs: [45, 46, 45, 44, 47, 45],
    rounds: 9,
    seconds: 10,
  };
}

const json = { base: 'json', pipelining: 1 } as const;
/** The host drifts: every round is slower than the one before, for every target alike. */
const drift = (i: number) => 1 - i * 0.05;
const series = (values: number[], extra: Partial<Sample> = {}) =>
  values.map((v, i) => makeSample(i + 1, v, extra));

describe('aggregate', () => {
  it('pairs each sample with the baseline of its own round, so drift cancels', () => {
    const rounds = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const m = block(json, [
      { app: 'node-http-app', samples: series(rounds.map((i) => 50_000 * drift(i))) },
      { app: 'koa-app', samples: series(rounds.map((i) => 32_000 * drift(i))) },
    ]);
    const { results } = aggregate({ blocks: [m], generator: null }, settings, 19_800, methodOf);
    const koa = results.find((r) => r.app === 'koa-app')!;
    // Unpaired, req/s spread by 40 % over the run; paired, every round says 0.64.
    expect(koa.rps!.max / koa.rps!.min).toBeGreaterThan(1.5);
    expect(koa.ratio).toMatchObject({ n: 9 });
    expect(koa.ratio!.median).toBeCloseTo(0.64, 10);
    expect(koa.ratio!.lo).toBeCloseTo(0.64, 10);
    expect(koa.ratio!.hi).toBeCloseTo(0.64, 10);
    expect(koa.converged).toBe(true);
    expect(results.find((r) => r.app === 'node-http-app')!.ratio).toMatchObject({ median: 1, lo: 1, hi: 1 });
  });

  it('reports invalid samples and keeps the valid ones; a failed cell stays failed with its reason', () => {
    const m = block(json, [
      { app: 'node-http-app', samples: series([100, 100, 100, 100, 100, 100]) },
      {
        app: 'hono-app',
        samples: [
          ...series([90, 91, 89, 90, 92]),
          makeSample(6, 999, { status: 'invalid', reason: '3 non-2xx responses' }),
        ],
      },
      { app: 'express-app', samples: [], failed: 'crashed in round 2 (exit code 3): boom' },
    ]);
    const { results } = aggregate({ blocks: [m], generator: null }, settings, 19_800, methodOf);
    const hono = results.find((r) => r.app === 'hono-app')!;
    expect(hono.status).toBe('invalid');
    expect(hono.reason).toBe('1 of 6 samples invalid: 3 non-2xx responses');
    expect(hono.rps).toEqual({ median: 90, min: 89, max: 92 });
    expect(hono.ratio!.n).toBe(5);
    const express = results.find((r) => r.app === 'express-app')!;
    expect(express).toMatchObject({ status: 'failed', ratio: null, rank: null, converged: null });
    expect(express.reason).toContain('exit code 3');
  });

  it('never ranks a cell at 80 % server CPU by its rate: the table ranks per CPU-second and says why', () => {
    const m = block(json, [
      { app: 'node-http-app', samples: series([100, 101, 99, 100, 100, 100]) },
      {
        // The highest req/s, but its server sat at 80 % of its core: the generator set that rate.
        app: 'tcp-app',
        samples: series([150, 151, 149, 150, 150, 150], { serverCpu: 0.8, loadgenCpu: 0.99 }).map((s) => ({
          ...s,
          perCpuSecond: 40,
        })),
      },
      { app: 'koa-app', samples: series([60, 61, 59, 60, 60, 60]) },
    ]);
    const { results, blocks } = aggregate({ blocks: [m], generator: null }, settings, 19_800, methodOf);
    const tcp = results.find((r) => r.app === 'tcp-app')!;
    expect(tcp).toMatchObject({ serverBound: false, serverCpu: 0.8, loadgenCpu: 0.99 });
    expect(results.find((r) => r.app === 'koa-app')!).toMatchObject({ serverBound: true, serverCpu: 0.99 });
    expect(blocks[0]!.compareBy).toBe('cpuRatio');
    // 1.5× node:http on req/s would rank it first; per server CPU-second it is last.
    expect(tcp.rank).toEqual({ best: 3, worst: 3 });
    expect(blocks[0]!.warnings[0]).toBe(
      'server CPU below 95 %: tcp-app not server-bound (server 80 %, generator 99 %); a rate the server did not set is not its capacity, so this table ranks per server CPU-second',
    );
  });

  it('ranks the apps among the apps and the reference servers among themselves, as their tables show them', () => {
    // ±1 %: every interval is clear of its neighbours, so each group's ranks are exactly 1..n.
    const plain = fakeRun({ noise: 0.01 }).results.filter((r) => r.scenario === 'plaintext');
    const ranks = (kind: 'app' | 'reference') =>
      plain
        .filter((r) => r.kind === kind)
        .sort((a, b) => b.ratio!.median - a.ratio!.median)
        .map((r) => rankLabel(r.rank));
    expect(ranks('app')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(ranks('reference')).toEqual(['1', '2', '3', '4', '5']);
  });

  it('ranks by req/s only when every cell filled its server core', () => {
    const m = block(json, [
      { app: 'node-http-app', samples: series([100, 101, 99, 100, 100, 100], { serverCpu: 0.97 }) },
      { app: 'koa-app', samples: series([60, 61, 59, 60, 60, 60], { serverCpu: 1.0 }) },
    ]);
    const { results, blocks } = aggregate({ blocks: [m], generator: null }, settings, 19_800, methodOf);
    expect(blocks[0]!.compareBy).toBe('ratio');
    expect(results.every((r) => r.serverBound)).toBe(true);
    expect(blocks[0]!.warnings).toEqual([]);
  });

  it('warns about a noisy baseline and a ratio still too wide, in the block that has them', () => {
    const m = block(json, [
      { app: 'node-http-app', samples: series([100, 140, 70, 120, 90, 130]) },
      { app: 'koa-app', samples: series([60, 100, 30, 70, 60, 60]) },
    ]);
    const { blocks, results, noise } = aggregate(
      { blocks: [m], generator: null },
      settings,
      19_800,
      methodOf,
    );
    expect(results.find((r) => r.app === 'koa-app')!.converged).toBe(false);
    expect(blocks[0]!.warnings).toEqual([
      expect.stringMatching(/^noisy baseline: node-http-app varied \d+ % \(CV\) between samples$/),
      expect.stringMatching(/^wider than ±10 % when the time was up: koa-app ±\d+\.\d %$/),
    ]);
    expect(noise.level).toBe('noisy');
  });

  it('a quiet canary and baseline, but † on most rows of a table: the run is noisy and names the table', () => {
    const steady = [100, 101, 99, 100, 100, 101, 99, 100, 100];
    const wild = [60, 90, 35, 75, 50, 95, 40, 80, 55];
    const run = (wide: string[]) =>
      aggregate(
        {
          blocks: [
            block(json, [
              { app: 'node-http-app', samples: series(steady) },
              {
                app: 'koa-app',
                samples: series(wide.includes('koa-app') ? wild : steady.map((v) => v * 0.6)),
              },
              {
                app: 'express-app',
                samples: series(wide.includes('express-app') ? wild : steady.map((v) => v * 0.7)),
              },
              { app: 'hono-app', samples: series(steady.map((v) => v * 0.8)) },
            ]),
          ],
          generator: null,
        },
        settings,
        19_800,
        methodOf,
      ).noise;
    // One of three rows wide: the table still ranks, the run stays quiet.
    expect(run(['koa-app'])).toEqual(expect.objectContaining({ level: 'quiet' }));
    expect(run(['koa-app']).wide).toBeUndefined();
    // Two of three: the table ranks nothing, so the run is noisy, and says which table.
    expect(run(['koa-app', 'express-app'])).toEqual(
      expect.objectContaining({ level: 'noisy', wide: ['json'] }),
    );
  });

  it('ws-capacity: the count held, capped by the open-files limit, with the p95 of every step', () => {
    const capacity = { base: 'ws-capacity', pipelining: 1 } as const;
    const m = block(capacity, [{ app: 'koa-app', samples: [makeSample(1, 19_800, { loadgenCpu: 0.99 })] }]);
    const steps = [{ clients: 19_800, p50: 90, p95: 180, p99: 200, held: true }];
    m.cells[0]!.capacity = { steps, stop: 'reached the 19800-client cap', capped: true };
    const { results, blocks } = aggregate({ blocks: [m], generator: null }, settings, 19_800, methodOf);
    expect(results[0]!.capacity).toEqual({
      held: 19_800,
      capped: 'the open-files limit',
      stop: 'reached the 19800-client cap',
      steps,
    });
    expect(results[0]!.generatorBound).toBe(false); // a ramp keeps the generator busy by design
    expect(results[0]!.serverBound).toBeUndefined(); // and is not a closed-loop rate
    expect(blocks[0]!.compareBy).toBe('capacity');
    expect(blocks[0]!.warnings).toEqual([
      'capped: all 1 held ≥ 19,800 clients (the open-files limit); compare the p95 at each step',
    ]);
  });
});
