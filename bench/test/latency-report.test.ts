/** The latency report's wording and chart, from fake runs (no load is run here). */
import { describe, expect, it } from 'vitest';
import { fakeLatencyRun } from '../src/testing/fake-latency.js';
import { capacityCell, capacityTable, latencyMarkdown, latencyTakeaway } from '../src/report/latency.js';
import { latencyTitle } from '../src/report/latency-title.js';
import { latencyChartSpec } from '../src/report/latency-chart.js';
import { stepMedians } from '../src/report/latency-steps.js';
import { markTakeaway } from '../src/report/slide.js';
import type { LatencyRun, LatencyScenarioResult } from '../src/model/latency.js';

/** Sets an app's capacity interval (and its ratio to node:http's) by hand. */
function setCapacity(sc: LatencyScenarioResult, app: string, lo: number, median: number, hi: number) {
  const a = sc.apps.find((x) => x.app === app)!;
  a.capacity = { median, lo, hi, level: 0.97, n: 6, missing: 0 };
  const base = sc.apps[0]!.capacity!.median;
  a.ratio =
    app === 'node-http-app'
      ? null
      : { median: median / base, lo: lo / base, hi: hi / base, level: 0.97, n: 6, missing: 0 };
  for (const s of a.searches) s.bound = 'bracketed';
}

/** One scenario with node:http well clear at the top and the others where the test puts them. */
function ranked(
  express: [number, number, number],
  koa: [number, number, number],
): { run: LatencyRun; sc: LatencyScenarioResult } {
  const run = fakeLatencyRun({ scenarios: ['plaintext'] });
  const sc = run.scenarios[0]!;
  setCapacity(sc, 'node-http-app', 36_000, 38_000, 40_000);
  setCapacity(sc, 'fastify-app', 30_000, 32_000, 34_000);
  setCapacity(sc, 'hono-app', 26_000, 28_000, 29_500);
  setCapacity(sc, 'express-app', ...express);
  setCapacity(sc, 'koa-app', ...koa);
  return { run, sc };
}

describe('latency takeaway titles', () => {
  it('names the lowest capacity when its interval is clear of the next one', () => {
    const { run, sc } = ranked([10_000, 11_000, 12_000], [20_000, 22_000, 24_000]);
    expect(latencyTitle(run, sc)).toContain('express has the lowest capacity');
  });

  it('ranks nobody when two intervals overlap (a tie, not a "lowest" or "slowest")', () => {
    const { run, sc } = ranked([10_000, 15_000, 20_000], [14_000, 18_000, 24_000]);
    const title = latencyTitle(run, sc);
    expect(title).not.toMatch(/(express|koa) (has|is) the (lowest|slowest)/);
    expect(title).toContain('express and koa tie for the lowest capacity');
  });

  it('does not call overlapping capacities a tie when a ratio paired by lifetime is below node:http', () => {
    const run = fakeLatencyRun({ scenarios: ['plaintext'] });
    const sc = run.scenarios[0]!;
    for (const a of sc.apps) setCapacity(sc, a.app, 20_000, 30_000, 40_000);
    expect(latencyTitle(run, sc)).toContain('tie within their intervals');
    sc.apps.find((a) => a.app === 'express-app')!.ratio = {
      ...{ median: 0.56, lo: 0, hi: 0.64 },
      ...{ level: 0.97, n: 6, missing: 0 },
    };
    const title = latencyTitle(run, sc);
    expect(title).not.toContain('tie within their intervals');
    expect(title).toContain("paired by lifetime, express holds 0.56× (0.00–0.64) of node:http's rate");
  });

  it('claims "under X ms at N req/s" only when every app\'s median p99 at N is ≤ X', () => {
    const run = fakeLatencyRun({ scenarios: ['fortunes'] });
    const sc = run.scenarios[0]!;
    const m = /^At ([\d,]+) req\/s every framework answers \S+ in under ([\d.]+) ms/.exec(
      latencyTitle(run, sc),
    );
    expect(m).not.toBeNull();
    const rate = Number(m![1]!.replace(/,/g, ''));
    const at = stepMedians(sc).filter((s) => s.rate === rate);
    expect(at.map((s) => s.app).sort()).toEqual(sc.apps.map((a) => a.app).sort());
    for (const s of at) expect(s.p99!).toBeLessThanOrEqual(Number(m![2]));
  });

  it('marks a noisy run\'s title "(noisy run)", and a quiet one\'s not', () => {
    const noisy = fakeLatencyRun({ noisy: true, scenarios: ['plaintext'] });
    const quiet = fakeLatencyRun({ scenarios: ['plaintext'] });
    const title = (run: LatencyRun) =>
      markTakeaway(latencyTakeaway(run, run.scenarios[0]!), run).split('\n')[0];
    expect(title(noisy)).toMatch(/\(noisy run\)$/);
    expect(title(quiet)).not.toContain('noisy');
  });
});

describe('latency tables', () => {
  it('shows an at-least capacity with ≥', () => {
    const run = fakeLatencyRun({ scenarios: ['plaintext'] });
    const sc = run.scenarios[0]!;
    const app = sc.apps[0]!;
    for (const s of app.searches) s.bound = 'at-least';
    expect(capacityCell(app, sc)).toMatch(/^≥ [\d,]+/);
    expect(capacityTable(run, sc, true)).toContain(
      `≥ ${Math.round(app.capacity!.median).toLocaleString('en-US')}`,
    );
  });

  it('shows a failed scenario as a row with its reason, never an empty table or a step table', () => {
    const run = fakeLatencyRun({ scenarios: ['plaintext', 'queries'], failedScenarios: ['queries'] });
    const sc = run.scenarios[1]!;
    expect(capacityTable(run, sc)).toContain(`failed: ${sc.failed!}`);
    const section = latencyMarkdown(run).split('## queries')[1]!;
    expect(section).toContain(`failed: ${sc.failed!}`);
    expect(section).not.toContain('Every ladder step');
  });
});

describe('latency chart', () => {
  it('shades the generator-limited rates and labels them', () => {
    const run = fakeLatencyRun({ scenarios: ['plaintext'], generatorLimited: [0.9] });
    const sc = run.scenarios[0]!;
    const layers = (
      latencyChartSpec(run, sc) as { layer: { mark: { type: string }; data?: { values?: unknown[] } }[] }
    ).layer;
    const bands = layers.find((l) => l.mark.type === 'rect')!.data!.values as {
      x: number;
      x2: number;
      label: string;
    }[];
    const limited = sc.steps.find((s) => s.verdict === 'generator-limited')!.offeredRate;
    expect(bands.some((b) => b.x < limited && b.x2 > limited && b.label === 'generator-limited')).toBe(true);
    // One late step among many at a rate is not the rate's: no band there, but the steps are counted.
    const one = fakeLatencyRun({ scenarios: ['plaintext'] });
    const step = one.scenarios[0]!.steps.find((s) => s.phase === 'ladder')!;
    step.verdict = 'generator-limited';
    const oneLayers = (latencyChartSpec(one, one.scenarios[0]!) as { layer: typeof layers }).layer;
    const oneBands = oneLayers.find((l) => l.mark.type === 'rect')?.data?.values ?? [];
    expect(oneBands).toEqual([]);
    // A run with no generator-limited step draws no band.
    const clean = fakeLatencyRun({ scenarios: ['plaintext'] });
    const none = (
      latencyChartSpec(clean, clean.scenarios[0]!) as typeof layers extends never
        ? never
        : { layer: typeof layers }
    ).layer;
    expect(none.find((l) => l.mark.type === 'rect')!.data!.values).toEqual([]);
  });
});
