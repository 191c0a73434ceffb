/** Small, dependency-free statistics: enough for medians over rounds and latency percentiles. */

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

  /** The given percentiles (e.g. 50, 99), nearest-rank; NaN when there are no samples. */
  percentiles(...ps: number[]): number[] {
    const sorted = this.#data.slice(0, this.#length).sort();
    return ps.map((p) => percentileOfSorted(sorted, p));
  }
}
