/**
 * A fake latency run for the report, output and deck-fit tests: every app's p99 grows with the
 * offered rate and crosses the target at the capacity the test names, each lifetime's capacity
 * spread around it, and apps stop climbing after two misses as the real run's do. No load, no I/O.
 */
import {
  DEFAULT_SLO_MS,
  LATENCY_FULL,
  type LatencyRun,
  type LatencyScenario,
  type LatencyStep,
} from '../model/latency.js';
import { medianInterval } from '../stats/stats.js';

export interface FakeLatencyOptions {
  /** Per app: its capacity as a fraction of the baseline (node-http-app first). */
  capacities?: Record<string, number>;
  /** Each lifetime's capacity is the app's × (1 ± spread). */
  spread?: number;
  scenarios?: LatencyScenario[];
  lifetimes?: number;
  noisy?: boolean;
  quick?: boolean;
  partial?: boolean;
  /** Scenarios whose baseline failed. */
  failedScenarios?: LatencyScenario[];
  /** Ladder fractions whose steps the generator could not keep up with. */
  generatorLimited?: number[];
  date?: string;
  commit?: string;
}

const DEFAULT_CAPACITIES: Record<string, number> = {
  'node-http-app': 0.62,
  'express-app': 0.36,
  'fastify-app': 0.55,
  'hono-app': 0.5,
  'koa-app': 0.47,
};
const BASELINES: Record<LatencyScenario, number> = { plaintext: 60_000, fortunes: 20_000, queries: 4_000 };
const WHAT: Record<LatencyScenario, string> = {
  plaintext: 'GET /',
  fortunes: 'GET /fortunes',
  queries: 'GET /queries',
};

const pct = (p99: number) => ({
  p50: p99 / 5,
  p90: p99 / 2,
  p99,
  p999: p99 * 1.6,
  mean: p99 / 4,
  max: p99 * 2,
});

/** A whole run that passes latencyRunSchema. */
export function fakeLatencyRun(o: FakeLatencyOptions = {}): LatencyRun {
  const capacities = o.capacities ?? DEFAULT_CAPACITIES;
  const apps = Object.keys(capacities);
  const lifetimes = o.lifetimes ?? LATENCY_FULL.lifetimes;
  const spread = o.spread ?? 0.04;
  const slo = DEFAULT_SLO_MS;
  const scenarios = (o.scenarios ?? ['plaintext', 'fortunes', 'queries']).map((scenario) => {
    if (o.failedScenarios?.includes(scenario))
      return {
        scenario,
        what: WHAT[scenario],
        baseline: null,
        ladder: [],
        failed: 'wrk could not reach node-http-app',
        apps: [],
        steps: [],
      };
    const rps = BASELINES[scenario];
    const ladder = LATENCY_FULL.fractions[scenario].map((fraction) => ({
      fraction,
      rate: Math.round(rps * fraction),
    }));
    const steps: LatencyStep[] = [];
    const caps: Record<string, (number | null)[]> = {};
    for (let life = 1; life <= lifetimes; life++)
      for (const app of apps) {
        // Spread the lifetimes evenly around the app's capacity, the same way in every scenario.
        const wobble = lifetimes === 1 ? 0 : ((life - 1) / (lifetimes - 1) - 0.5) * 2 * spread;
        const cap = capacities[app]! * (1 + wobble);
        let misses = 0;
        let best: number | null = null;
        for (const { fraction, rate } of ladder) {
          if (misses >= 2) break;
          const p99 = 0.3 + (slo - 0.3) * (fraction / cap) ** 4;
          const limited = o.generatorLimited?.includes(fraction) ?? false;
          const verdict = limited ? 'generator-limited' : p99 <= slo ? 'meets' : 'misses';
          if (verdict === 'meets') best = rate;
          misses = verdict === 'misses' ? misses + 1 : 0;
          steps.push({
            lifetime: life,
            app,
            phase: 'ladder',
            fraction,
            offeredRate: rate,
            achievedRate: rate * (p99 > slo ? 0.97 : 1),
            scheduled: 1000,
            completed: 1000,
            errors: 0,
            timeouts: 0,
            non2xx: 0,
            corrected: pct(p99),
            uncorrected: pct(p99 * 0.7),
            sendLatenessP99: 0.3,
            dispatchLagP99: 0.3,
            generatorBusy: limited ? 0.99 : 0.4,
            connections: 100,
            inFlightNeeded: 1,
            inFlightOnWire: 1,
            serverCpu: Math.min(1, fraction / cap),
            verdict,
            reasons: limited ? ['generator busy 99 %'] : [],
          });
        }
        (caps[app] ??= []).push(best);
      }
    const summary = (xs: number[]) => ({
      ...medianInterval(xs),
      n: xs.length,
      missing: lifetimes - xs.length,
    });
    const base = caps[apps[0]!]!;
    return {
      scenario,
      what: WHAT[scenario],
      baseline: { rps, serverCpu: 0.99, generatorCpu: 0.7 },
      ladder,
      failed: null,
      apps: apps.map((app) => {
        const mine = caps[app]!;
        const known = mine.filter((c): c is number => c !== null);
        const top = ladder.at(-1)!.rate;
        const ratios = mine.flatMap((c, i) => (c !== null && base[i] ? [c / base[i]] : []));
        return {
          app,
          searches: mine.map((c, i) => ({
            lifetime: i + 1,
            capacity: c,
            bound:
              c === null
                ? ('below-ladder' as const)
                : c === top
                  ? ('at-least' as const)
                  : ('bracketed' as const),
            firstMiss:
              c === null
                ? ladder[0]!.rate
                : c === top
                  ? null
                  : (ladder.find((l) => l.rate > c)?.rate ?? null),
            nonMonotone: false,
          })),
          capacity: known.length > 0 ? summary(known) : null,
          ratio: app === apps[0] || ratios.length === 0 ? null : summary(ratios),
          failed: null,
        };
      }),
      steps,
    };
  });
  const canaryMs = [72, 74, o.noisy ? 95 : 73];
  return {
    schemaVersion: 2,
    kind: 'latency',
    quick: o.quick ?? false,
    partial: o.partial ?? false,
    wallS: 400,
    planS: 460,
    env: {
      date: o.date ?? '2026-12-07T03:00:00.000Z',
      cpu: 'Test CPU',
      cores: 2,
      pinning: 'server cpu0, load generator cpu1 (taskset)',
      serverNode: 'v26.12.1',
      generatorNode: 'v26.12.1',
      baselineGenerator: 'wrk 4.1.0',
      postgres: 'PostgreSQL 15.18',
      gitCommit: o.commit ?? null,
      git: o.commit ? { commit: o.commit, short: o.commit.slice(0, 7), dirty: [] } : null,
      versions: {},
    },
    settings: {
      ...LATENCY_FULL,
      sloMs: slo,
      apps,
      scenarios: o.scenarios ?? ['plaintext', 'fortunes', 'queries'],
      lifetimes,
    },
    noise: { level: o.noisy ? 'noisy' : 'quiet', canaryMs, canaryCv: o.noisy ? 0.14 : 0.01 },
    scenarios,
    warnings: [],
  };
}
