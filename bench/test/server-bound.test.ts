import { describe, expect, it } from 'vitest';
import { SERVER_BOUND_MIN, boundLabel, serverBound } from '../src/stats/server-bound.js';

describe('server-bound cells (median server CPU ≥ 95 % of its core)', () => {
  it('never counts a server at 80 % as bound, and counts one at 96 %', () => {
    expect(serverBound([0.8, 0.8, 0.8, 0.8, 0.8])).toBe(false);
    expect(serverBound([0.96, 0.96, 0.96])).toBe(true);
    expect(serverBound([SERVER_BOUND_MIN])).toBe(true);
    expect(serverBound([0.949])).toBe(false);
  });

  it('uses the median, not the mean: one outlier sample does not flip the cell', () => {
    // Mean 0.85 (not bound) but four of five samples saturated: bound.
    expect(serverBound([0.99, 0.98, 0.99, 0.3, 0.99])).toBe(true);
    // Mean 0.91 with one 100 % sample, median 0.88: not bound.
    expect(serverBound([0.88, 0.87, 1.0, 0.88, 0.92])).toBe(false);
    // Even count: the mean of the two middle samples (0.94 and 0.97 → 0.955).
    expect(serverBound([0.5, 0.94, 0.97, 1.0])).toBe(true);
  });

  it('is not bound without any known share', () => {
    expect(serverBound([])).toBe(false);
    expect(serverBound([NaN, NaN])).toBe(false);
    expect(serverBound([NaN, 0.99, 0.98])).toBe(true);
  });

  it('labels a cell in whole percent with a plain space before %', () => {
    expect(boundLabel(0.87, 0.99)).toBe('not server-bound (server 87 %, generator 99 %)');
    expect(boundLabel(0.993, 0.62)).toBe('server-bound (server 99 %, generator 62 %)');
    // Just under the line never reads as the line itself.
    expect(boundLabel(0.9499, 0.5)).toBe('not server-bound (server 94 %, generator 50 %)');
    expect(boundLabel(0.29, 0.57)).toBe('not server-bound (server 29 %, generator 57 %)');
    expect(boundLabel(NaN, 0.5)).toBe('not server-bound (server –, generator 50 %)');
  });
});
