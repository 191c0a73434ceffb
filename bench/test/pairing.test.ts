import { describe, expect, it } from 'vitest';
import {
  comparisonOf,
  generatorBound,
  notServerBound,
  halfWidth,
  lifeOf,
  meets,
  pairedInterval,
} from '../src/stats/pairing.js';
import { makeSample } from './helpers.js';

// Nine rounds, worked by hand. Baseline and target per round, and the target's ratio in each round:
//   round    1     2     3     4     5     6     7     8     9
//   base   100   110    90   105    95   100   120    80   100
//   koa     62    66    63    60    57    64    78    52    61
//   ratio .620  .600  .700  .5714 .600  .640  .650  .650  .610
// sorted: .5714 .600 .600 .610 [.620] .640 .650 .650 .700 → median .62; nine values → the 2nd and
// 8th (1 − 2·P(Bin(9,½) ≤ 1) = 1 − 20/512 ≈ 96.1 %): .600 and .650.
const base = [100, 110, 90, 105, 95, 100, 120, 80, 100].map((v, i) => makeSample(i + 1, v));
const koa = [62, 66, 63, 60, 57, 64, 78, 52, 61].map((v, i) => makeSample(i + 1, v));

describe('the paired ratio and its interval', () => {
  it('matches the hand-computed case', () => {
    const r = pairedInterval(koa, base, 'value')!;
    expect(r.median).toBeCloseTo(0.62, 10);
    expect(r.lo).toBeCloseTo(0.6, 10);
    expect(r.hi).toBeCloseTo(0.65, 10);
    expect(r.n).toBe(9);
    expect(r.level).toBeCloseTo(1 - 20 / 512, 10);
    expect(halfWidth(r)).toBeCloseTo(0.03 / 0.62, 10);
    // Its larger side is 0.65 − 0.62 = 0.03, 4.8 % of 0.62: within ±5 %, not within ±4 %.
    expect(meets(r, 0.05)).toBe(true);
    expect(meets(r, 0.04)).toBe(false);
  });

  it('pairs by round: a sample without its baseline round, or an invalid one, is left out', () => {
    const extra = [...koa, makeSample(10, 1000)];
    const broken = koa.map((s) => (s.round === 3 ? { ...s, status: 'invalid' as const } : s));
    expect(pairedInterval(extra, base, 'value')!.n).toBe(9);
    expect(pairedInterval(broken, base, 'value')!.n).toBe(8);
  });

  it('is null when no round has both', () => {
    expect(pairedInterval([makeSample(20, 5)], base, 'value')).toBeNull();
  });
});

describe('process lifetimes widen the interval by their spread', () => {
  // The same nine rounds, from three lifetimes (rounds 1–3, 4–6, 7–9). Per-lifetime medians:
  //   life 1: .62 .60 .70 → .62;  life 2: .5714 .60 .64 → .60;  life 3: .65 .65 .61 → .65
  // spread d = .65 − .60 = .05; lo = .62 − √(.02² + .05²) ≈ .5661, hi = .62 + √(.03² + .05²) ≈ .6783.
  const life = (s: ReturnType<typeof makeSample>) => ({ ...s, life: Math.ceil(s.round / 3) });
  it('matches the hand-computed case', () => {
    const r = pairedInterval(koa.map(life), base.map(life), 'value')!;
    expect(r.median).toBeCloseTo(0.62, 10);
    expect(r.between).toBeCloseTo(0.05, 10);
    expect(r.lives).toBe(3);
    expect(r.lo).toBeCloseTo(0.62 - Math.hypot(0.02, 0.05), 10);
    expect(r.hi).toBeCloseTo(0.62 + Math.hypot(0.03, 0.05), 10);
    expect(meets(r, 0.05)).toBe(false);
  });

  it('splits the minimum rounds evenly and keeps later rounds in the last lifetime', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 30].map((r) => lifeOf(r, 6, 3))).toEqual([1, 1, 2, 2, 3, 3, 3, 3]);
    expect([1, 6, 9].map((r) => lifeOf(r, 6, 1))).toEqual([1, 1, 1]);
    expect([1, 2, 3, 4].map((r) => lifeOf(r, 3, 2))).toEqual([1, 1, 2, 2]);
  });
});

describe('cells that are not server-bound switch the comparison to per CPU-second', () => {
  it('still records a generator above 90 % in most samples', () => {
    const busy = [0.95, 0.93, 0.5].map((c, i) => makeSample(i + 1, 1, { loadgenCpu: c }));
    const calm = [0.95, 0.5, 0.5].map((c, i) => makeSample(i + 1, 1, { loadgenCpu: c }));
    expect(generatorBound(busy)).toBe(true);
    expect(generatorBound(calm)).toBe(false);
  });

  it('ranks by rate only when the median server CPU of every cell is ≥ 95 %', () => {
    const low = [0.8, 0.99, 0.81].map((c, i) => makeSample(i + 1, 1, { serverCpu: c }));
    const full = [0.8, 0.99, 0.97].map((c, i) => makeSample(i + 1, 1, { serverCpu: c }));
    const unknown = [1, 2, 3].map((r) => makeSample(r, 1, { serverCpu: null }));
    expect(notServerBound(low)).toBe(true);
    expect(notServerBound(full)).toBe(false);
    expect(notServerBound(unknown)).toBe(true); // no /proc: nothing shows the server was full
    expect(comparisonOf([{ samples: low }, { samples: base }])).toBe('cpuRatio');
    expect(comparisonOf([{ samples: full }, { samples: base }])).toBe('ratio');
  });
});
