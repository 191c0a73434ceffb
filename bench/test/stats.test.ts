import { describe, expect, it } from 'vitest';
import { measuredInRound, shuffle } from '../src/schedule.js';
import { median, percentileOfSorted, ratio, Samples, spread } from '../src/stats.js';

describe('median, min, max', () => {
  it('takes the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('is NaN for no values instead of throwing', () => {
    expect(median([])).toBeNaN();
    expect(spread([]).median).toBeNaN();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('spread gives median with min and max', () => {
    expect(spread([10, 30, 20])).toEqual({ median: 20, min: 10, max: 30 });
  });
});

describe('percentiles (nearest rank)', () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('returns the smallest value with at least p % of samples at or below it', () => {
    expect(percentileOfSorted(sorted, 50)).toBe(5);
    expect(percentileOfSorted(sorted, 99)).toBe(10);
    expect(percentileOfSorted(sorted, 90)).toBe(9);
    expect(percentileOfSorted(sorted, 0)).toBe(1);
    expect(percentileOfSorted(sorted, 100)).toBe(10);
  });

  it('is NaN without samples', () => {
    expect(percentileOfSorted([], 50)).toBeNaN();
  });

  it('Samples grows past its initial size and sorts numerically', () => {
    const samples = new Samples();
    for (let i = 5000; i >= 1; i--) samples.add(i / 10);
    expect(samples.count).toBe(5000);
    expect(samples.percentiles(50, 99)).toEqual([250, 495]);
  });
});

describe('ratio', () => {
  it('divides', () => {
    expect(ratio(50, 100)).toBe(0.5);
  });

  it('is null when a side is missing, not finite or the whole is not positive', () => {
    expect(ratio(null, 100)).toBeNull();
    expect(ratio(50, undefined)).toBeNull();
    expect(ratio(50, 0)).toBeNull();
    expect(ratio(Number.NaN, 10)).toBeNull();
  });
});

describe('shuffle (app order per round)', () => {
  it('returns a permutation and leaves the input alone', () => {
    const apps = ['a', 'b', 'c', 'd', 'e'];
    const shuffled = shuffle(apps);
    expect([...shuffled].sort()).toEqual(apps);
    expect(apps).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('follows the random source (Fisher–Yates)', () => {
    expect(shuffle([1, 2, 3], () => 0)).toEqual([2, 3, 1]);
    expect(shuffle([1, 2, 3], () => 0.999)).toEqual([1, 2, 3]);
  });
});

describe('measuredInRound (which scenarios repeat)', () => {
  it('ramps ws-capacity in round 1 only and measures rate scenarios every round', () => {
    const capacity = { base: 'ws-capacity', pipelining: 1 } as Parameters<typeof measuredInRound>[0];
    const plaintext = { base: 'plaintext', pipelining: 1 } as Parameters<typeof measuredInRound>[0];
    expect([1, 2, 3].map((r) => measuredInRound(capacity, r))).toEqual([true, false, false]);
    expect([1, 2, 3].map((r) => measuredInRound(plaintext, r))).toEqual([true, true, true]);
  });
});
