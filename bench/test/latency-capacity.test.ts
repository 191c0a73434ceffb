import { describe, expect, it } from 'vitest';
import {
  capacityAtTarget,
  capacityOverLifetimes,
  capacityRatio,
  lifetimeCapacity,
} from '../src/latency/capacity.js';
import { buildLadder } from '../src/latency/ladder.js';
import type { StepMeasure } from '../src/latency/verdict.js';
import { queueStep } from './latency-fake.js';

/** A fake server (`queueStep`) that records the rates it was asked for; `over` changes a step. */
function fakeServer(capacity: number, over: (rate: number) => Partial<StepMeasure> = () => ({})) {
  const asked: number[] = [];
  const measure = (rate: number): Promise<StepMeasure> => {
    asked.push(rate);
    return Promise.resolve({
      ...queueStep(rate, capacity),
      ...over(rate),
    });
  };
  return { measure, asked };
}

// A wide ladder, past the fake's knee on both sides: 8000 … 76000, 88000.
const ladder = buildLadder(80_000, [0.1, 0.25, 0.5, 0.7, 0.85, 0.95, 1.1]).map((s) => s.rate);
const limits = { sloMs: 5, baselineRps: 80_000 };

describe('capacity at a latency target', () => {
  it('brackets the knee on the ladder and bisects it to within 2 % (the default resolution)', async () => {
    const server = fakeServer(80_000); // meets the SLO up to 72,000 req/s
    const r = await capacityAtTarget({ ladder, limits, measure: server.measure });
    expect(server.asked.slice(0, 7)).toEqual(ladder);
    expect(r.bound).toBe('bracketed');
    expect(r.capacity).toBeLessThanOrEqual(72_000); // never above the truth: only a pass moves it up
    expect(r.capacity).toBeGreaterThanOrEqual(72_000 * 0.98);
    expect(r.firstMiss).toBeGreaterThanOrEqual(72_000);
    expect(r.steps.filter((s) => s.phase === 'bisection').length).toBeLessThanOrEqual(4);
    expect(r.nonMonotone).toBe(false);
  });

  it('stops bisecting at the resolution asked', async () => {
    const server = fakeServer(80_000);
    const r = await capacityAtTarget({
      ladder,
      limits,
      measure: server.measure,
      bisections: 20,
      resolution: 0.001,
    });
    expect(r.capacity).toBeGreaterThan(71_900);
    expect(r.capacity).toBeLessThanOrEqual(72_000);
    expect(server.asked.length).toBeLessThan(7 + 20);
  });

  it('leaves generator-limited steps out of every verdict: capacity is then "at least"', async () => {
    const server = fakeServer(80_000, (rate) => (rate > 60_000 ? { generatorBusy: 0.95 } : {}));
    const r = await capacityAtTarget({ ladder, limits, measure: server.measure });
    expect(r).toMatchObject({ capacity: 56_000, bound: 'at-least', firstMiss: null });
    expect(r.steps.filter((s) => s.verdict.verdict === 'generator-limited').map((s) => s.rate)).toEqual([
      68_000, 76_000, 88_000,
    ]);
    expect(r.steps.some((s) => s.phase === 'bisection')).toBe(false);
  });

  it('keeps the bracket when a bisection probe cannot be driven', async () => {
    const server = fakeServer(80_000, (rate) => (rate === 72_000 ? { generatorBusy: 0.95 } : {}));
    const r = await capacityAtTarget({ ladder, limits, measure: server.measure });
    expect(r).toMatchObject({ capacity: 68_000, bound: 'bracketed', firstMiss: 76_000 });
  });

  it('says so when even the lowest step misses, or no step could be judged', async () => {
    const slow = await capacityAtTarget({
      ladder,
      limits: { ...limits, sloMs: 0.1, maxDispatchLagMs: 1 },
      measure: fakeServer(80_000).measure,
    });
    expect(slow).toMatchObject({ capacity: null, bound: 'below-ladder', firstMiss: 8000 });
    const lagging = fakeServer(80_000, () => ({ generatorBusy: 0.95 }));
    expect(await capacityAtTarget({ ladder, limits, measure: lagging.measure })).toMatchObject({
      capacity: null,
      bound: 'unjudged',
    });
  });

  it('ignores a lucky pass above the first miss, and flags it', async () => {
    const server = fakeServer(80_000, (rate) => (rate === 40_000 ? { errors: 2 } : {}));
    const r = await capacityAtTarget({ ladder, limits, measure: server.measure });
    expect(r.nonMonotone).toBe(true);
    expect(r.firstMiss).toBeLessThanOrEqual(40_000);
    expect(r.capacity).toBeGreaterThanOrEqual(20_000);
    expect(r.capacity).toBeLessThan(40_000);
  });
});

describe('over process lifetimes', () => {
  it('gives the median with a 95 % order-statistic interval from six lifetimes on', () => {
    const six = capacityOverLifetimes([72_000, 70_500, 73_000, 71_000, 69_000, 72_500]);
    expect(six).toMatchObject({ median: 71_500, lo: 69_000, hi: 73_000, n: 6, missing: 0 });
    expect(six!.level).toBeCloseTo(0.96875, 5);
    expect(capacityOverLifetimes([72_000, 70_000, null])).toMatchObject({
      median: 71_000,
      lo: null,
      hi: null,
      n: 2,
      missing: 1,
    });
    expect(capacityOverLifetimes([null, null])).toBeNull();
  });

  it('pairs the ratio to node-http-app by lifetime, so drift between lifetimes cancels', () => {
    const baseline = [60_000, 80_000, 70_000, 90_000, 75_000, 65_000];
    const target = baseline.map((b) => b * 0.8); // the host drifted ±20 %, the ratio did not
    expect(capacityRatio(target, baseline)).toMatchObject({ median: 0.8, lo: 0.8, hi: 0.8, n: 6 });
    expect(capacityRatio([50_000, null, 40_000], [60_000, 80_000, 0])).toMatchObject({ n: 1, missing: 2 });
  });
});

describe('a lifetime below the ladder', () => {
  it('counts as 0 (below every capacity), not as missing; nothing judged is missing', () => {
    expect(lifetimeCapacity({ capacity: null, bound: 'below-ladder' })).toBe(0);
    expect(lifetimeCapacity({ capacity: null, bound: 'unjudged' })).toBeNull();
    expect(lifetimeCapacity({ capacity: 29_566, bound: 'bracketed' })).toBe(29_566);
    expect(lifetimeCapacity(null)).toBeNull();
    // Two of six below the ladder: still six values, so an interval, whose low end is "below".
    const s = capacityOverLifetimes([0, 29_566, 0, 26_507, 29_566, 32_000])!;
    expect(s.n).toBe(6);
    expect(s.lo).toBe(0);
    expect(s.median).toBeGreaterThan(20_000);
  });
});
