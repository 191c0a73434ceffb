/**
 * A latency slide's takeaway, written from the data under the same trust rules as the closed-loop
 * titles (takeaway.ts): "every framework answers in under X ms at N req/s" only when, at ladder rate
 * N, every app's median-over-lifetimes corrected p99 was ≤ X; "lowest" only when that app's
 * capacity interval does not overlap the next one's; overlapping intervals are a tie, and a run of one
 * lifetime (no interval) ranks nobody. Only the bottom is ranked: on a slide about a latency target
 * the question is which framework gives up first. The noisy mark is added by markTakeaway.
 */
import { BASELINE } from '../model/defaults.js';
import { int } from './format.js';
import { list, shortName } from './takeaway.js';
import {
  capacityBound,
  capacityRange,
  generatorLimitedRates,
  generatorLimitedSteps,
  route,
  share,
  stepMedians,
} from './latency-steps.js';
import type { LatencyApp, LatencyRun, LatencyScenarioResult } from '../model/latency.js';

/** `0.71×`, or `0.71× (0.65–0.80)` with its interval. */
export function ratioText(r: LatencyApp['ratio']): string {
  if (r === null) return '–';
  // Without an interval (fewer than six lifetimes paired) the median is not a finding: say so.
  const iv = r.lo !== null && r.hi !== null ? ` (${r.lo.toFixed(2)}–${r.hi.toFixed(2)})` : ' (no interval)';
  return `${r.median.toFixed(2)}×${iv}`;
}

/** Whether a ratio's interval contains 1: the app ties with node:http. */
export const tiesBaseline = (r: LatencyApp['ratio']) =>
  r !== null && r.lo !== null && r.hi !== null && r.lo <= 1 && r.hi >= 1;

/**
 * The highest ladder rate at which every app that has steps was driven and every median p99 met
 * the target, with the worst of those medians rounded up to a whole ms (0.1 ms below 1 ms).
 */
export function underAll(scenario: LatencyScenarioResult, sloMs: number) {
  const medians = stepMedians(scenario);
  const apps = scenario.apps.filter((a) => a.failed === null).map((a) => a.app);
  let best: { rate: number; fraction: number; ms: number } | null = null;
  for (const { rate, fraction } of scenario.ladder) {
    const at = apps.map((a) => medians.find((m) => m.app === a && m.rate === rate)?.p99 ?? null);
    if (apps.length === 0 || at.some((p) => p === null || p > sloMs)) continue;
    const worst = Math.max(...(at as number[]));
    const ms = worst < 1 ? Math.ceil(worst * 10) / 10 : Math.ceil(worst);
    best = { rate, fraction, ms };
  }
  return best;
}

interface Ranked {
  app: LatencyApp;
  lo: number;
  hi: number;
  median: number;
}

/** The app with the lowest capacity when its interval is clear of the next one's, else null (a tie). */
function clearLowest(ranked: readonly Ranked[]): Ranked | null {
  if (ranked.length < 2) return null;
  const [first, next] = [...ranked].sort((a, b) => a.median - b.median);
  return first!.hi < next!.lo ? first! : null;
}

