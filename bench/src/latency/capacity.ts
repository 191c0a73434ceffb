/**
 * Capacity at a latency target: the highest rate whose step meets the SLO. The ladder finds the
 * bracket (the last passing step below the first failing one), bisection narrows it; steps the
 * generator could not drive are left out of both. Measuring goes through a `measure(rate)`
 * callback, so the search is tested with a fake server model and the run kind plugs in
 * `openLoop`.
 */
import { medianInterval } from '../stats/stats.js';
import { stepVerdict, type StepMeasure, type StepVerdict, type VerdictLimits } from './verdict.js';

export interface CapacitySearch<M extends StepMeasure = StepMeasure> extends BisectOptions<M> {
  /** Ascending absolute rates (`buildLadder(...).map((s) => s.rate)`). */
  ladder: readonly number[];
}

export interface MeasuredStep<M extends StepMeasure = StepMeasure> {
  rate: number;
  /** Ladder step or bisection probe. */
  phase: 'ladder' | 'bisection';
  measure: M;
  verdict: StepVerdict;
}

export interface CapacityAtTarget<M extends StepMeasure = StepMeasure> {
  /** Highest rate that met the SLO; null when none did. */
  capacity: number | null;
  /**
   * `bracketed`: between `capacity` and `firstMiss`; `at-least`: no step missed (or only
   * generator-limited ones above); `below-ladder`: even the lowest judged step missed;
   * `unjudged`: every step was generator-limited.
   */
  bound: 'bracketed' | 'at-least' | 'below-ladder' | 'unjudged';
  /** Lowest rate that missed, above `capacity`. */
  firstMiss: number | null;
  /** A ladder step met the SLO above one that missed (noise, or a server that warms up): reported, not used. */
  nonMonotone: boolean;
  steps: MeasuredStep<M>[];
}

/** How a bracket is bisected: the verdict's limits and how to measure a probe. */
export interface BisectOptions<M extends StepMeasure = StepMeasure> {
  limits: VerdictLimits;
  measure: (rate: number) => Promise<M>;
  /** Bisection steps at most. Default 4 (the bracket ÷ 16). */
  bisections?: number;
  /** Stop bisecting when the bracket is narrower than this fraction of its low end. Default 0.02. */
  resolution?: number;
}

/**
 * Drives every ladder step (the whole curve is wanted, not only the knee), then bisects.
 *
 * @example await capacityAtTarget({ ladder: [8000, 20000, 40000], limits: { sloMs: 5, baselineRps: 80000 }, measure })
 */
export async function capacityAtTarget<M extends StepMeasure>(
  search: CapacitySearch<M>,
): Promise<CapacityAtTarget<M>> {
  const steps: MeasuredStep<M>[] = [];
  for (const rate of [...search.ladder].sort((a, b) => a - b)) {
    const measure = await search.measure(rate);
    steps.push({ rate, phase: 'ladder', measure, verdict: stepVerdict(measure, search.limits) });
  }
  return capacityFromSteps(steps, search);
}

/**
 * The capacity from ladder steps already measured (a latency run drives each ladder step of every
 * app in turn, interleaved, and only then bisects each app's bracket): the bracket is the highest
 * passing step below the lowest miss; probes go through `measure`. Steps not driven (an app past
 * its knee is not driven higher) are simply absent.
 */
export async function capacityFromSteps<M extends StepMeasure>(
  ladderSteps: readonly MeasuredStep<M>[],
  options: BisectOptions<M>,
): Promise<CapacityAtTarget<M>> {
  const steps: MeasuredStep<M>[] = [...ladderSteps].sort((a, b) => a.rate - b.rate);
  const run = async (rate: number, phase: MeasuredStep['phase']): Promise<StepVerdict['verdict']> => {
    const measure = await options.measure(rate);
    const verdict = stepVerdict(measure, options.limits);
    steps.push({ rate, phase, measure, verdict });
    return verdict.verdict;
  };

  const judged = steps.filter((s) => s.verdict.verdict !== 'generator-limited');
  if (judged.length === 0)
    return { capacity: null, bound: 'unjudged', firstMiss: null, nonMonotone: false, steps };
  const firstMiss = judged.find((s) => s.verdict.verdict === 'misses')?.rate ?? null;
  const passes = judged.filter((s) => s.verdict.verdict === 'meets').map((s) => s.rate);
  const nonMonotone = firstMiss !== null && passes.some((r) => r > firstMiss);
  const below = passes.filter((r) => firstMiss === null || r < firstMiss);
  if (below.length === 0) return { capacity: null, bound: 'below-ladder', firstMiss, nonMonotone, steps };
  let lo = Math.max(...below);
  if (firstMiss === null) return { capacity: lo, bound: 'at-least', firstMiss, nonMonotone, steps };

  let hi = firstMiss;
  const resolution = options.resolution ?? 0.02;
  for (let i = 0; i < (options.bisections ?? 4) && (hi - lo) / lo > resolution; i++) {
    const mid = Math.round((lo + hi) / 2);
    if (mid <= lo || mid >= hi) break;
    const v = await run(mid, 'bisection');
    if (v === 'meets') lo = mid;
    else if (v === 'misses') hi = mid;
    else break; // the generator could not drive it: the bracket stands as it is
  }
  return { capacity: lo, bound: 'bracketed', firstMiss: hi, nonMonotone, steps };
}

/**
 * One lifetime's value for the summary: its capacity, 0 when it missed even the lowest ladder step
 * (below every measured capacity: an order statistic needs only the order, and leaving it out would
 * drop the interval and flatter the app), null when nothing was judged or the app failed.
 */
export function lifetimeCapacity(
  search: Pick<CapacityAtTarget, 'capacity' | 'bound'> | null | undefined,
): number | null {
  if (search?.bound === 'below-ladder') return 0;
  return search?.capacity ?? null;
}

export interface LifetimeSummary {
  median: number;
  /** 95 % order-statistic interval of the median; null with fewer than 6 values. */
  lo: number | null;
  hi: number | null;
  level: number | null;
  /** Lifetimes that gave a value. */
  n: number;
  /** Lifetimes that gave none (no step met the SLO, or none could be judged). */
  missing: number;
}

function summarise(values: readonly (number | null)[]): LifetimeSummary | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return null;
  const { median, lo, hi, level } = medianInterval(present);
  return { median, lo, hi, level, n: present.length, missing: values.length - present.length };
}

/**
 * Capacity at target over several process lifetimes (one search per lifetime): the median with a
 * 95 % order-statistic interval (`medianInterval`, so six lifetimes at least for an interval). A
 * lifetime whose search missed even the lowest ladder step is passed as 0: below every measured
 * capacity, which is all an order statistic needs; null is a lifetime with nothing judged.
 */
export function capacityOverLifetimes(perLifetime: readonly (number | null)[]): LifetimeSummary | null {
  return summarise(perLifetime);
}

/**
 * The ratio of a target's capacity at target to the baseline's, paired by lifetime: lifetime i of
 * both ran in the same time slot, so their ratio cancels the host's drift as the round pairing in
 * `stats/pairing.ts` does. Not `pairedInterval` itself: it pairs schema `Sample`s by round and
 * widens by the spread between lifetimes' medians, and here each lifetime *is* one value (a
 * capacity search), so that widening would count the same spread twice.
 */
export function capacityRatio(
  target: readonly (number | null)[],
  baseline: readonly (number | null)[],
): LifetimeSummary | null {
  const ratios = target.map((t, i) => {
    const b = baseline[i];
    return t == null || b == null || !(b > 0) ? null : t / b;
  });
  return summarise(ratios);
}
