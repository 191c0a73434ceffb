/**
 * Rounds → one result per target and scenario: median (min–max) over the valid rounds, the ratio
 * to node-http-app (same scenario, Node version and run) and, for plaintext, to the app's own
 * framework reference server.
 */
import { median, ratio, spread } from './stats.js';
import { resultScenarioId, SCENARIO_INFO, scenarioId } from './scenario-list.js';
import type { Measurements } from './runner.js';
import type { Result } from './schema.js';

/** The app every ratio is taken against. */
export const BASELINE = 'node-http-app';
/** The load generator is suspect beyond this share of its core. */
export const LOADGEN_LIMIT = 0.9;

const med = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return present.length > 0 ? median(present) : null;
};

/** The headline median of a result, whichever field holds it. */
export function headline(r: Result): number | null {
  return (r.rps ?? r.msgs ?? r.clients)?.median ?? null;
}

/** Results keyed the way ratios look each other up. */
const key = (app: string, scenario: string, pipelining: number, node: string) =>
  `${app}|${scenario}|${pipelining}|${node}`;

/** Fills `ratio` and `refRatio` from the other results of the same run. */
export function addRatios(results: Result[]): Result[] {
  const byKey = new Map(results.map((r) => [key(r.app, r.scenario, r.pipelining, r.node), r]));
  const okMedian = (r: Result | undefined) => (r && r.status !== 'failed' ? headline(r) : null);
  return results.map((r) => {
    const base = byKey.get(key(BASELINE, r.scenario, r.pipelining, r.node));
    const own = r.kind === 'app' && r.scenario === 'plaintext' ? referenceFor(r, byKey) : undefined;
    return { ...r, ratio: ratio(okMedian(r), okMedian(base)), refRatio: ratio(okMedian(r), okMedian(own)) };
  });
}

function referenceFor(r: Result, byKey: Map<string, Result>): Result | undefined {
  const fw = r.app === BASELINE ? 'node-http' : r.framework;
  return byKey.get(key(`reference/${fw}`, r.scenario, r.pipelining, r.node));
}

/** Above this round-to-round spread of the baseline, the tables say that smaller differences are noise. */
export const NOISY_SPREAD = 0.1;

/** Aggregates every cell; also returns warnings worth printing (generator saturation, noise). */
export function aggregate(m: Measurements): { results: Result[]; warnings: string[] } {
  const busy: string[] = [];
  const results = m.cells.map((cell): Result => {
    const { target, variant } = cell;
    const info = SCENARIO_INFO[variant.base];
    const ok = cell.rounds.filter((r) => r.status === 'ok');
    const invalid = cell.rounds.filter((r) => r.status === 'invalid');
    const starts = m.starts.get(target) ?? [];
    const peaks = cell.rounds.map((r) => r.loadgenCpu).filter((c) => c > LOADGEN_LIMIT);
    if (peaks.length > 0)
      busy.push(
        `${target.app} ${scenarioId(variant)} (${peaks.length} of ${cell.rounds.length} rounds, up to ${(Math.max(...peaks) * 100).toFixed(0)}%)`,
      );
    const status = cell.failed ? 'failed' : invalid.length > 0 || cell.rounds.length === 0 ? 'invalid' : 'ok';
    const reason =
      cell.failed ??
      (invalid.length > 0
        ? `${invalid.length} of ${cell.rounds.length} rounds invalid: ${[...new Set(invalid.map((r) => r.reason))].join('; ')}`
        : cell.rounds.length === 0
          ? 'not measured (run stopped)'
          : undefined);
    return {
      app: target.app,
      kind: target.kind,
      framework: target.framework,
      version: target.version,
      node: target.node.version,
      scenario: variant.base,
      pipelining: variant.pipelining,
      unit: info.unit,
      status,
      ...(reason !== undefined && { reason }),
      ...(ok.length > 0 && { [info.key]: spread(ok.map((r) => r.value)) }),
      latencyMs:
        ok.length > 0
          ? { p50: med(ok.map((r) => r.latencyMs.p50)), p99: med(ok.map((r) => r.latencyMs.p99)) }
          : null,
      ratio: null,
      refRatio: null,
      rssMB: med(ok.map((r) => r.rssMB)),
      idleRssMB: med(starts.map((s) => s.idleRssMB)),
      cpuSeconds: med(ok.map((r) => r.cpuSeconds)),
      perCpuSecond: med(ok.map((r) => r.perCpuSecond)),
      throughputMBs: med(ok.map((r) => r.throughputMBs)),
      startupMs: med(starts.map((s) => s.startupMs)),
      loadgenCpu: med(cell.rounds.map((r) => r.loadgenCpu)),
      notes: [...new Set(cell.rounds.flatMap((r) => r.notes))],
      rounds: cell.rounds,
    };
  });
  const warnings =
    busy.length > 0
      ? [
          `load generator above ${LOADGEN_LIMIT * 100}% of its core, so these may measure the generator: ${busy.join(', ')}`,
        ]
      : [];
  return { results: addRatios(results), warnings: [...warnings, ...noiseWarnings(results)] };
}

/**
 * The baseline's own spread between rounds is the run's noise floor: a ratio difference smaller than
 * it is a tie. Said once per scenario where it passes {@link NOISY_SPREAD}.
 */
export function noiseWarnings(results: Result[]): string[] {
  return results.flatMap((r) => {
    const s = r.app === BASELINE && r.status === 'ok' ? (r.rps ?? r.msgs) : undefined;
    if (!s || !(s.median > 0)) return [];
    const width = (s.max - s.min) / s.median;
    if (width <= NOISY_SPREAD) return [];
    const label = resultScenarioId(r);
    return [
      `${BASELINE} ${label} on Node ${r.node} varied by ${(width * 100).toFixed(0)}% of its median between rounds: ${label} ratios closer than that are within noise`,
    ];
  });
}