/** The capacity clause: a clear lowest app, the apps that tie for lowest, or why nobody is ranked. */
function rankClause(run: LatencyRun, scenario: LatencyScenarioResult): string {
  const slo = `p99 ≤ ${run.settings.sloMs} ms`;
  const frameworks = scenario.apps.filter((a) => a.app !== BASELINE && a.failed === null);
  const below = frameworks.filter((a) => capacityBound(a) === 'below-ladder').map((a) => shortName(a.app));
  const lowest = scenario.ladder[0];
  if (below.length > 0 && lowest)
    return `${list(below)} ${below.length === 1 ? 'misses' : 'miss'} the target even at ${int(lowest.rate)} req/s`;
  const ranked = scenario.apps.flatMap((app) => {
    const r = capacityRange(app);
    return r ? [{ app, ...r }] : [];
  });
  const unranked = scenario.apps.filter((a) => a.failed === null && !ranked.some((r) => r.app === a));
  if (unranked.length > 0)
    return run.settings.lifetimes < 6
      ? `${run.settings.lifetimes === 1 ? 'one lifetime' : `${run.settings.lifetimes} lifetimes`}: capacities at ${slo} not ranked`
      : `too few lifetimes judged for ${list(unranked.map((a) => shortName(a.app)))}: capacities at ${slo} not ranked`;
  const low = clearLowest(ranked);
  if (low) {
    const r = low.app.ratio;
    const vs =
      low.app.app === BASELINE
        ? ''
        : tiesBaseline(r)
          ? ' at a rate that ties with node:http'
          : ` up to ${r!.median.toFixed(2)}× node:http's rate`;
    return `${shortName(low.app.app)} has the lowest capacity: ${slo}${vs}`;
  }
  // No clear lowest: the apps whose intervals overlap the lowest median's tie for that place.
  const sorted = [...ranked].sort((a, b) => a.median - b.median);
  const bottom = sorted[0]!;
  const group = sorted.filter((r) => r.lo <= bottom.hi && r.hi >= bottom.lo).map((r) => shortName(r.app.app));
  if (group.length < sorted.length) return `${list(group.sort())} tie for the lowest capacity at ${slo}`;
  // Capacities overlap, but a ratio paired by lifetime cancels the drift between lifetimes and can
  // still put an app below node:http (interval under 1): "tie" would then contradict the table.
  const behind = frameworks.filter((a) => a.ratio?.lo != null && a.ratio.hi !== null && a.ratio.hi < 1);
  if (behind.length > 0)
    return `paired by lifetime, ${list(behind.map((a, i) => `${shortName(a.app)}${i === 0 ? ' holds' : ''} ${ratioText(a.ratio)}`))} of node:http's rate`;
  return `capacities at ${slo} tie within their intervals`;
}

/** The slide's title (without the noisy mark). */
export function latencyTitle(run: LatencyRun, scenario: LatencyScenarioResult): string {
  if (scenario.failed !== null) return `${route(scenario)} at a latency target: not measured`;
  const under = underAll(scenario, run.settings.sloMs);
  const first = under
    ? `At ${int(under.rate)} req/s every framework answers ${route(scenario)} in under ${under.ms} ms`
    : `${route(scenario)}: at no ladder rate does every framework meet p99 ≤ ${run.settings.sloMs} ms`;
  return `${first}; ${rankClause(run, scenario)}`;
}

/**
 * The lines under the chart: node:http's capacity against its closed-loop rate (the open-loop
 * framing), the generator-limited rates, failures.
 */
export function latencyLines(run: LatencyRun, scenario: LatencyScenarioResult): string[] {
  if (scenario.failed !== null) return [`Not measured: ${scenario.failed}`];
  const lines: string[] = [];
  const base = scenario.apps.find((a) => a.app === BASELINE);
  const lowest = scenario.ladder[0];
  if (base && scenario.baseline && lowest && capacityBound(base) === 'below-ladder') {
    lines.push(
      `node:http misses p99 ≤ ${run.settings.sloMs} ms even at ${int(lowest.rate)} req/s open loop, ` +
        `${share(lowest.rate / scenario.baseline.rps)} of the ${int(scenario.baseline.rps)} req/s it serves closed loop under wrk`,
    );
  } else if (base?.capacity && scenario.baseline) {
    const c = base.capacity;
    const ge = capacityBound(base) === 'at-least' ? 'at least ' : '';
    lines.push(
      `node:http meets p99 ≤ ${run.settings.sloMs} ms up to ${ge}${int(c.median)} req/s open loop, ` +
        `${share(c.median / scenario.baseline.rps)} of the ${int(scenario.baseline.rps)} req/s it serves closed loop under wrk: ` +
        'requests that arrive on a schedule cost the server more than ones that wait for an answer',
    );
  }
  const limited = generatorLimitedRates(scenario);
  const steps = generatorLimitedSteps(scenario);
  if (limited.length > 0)
    lines.push(
      `⚠ the generator fell behind on most steps at ${list(limited.map(int))} req/s (${steps.limited} of ${steps.all} steps in all): such steps judge no app`,
    );
  else if (steps.limited > 0)
    lines.push(`${steps.limited} of ${steps.all} steps generator-limited (left out of the verdicts)`);
  const failed = scenario.apps
    .filter((a) => a.failed !== null)
    .map((a) => `${shortName(a.app)} (${a.failed})`);
  if (failed.length > 0) lines.push(`failed: ${list(failed)}`);
  return lines;
}
