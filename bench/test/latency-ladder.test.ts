import { describe, expect, it } from 'vitest';
import { buildLadder, LadderError } from '../src/latency/ladder.js';
import { LATENCY_FULL } from '../src/model/latency.js';
import { parseSlo, SloError } from '../src/latency/slo.js';
import { stepVerdict, type StepMeasure } from '../src/latency/verdict.js';

describe('the ladder of absolute rates', () => {
  it("takes the run's fractions of the baseline: /queries 10, 25, 40, 55 and 70 %", () => {
    expect(buildLadder(4000, LATENCY_FULL.fractions.queries).map((s) => s.rate)).toEqual([
      400, 1000, 1600, 2200, 2800,
    ]);
  });

  it('sorts fractions, rounds to whole req/s and drops steps that round to the same rate', () => {
    expect(buildLadder(10, [0.5, 0.04, 0.06, 0.1])).toEqual([
      { fraction: 0.04, rate: 1 },
      { fraction: 0.5, rate: 5 },
    ]);
  });

  it('refuses a missing, zero or negative baseline with a clear error', () => {
    for (const bad of [undefined, null, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => buildLadder(bad, [0.5])).toThrow(LadderError);
    }
    expect(() => buildLadder(0, [0.5])).toThrow(/baseline's closed-loop capacity is 0 req\/s/);
    expect(() => buildLadder(80_000, [])).toThrow(/fractions must be positive/);
    expect(() => buildLadder(80_000, [0.5, -1])).toThrow(LadderError);
  });
});

describe('--slo', () => {
  it('reads a positive number of milliseconds, with or without "ms"', () => {
    expect(parseSlo('5')).toBe(5);
    expect(parseSlo('2.5')).toBe(2.5);
    expect(parseSlo('5ms')).toBe(5);
    expect(parseSlo(' 0.5 MS ')).toBe(0.5);
    expect(parseSlo('.5')).toBe(0.5);
  });

  it('refuses anything else with a typed error that names the value', () => {
    for (const bad of ['', '0', '0ms', '-5', 'abc', '5s', '5 seconds', '1e3', 'Infinity', 'NaN', '5ms5']) {
      expect(() => parseSlo(bad), bad).toThrow(SloError);
    }
    try {
      parseSlo('5s');
    } catch (err) {
      expect(err).toBeInstanceOf(SloError);
      expect((err as SloError).code).toBe('ERR_BENCH_SLO');
      expect((err as SloError).message).toBe(
        '--slo wants a positive latency target in milliseconds (5, 2.5 or 5ms), not "5s"',
      );
    }
  });
});

/** A step that met a 5 ms SLO with room to spare, for the cases below to spoil one field at a time. */
function step(over: Partial<StepMeasure> = {}): StepMeasure {
  return {
    offeredRate: 40_000,
    corrected: { p50: 0.4, p90: 0.9, p99: 2, p999: 4, mean: 0.5, max: 6 },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    dispatchLag: { p99: 0.1, max: 0.8 },
    generatorBusy: 0.5,
    connections: 100,
    connectionsEnough: true,
    inFlightOnWire: 20,
    ...over,
  };
}
const limits = { sloMs: 5, baselineRps: 80_000 };

describe('the verdict of one step', () => {
  it('meets the target when corrected p99 ≤ SLO, nothing failed and the generator kept up', () => {
    expect(stepVerdict(step(), limits)).toEqual({ verdict: 'meets' });
    expect(stepVerdict(step({ corrected: { ...step().corrected, p99: 5 } }), limits).verdict).toBe('meets');
  });

  it('misses on a p99 above the SLO, or on any error, timeout or non-2xx', () => {
    expect(stepVerdict(step({ corrected: { ...step().corrected, p99: 5.01 } }), limits)).toEqual({
      verdict: 'misses',
      reasons: ['corrected p99 5.01 ms > SLO 5 ms'],
    });
    expect(stepVerdict(step({ errors: 1 }), limits).verdict).toBe('misses');
    expect(stepVerdict(step({ timeouts: 1 }), limits).verdict).toBe('misses');
    expect(stepVerdict(step({ non2xx: 3 }), limits).verdict).toBe('misses');
    expect(stepVerdict(step({ corrected: { ...step().corrected, p99: Number.NaN } }), limits).verdict).toBe(
      'misses',
    );
  });

  it('is generator-limited when a miss is within the generator’s own lateness, and a pass stays a pass', () => {
    const late = { dispatchLag: { p99: 0.6, max: 3 } };
    // 5.5 − 0.6 ≤ 5: the generator's lateness could account for the miss.
    const v = stepVerdict(step({ ...late, corrected: { ...step().corrected, p99: 5.5 } }), limits);
    expect(v.verdict).toBe('generator-limited');
    // 9 − 0.6 > 5: the server missed by more than the generator was late.
    expect(stepVerdict(step({ ...late, corrected: { ...step().corrected, p99: 9 } }), limits).verdict).toBe(
      'misses',
    );
    // Lateness only adds latency: a step that met the target despite it met it.
    expect(stepVerdict(step(late), limits).verdict).toBe('meets');
    // Errors are never the generator's lateness.
    expect(stepVerdict(step({ ...late, errors: 5 }), limits).verdict).toBe('misses');
    expect(
      stepVerdict(step({ ...late, corrected: { ...step().corrected, p99: 5.5 } }), {
        ...limits,
        maxDispatchLagMs: 1,
      }).verdict,
    ).toBe('misses');
  });

  it('is generator-limited when the generator had no headroom, even with no lag to show', () => {
    expect(stepVerdict(step({ generatorBusy: 0.95 }), limits)).toEqual({
      verdict: 'generator-limited',
      reasons: ['the generator had no headroom: busy 95 % of the run'],
    });
    expect(stepVerdict(step({ generatorBusy: 0.89 }), limits).verdict).toBe('meets');
  });

  it('is generator-limited when the pool was full while the server had headroom (Little: too few connections)', () => {
    const full = {
      connectionsEnough: false,
      inFlightOnWire: 95,
      corrected: { ...step().corrected, p99: 40 },
    };
    expect(stepVerdict(step(full), limits)).toEqual({
      verdict: 'generator-limited',
      reasons: ['100 connections were too few while the server had headroom (pool 95 % busy)'],
    });
    expect(stepVerdict(step({ ...full, serverCpu: 0.6 }), limits).verdict).toBe('generator-limited');
    // A saturated server's queue sits in the full pool: its miss, even far below its closed-loop capacity.
    expect(stepVerdict(step({ ...full, serverCpu: 0.97 }), limits).verdict).toBe('misses');
  });

  it('charges an overloaded server (rate ≥ its closed-loop capacity) with the miss, not the generator', () => {
    const over = step({
      offeredRate: 88_000,
      connectionsEnough: false,
      inFlightOnWire: 100,
      corrected: { ...step().corrected, p99: 900 },
    });
    expect(stepVerdict(over, limits).verdict).toBe('misses');
  });

  it('charges a stalled server with the miss: its pool sat mostly idle between the stalls', () => {
    // The figures of test/latency-stall.test.ts: 48 needed in flight, 4 connections, 2.4 on the wire.
    const stalled = step({
      offeredRate: 1000,
      connections: 4,
      connectionsEnough: false,
      inFlightOnWire: 2.4,
      corrected: { ...step().corrected, p99: 199 },
    });
    expect(stepVerdict(stalled, limits).verdict).toBe('misses');
  });
});
