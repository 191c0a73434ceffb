/**
 * Small, dependency-free statistics: medians, their distribution-free intervals, the coefficient
 * of variation and latency percentiles.
 */

/** Summary of one metric over rounds. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/**
 * Median of the values (mean of the two middle ones for an even count); NaN for none.
 *
 * @example median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, min and max in one go (NaN for an empty list). */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * A 95 % (by default) confidence interval for the median that assumes nothing about the
 * distribution: the k-th smallest and k-th largest of n values, k the largest with
 * 2 · P(Binomial(n, ½) < k) ≤ 1 − level. Its exact coverage is `level` in the result. With fewer
 * than 6 values no such pair exists at 95 % (even min–max covers only 93.75 % of five), so lo and
 * hi are null. Order statistics, not a bootstrap: deterministic, and honest about the heavy tails a
 * noisy host produces.
 *
 * @example medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9]) // { median: 5, lo: 2, hi: 8, level: 0.9609… }
 */
export function medianInterval(
  values: readonly number[],
  level = 0.95,
): { median: number; lo: number | null; hi: number | null; level: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let k = 0;
  let tail = 0; // P(B ≤ k − 1), B ~ Binomial(n, ½)
  let term = 0.5 ** n; // P(B = j), starting at j = 0
  for (let j = 0; j < n / 2; j++) {
    if (2 * (tail + term) > 1 - level) break;
    tail += term;
    k = j + 1;
    term = (term * (n - j)) / (j + 1);
  }
  if (k === 0) return { median: median(sorted), lo: null, hi: null, level: null };
  return { median: median(sorted), lo: sorted[k - 1]!, hi: sorted[n - k]!, level: 1 - 2 * tail };
}

/** Standard deviation ÷ mean (sample sd); null for fewer than two values or a mean of 0. */
export function cv(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean === 0) return null;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance) / mean;
}

/**
 * Nearest-rank percentile of already sorted values: the smallest value with at least p % of the
 * samples at or below it (what HdrHistogram and autocannon report). NaN for none.
 *
 * @example percentileOfSorted([1, 2, 3, 4], 50) // 2
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** `part / whole`, or null when either side is missing or the whole is not positive. */
export function ratio(part: number | null | undefined, whole: number | null | undefined): number | null {
  if (part == null || whole == null || !Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0)
    return null;
  return part / whole;
}

/**
 * Latency samples in milliseconds, kept in a growable typed array: a 5 s round at 200k deliveries/s
 * is a million numbers, which a plain array would box.
 */
export class Samples {
  #data = new Float64Array(1024);
  #length = 0;

  get count(): number {
    return this.#length;
  }

  add(value: number): void {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  /** The arithmetic mean (Little's law needs it); NaN without samples. */
  mean(): number {
    let sum = 0;
    for (let i = 0; i < this.#length; i++) sum += this.#data[i]!;
    return sum / this.#length;
  }

  /** The given percentiles (e.g. 50, 99), nearest-rank; NaN when there are no samples. */
  percentiles(...ps: number[]): number[] {
    const sorted = this.#data.slice(0, this.#length).sort();
    return ps.map((p) => percentileOfSorted(sorted, p));
  }
}
