import { describe, expect, it } from 'vitest';
import {
  cv,
  median,
  medianInterval,
  percentileOfSorted,
  ratio,
  Samples,
  spread,
} from '../src/stats/stats.js';

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

describe('medianInterval (95 %, order statistics)', () => {
  it('is the 2nd and 8th of nine values, with coverage 1 − 2·P(Bin(9, ½) ≤ 1) = 1 − 20/512', () => {
    const r = medianInterval([9, 1, 8, 2, 7, 3, 6, 4, 5]);
    expect(r).toEqual({ median: 5, lo: 2, hi: 8, level: 1 - 20 / 512 });
  });

  it('needs six values: min–max covers 1 − 2/64 of six, but only 1 − 2/32 (< 95 %) of five', () => {
    expect(medianInterval([1, 2, 3, 4, 5, 6])).toMatchObject({ lo: 1, hi: 6, level: 1 - 2 / 64 });
    expect(medianInterval([1, 2, 3, 4, 5])).toMatchObject({ median: 3, lo: null, hi: null, level: null });
  });

  it('narrows with more values: twelve give the 3rd and 10th', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(medianInterval(twelve)).toMatchObject({ lo: 3, hi: 10 });
  });
});

describe('cv', () => {
  it('cv is the sample standard deviation over the mean', () => {
    expect(cv([9, 11])).toBeCloseTo(Math.SQRT2 / 10);
    expect(cv([5])).toBeNull();
  });
});
