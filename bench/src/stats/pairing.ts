/**
 * Paired ratios and what follows from them, shared by the runner (which cells need more rounds)
 * and the aggregation (what the tables print). A target's ratio for a round is its sample ÷ the
 * baseline's sample in the same round; the reported ratio is the median of those, with a 95 %
 * order-statistic interval.
 */
import { GENERATOR_LIMIT } from '../model/defaults.js';
import { median, medianInterval } from './stats.js';
import { serverBound } from './server-bound.js';
import type { Interval, Sample } from '../model/schema.js';

/** Which number of a sample a ratio is taken of. */
export type Metric = 'value' | 'perCpuSecond';

/** round → value of the valid samples. */
export function byRound(samples: readonly Sample[], metric: Metric): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of samples) {
    const v = s[metric];
    if (s.status === 'ok' && v !== null && Number.isFinite(v)) out.set(s.round, v);
  }
  return out;
}

/**
 * The paired ratio of `a` to `b` (median and 95 % interval); null when no round has both.
 *
 * The order-statistic interval covers the noise between rounds of one process. When the rounds come
 * from several process lifetimes, a run repeated later differs from this one by the lifetimes'
 * variation too, so each side is widened in quadrature by the spread (max − min) of the
 * per-lifetime medians: lo' = m − √((m − lo)² + d²), likewise hi'.
 *
 * @example pairedInterval(koaSamples, nodeHttpSamples, 'value') // { median: 0.64, lo: 0.61, hi: 0.66, n: 9, level: 0.96 }
 */
export function pairedInterval(a: readonly Sample[], b: readonly Sample[], metric: Metric): Interval | null {
  const base = byRound(b, metric);
  const ratios: number[] = [];
  const perLife = new Map<number, number[]>();
  for (const s of a) {
    const v = s[metric];
    const d = base.get(s.round);
    if (s.status !== 'ok' || v === null || !Number.isFinite(v) || d === undefined || !(d > 0)) continue;
    ratios.push(v / d);
    const life = s.life ?? 1;
    perLife.set(life, [...(perLife.get(life) ?? []), v / d]);
  }
  if (ratios.length === 0) return null;
  const { median: m, lo, hi, level } = medianInterval(ratios);
  if (perLife.size < 2) return { median: m, lo, hi, n: ratios.length, level };
  const medians = [...perLife.values()].map(median);
  const between = Math.max(...medians) - Math.min(...medians);
  return {
    median: m,
    lo: lo === null ? null : m - Math.hypot(m - lo, between),
    hi: hi === null ? null : m + Math.hypot(hi - m, between),
    n: ratios.length,
    level,
    lives: perLife.size,
    between,
  };
}

/** The process lifetime a round belongs to: the minimum rounds split evenly, later rounds in the last. */
export function lifeOf(round: number, minRounds: number, lives: number): number {
  const per = Math.max(1, Math.ceil(minRounds / lives));
  return Math.min(lives, Math.ceil(round / per));
}

/** Half the interval's larger side, relative to the median; null without an interval. */
export function halfWidth(i: Interval | null): number | null {
  if (!i || i.lo === null || i.hi === null || !(i.median > 0)) return null;
  return Math.max(i.hi - i.median, i.median - i.lo) / i.median;
}

/** Whether the interval is at most ±`target` wide. */
export function meets(i: Interval | null, target: number): boolean {
  const w = halfWidth(i);
  return w !== null && w <= target;
}

/** The generator's median CPU share over the samples (null without samples). */
export function medianLoadgen(samples: readonly Sample[]): number | null {
  return samples.length > 0 ? median(samples.map((s) => s.loadgenCpu)) : null;
}

/** A cell whose generator ran above the limit for most samples: its rate is a floor. */
export function generatorBound(samples: readonly Sample[]): boolean {
  return (medianLoadgen(samples) ?? 0) > GENERATOR_LIMIT;
}

/** The median server CPU share (1 = one core) of the valid samples; null when none is known. */
export function medianServerCpu(samples: readonly Sample[]): number | null {
  const known = samples
    .filter((s) => s.status === 'ok')
    .map((s) => s.serverCpu ?? NaN)
    .filter(Number.isFinite);
  return known.length > 0 ? median(known) : null;
}

/**
 * A closed-loop cell whose server did not saturate its core (median server CPU below
 * SERVER_BOUND_MIN, or unknown): its rate is the generator's or the loop's, not the server's
 * capacity. A cell without valid samples says nothing either way.
 */
export function notServerBound(samples: readonly Sample[]): boolean {
  const ok = samples.filter((s) => s.status === 'ok');
  return ok.length > 0 && !serverBound(ok.map((s) => s.serverCpu ?? NaN));
}

/**
 * The generator's core in a database scenario: the generator's share plus PostgreSQL's, which runs
 * beside it (1 = the core full); null outside the database scenarios. With more than one generator
 * CPU the generator's share is of all of them, so the sum overstates the load: a label too many, never
 * one too few.
 */
export function generatorCoreShare(s: Sample): number | null {
  return s.dbCpu == null || !Number.isFinite(s.dbCpu) ? null : s.loadgenCpu + s.dbCpu;
}

/**
 * A database cell whose generator core (generator + PostgreSQL) ran above GENERATOR_LIMIT in most
 * valid samples: the load may have been held back on that core, so the rate is not the server's.
 */
export function generatorCoreFull(samples: readonly Sample[]): boolean {
  const shares = samples
    .filter((s) => s.status === 'ok')
    .map(generatorCoreShare)
    .filter((x): x is number => x !== null);
  const over = shares.filter((x) => x > GENERATOR_LIMIT).length;
  return shares.length > 0 && over * 2 > shares.length;
}

/** The median of a per-sample figure over the valid samples that have it; null when none has. */
export function medianOf(
  samples: readonly Sample[],
  pick: (s: Sample) => number | null | undefined,
): number | null {
  const known = samples
    .filter((s) => s.status === 'ok')
    .map((s) => pick(s) ?? NaN)
    .filter(Number.isFinite);
  return known.length > 0 ? median(known) : null;
}

/**
 * A cell whose senders sat at their pacing ceiling for most samples (ws generators note it): its
 * rate is the generator's schedule, not the server's.
 */
export function paced(samples: readonly Sample[]): boolean {
  const at = samples.filter((s) => s.notes.some((n) => n.includes('pacing ceiling'))).length;
  return samples.length > 0 && at * 2 > samples.length;
}

/**
 * What a scenario's table ranks by: the req/s ratio only when every target was server-bound (its
 * core full: the rate is its capacity), no ws sender sat at its pacing ceiling and no database
 * cell filled the generator's core (generator + PostgreSQL); else requests per server CPU-second,
 * which is still the server's, so a rate the server did not set is never ranked.
 */
export function comparisonOf(cells: readonly { samples: readonly Sample[] }[]): 'ratio' | 'cpuRatio' {
  return cells.some((c) => notServerBound(c.samples) || paced(c.samples) || generatorCoreFull(c.samples))
    ? 'cpuRatio'
    : 'ratio';
}

/**
 * The ratio the baseline has against itself, over its own valid rounds: exactly 1, with a (zero
 * width) interval only where its rounds could carry one, so a two-round run ranks nobody.
 */
export function identity(samples: readonly Sample[], metric: Metric): Interval | null {
  const n = byRound(samples, metric).size;
  if (n === 0) return null;
  const possible = medianInterval(new Array<number>(n).fill(1)).lo !== null;
  return { median: 1, lo: possible ? 1 : null, hi: possible ? 1 : null, n, level: possible ? 1 : null };
}
