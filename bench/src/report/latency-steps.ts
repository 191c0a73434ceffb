/**
 * A latency run's numbers as the report reads them: each app's ladder steps reduced to one median
 * per rate over the lifetimes that drove that rate (an app stops climbing after two misses with its
 * core full, so a high step may exist in some lifetimes and not others: the median is over those
 * that have it, and the count says how many), and each capacity's bound and interval.
 */
import { median } from '../stats/stats.js';
import { int } from './format.js';
import type { LatencyApp, LatencyRun, LatencyScenarioResult, LatencyStep } from '../model/latency.js';

/** One app at one ladder rate, over the lifetimes that drove it. */
export interface StepMedian {
  app: string;
  rate: number;
  fraction: number;
  /** Lifetimes with this step. */
  n: number;
  /** Median corrected p99 over the steps that answered anything, ms; null when none did. */
  p99: number | null;
  p50: number | null;
  p999: number | null;
  uncorrectedP99: number | null;
  achieved: number;
  serverCpu: number | null;
  generatorBusy: number;
  meets: number;
  misses: number;
  generatorLimited: number;
}

const med = (xs: readonly (number | null | undefined)[]): number | null => {
  const known = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return known.length > 0 ? median(known) : null;
};

/** The ladder steps of one app at one rate, reduced; null when no lifetime drove it. */
function reduce(
  app: string,
  rate: number,
  fraction: number,
  steps: readonly LatencyStep[],
): StepMedian | null {
  if (steps.length === 0) return null;
  const count = (v: LatencyStep['verdict']) => steps.filter((s) => s.verdict === v).length;
  return {
    app,
    rate,
    fraction,
    n: steps.length,
    p99: med(steps.map((s) => s.corrected?.p99)),
    p50: med(steps.map((s) => s.corrected?.p50)),
    p999: med(steps.map((s) => s.corrected?.p999)),
    uncorrectedP99: med(steps.map((s) => s.uncorrected?.p99)),
    achieved: med(steps.map((s) => s.achievedRate)) ?? 0,
    serverCpu: med(steps.map((s) => s.serverCpu)),
    generatorBusy: med(steps.map((s) => s.generatorBusy)) ?? 0,
    meets: count('meets'),
    misses: count('misses'),
    generatorLimited: count('generator-limited'),
  };
}

/** Every app's ladder steps, by rate, reduced over lifetimes (rates no lifetime drove are left out). */
export function stepMedians(scenario: LatencyScenarioResult): StepMedian[] {
  const out: StepMedian[] = [];
  for (const { rate, fraction } of scenario.ladder)
    for (const { app } of scenario.apps) {
      const steps = scenario.steps.filter(
        (s) => s.app === app && s.phase === 'ladder' && s.offeredRate === rate,
      );
      const m = reduce(app, rate, fraction, steps);
      if (m) out.push(m);
    }
  return out;
}

/**
 * The ladder rates at which the generator fell behind on most steps (over apps and lifetimes): the
 * chart shades them. Not every rate with one such step: on a shared VM the host takes a few ms from
 * the load core now and then, so a single late step turns up at most rates, and shading all of them
 * would hide the curve behind bands that say nothing about the rate. Those steps are still left out
 * of every verdict, and counted (`generatorLimitedSteps`).
 */
export function generatorLimitedRates(scenario: LatencyScenarioResult): number[] {
  return scenario.ladder
    .map(({ rate }) => rate)
    .filter((rate) => {
      const at = scenario.steps.filter((s) => s.phase === 'ladder' && s.offeredRate === rate);
      return at.filter((s) => s.verdict === 'generator-limited').length * 2 > at.length;
    });
}

/** Steps the generator fell behind on, and steps in all (ladder and probes). */
export function generatorLimitedSteps(scenario: LatencyScenarioResult): { limited: number; all: number } {
  const limited = scenario.steps.filter((s) => s.verdict === 'generator-limited').length;
  return { limited, all: scenario.steps.length };
}

/**
 * How an app's capacity is bounded over its lifetimes: `at-least` when at least half its searches
 * never missed on the ladder (the median is then a lower bound), `below-ladder` when its median is
 * 0 (most lifetimes missed at the lowest step) or every judged search did, `unjudged` when none
 * could be judged.
 */
export function capacityBound(app: LatencyApp): 'bracketed' | 'at-least' | 'below-ladder' | 'unjudged' {
  const judged = app.searches.filter((s) => s.bound !== 'unjudged');
  // Lifetimes below the ladder count as 0 in the summary: a median of 0 is below the ladder.
  if (app.capacity?.median === 0) return 'below-ladder';
  if (app.capacity === null)
    return judged.length > 0 && judged.every((s) => s.bound === 'below-ladder') ? 'below-ladder' : 'unjudged';
  const atLeast = app.searches.filter((s) => s.bound === 'at-least').length;
  return atLeast * 2 >= Math.max(1, judged.length) ? 'at-least' : 'bracketed';
}

/**
 * The capacity as a range for ranking: an at-least capacity may be anywhere above its interval's
 * low end; null without an interval (one lifetime cannot rank) or without a capacity.
 */
export function capacityRange(app: LatencyApp): { lo: number; hi: number; median: number } | null {
  const c = app.capacity;
  if (c === null || c.lo === null || c.hi === null) return null;
  return { lo: c.lo, hi: capacityBound(app) === 'at-least' ? Infinity : c.hi, median: c.median };
}

/** The two ladder rates the tables show p99 at: the steps nearest half and 85 % of the baseline. */
export function shownRates(scenario: LatencyScenarioResult): { rate: number; fraction: number }[] {
  const nearest = (f: number, from: readonly { rate: number; fraction: number }[]) =>
    [...from].sort((a, b) => Math.abs(a.fraction - f) - Math.abs(b.fraction - f))[0];
  const first = nearest(0.5, scenario.ladder);
  // A short ladder (--quick) may have one step nearest both: the second is then the other one.
  const second = nearest(
    0.85,
    scenario.ladder.filter((l) => l !== first),
  );
  return [first, second]
    .filter((x): x is { rate: number; fraction: number } => !!x)
    .sort((a, b) => a.rate - b.rate);
}

/** `25 %` of the baseline. */
export const share = (x: number) => `${Math.round(x * 100)} %`;

/** `16,351 req/s (25 %)`: a ladder rate with its fraction of the closed-loop baseline. */
export const rateLabel = (r: { rate: number; fraction: number }) =>
  `${int(r.rate)} req/s (${share(r.fraction)})`;

/** `/queries` from `GET /queries`: how a title names the route. */
export function route(scenario: LatencyScenarioResult): string {
  const path = scenario.what.replace(/^[A-Z]+ /, '').replace(/\?.*$/, '');
  // A bare "/" reads as punctuation in a sentence; the method keeps it.
  return path === '/' ? scenario.what : path;
}

/** The run's subtitle: machine, Node, date, noise. */
export function latencySubtitle(run: LatencyRun): string {
  const cv = run.noise.canaryCv === null ? '' : `, canary CV ${share(run.noise.canaryCv)}`;
  return `${run.env.cpu}, ${run.env.cores} cores · Node ${run.env.serverNode} · ${run.env.date.slice(0, 10)} · noise: ${run.noise.level}${cv}`;
}
