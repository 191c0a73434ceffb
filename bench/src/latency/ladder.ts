/**
 * The ladder of absolute request rates a latency run drives each target at: fractions of the
 * baseline's (node-http-app's) closed-loop capacity, measured by the same run. Absolute rates, the
 * same for every target, so that every app is asked the same question ("what is your p99 at
 * 20k req/s?") and the curves share an x axis. The fractions a run uses, and why, are in
 * `model/latency.ts` (`LATENCY_FULL`).
 */

/** A ladder cannot be built (no baseline capacity, bad fractions). */
export class LadderError extends Error {
  override readonly name = 'LadderError';
  readonly code = 'ERR_BENCH_LADDER';
}

export interface LadderStep {
  /** Of the baseline's closed-loop capacity. */
  fraction: number;
  /** Requests per second, whole. */
  rate: number;
}

/**
 * The steps, lowest rate first, rates rounded to whole req/s (duplicates after rounding dropped).
 *
 * @example buildLadder(80_000, [0.1, 0.5]) // [{ fraction: 0.1, rate: 8000 }, { fraction: 0.5, rate: 40000 }]
 */
export function buildLadder(
  baselineRps: number | null | undefined,
  fractions: readonly number[],
): LadderStep[] {
  if (baselineRps == null || !Number.isFinite(baselineRps) || baselineRps <= 0) {
    throw new LadderError(
      `cannot build the latency ladder: the baseline's closed-loop capacity is ${String(baselineRps)} req/s ` +
        '(measure node-http-app closed-loop first; a ladder needs a positive rate to take fractions of)',
    );
  }
  if (fractions.length === 0 || fractions.some((f) => !Number.isFinite(f) || f <= 0)) {
    throw new LadderError(
      `cannot build the latency ladder: fractions must be positive, got [${fractions.join(', ')}]`,
    );
  }
  const steps: LadderStep[] = [];
  for (const fraction of [...fractions].sort((a, b) => a - b)) {
    const rate = Math.max(1, Math.round(baselineRps * fraction));
    if (steps.at(-1)?.rate !== rate) steps.push({ fraction, rate });
  }
  return steps;
}
