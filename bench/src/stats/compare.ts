/**
 * Repeatability across whole runs: the same ratio from several result files, side by side, each
 * with its interval; its largest deviation from the mean of the runs' medians; and whether each
 * run's interval contains the other runs' medians (an honest interval mostly does). The summary
 * says how often the intervals held and how many HTTP ratios stayed within ±5 % of their mean.
 */
import { BASELINE, FULL } from '../model/defaults.js';
import { interval, pct } from '../report/format.js';
import { markdownTable } from '../report/markdown-table.js';
import { noiseText } from './noise.js';
import { resultScenarioId, SCENARIO_INFO, type BaseScenario } from '../model/scenario-list.js';
import type { Block, Interval, Result, Run } from '../model/schema.js';

/** One ratio followed across runs. */
export interface RatioSeries {
  app: string;
  /** Scenario id; `… per CPU-s` for the CPU ratio; `vs own reference` for plaintext overhead. */
  measure: string;
  node: string;
  http: boolean;
  /** One per run, null where that run has no valid value. */
  values: (Interval | null)[];
  mean: number | null;
  /** max |median − mean| / mean over the runs that have a value; null with fewer than two. */
  deviation: number | null;
  /** Per run: its interval contains every other run's median (null: no interval or nothing to contain). */
  contains: (boolean | null)[];
  /**
   * What some run's table ranked by: the req/s ratio, or per CPU-second where the generator or the
   * senders' pacing set the rate (then the req/s ratio is a floor, printed but not compared), and
   * the plaintext overhead against the app's own reference.
   */
  ranked: boolean;
}

/** [measure, value, ranked by this run's table]. */
function measuresOf(r: Result, cpuCompared: boolean, by: Block['compareBy'] | undefined) {
  const id = resultScenarioId(r);
  const out: [string, Interval | null, boolean][] = r.app === BASELINE ? [] : [[id, r.ratio, by === 'ratio']];
  if (r.app !== BASELINE && cpuCompared) out.push([`${id} per CPU-s`, r.cpuRatio, by === 'cpuRatio']);
  if (r.scenario === 'plaintext' && r.pipelining === 1) out.push(['vs own reference', r.refRatio, true]);
  return out;
}

/**
 * Follows every app's ratios through `runs`, in the order given. The baseline's own ratio (always 1)
 * and capacity figures (a cap, not a rate) are left out; CPU ratios where any run compared by them.
 *
 * @example seriesOf([runA, runB, runC]).find((s) => s.app === 'koa-app' && s.measure === 'plaintext')
 */
export function seriesOf(runs: readonly Run[]): RatioSeries[] {
  const cpuCompared = new Set(
    runs.flatMap((run) => run.blocks.filter((b) => b.compareBy === 'cpuRatio').map((b) => b.scenario)),
  );
  const rows = new Map<string, RatioSeries>();
  runs.forEach((run, i) => {
    for (const r of run.results) {
      if (r.kind !== 'app' || r.scenario === 'ws-capacity') continue;
      const id = resultScenarioId(r);
      const by = run.blocks.find((b) => b.scenario === id && b.node === r.node)?.compareBy;
      for (const [measure, value, ranked] of measuresOf(r, cpuCompared.has(id), by)) {
        const key = `${r.app}|${measure}|${r.node}`;
        const row = rows.get(key) ?? {
          app: r.app,
          measure,
          node: r.node,
          http: SCENARIO_INFO[r.scenario as BaseScenario]?.kind === 'http',
          values: runs.map(() => null),
          mean: null,
          deviation: null,
          contains: runs.map(() => null),
          ranked: false,
        };
        row.values[i] = r.status === 'ok' ? value : null;
        row.ranked ||= ranked;
        rows.set(key, row);
      }
    }
  });
  return [...rows.values()]
    .filter((row) => row.values.some((v) => v !== null))
    .map((row) => {
      const medians = row.values.filter((v): v is Interval => v !== null).map((v) => v.median);
      const mean = medians.reduce((a, b) => a + b, 0) / medians.length;
      const deviation =
        medians.length < 2 ? null : Math.max(...medians.map((m) => Math.abs(m - mean))) / mean;
      const contains = row.values.map((v, i) => {
        const others = row.values.filter((o, j): o is Interval => j !== i && o !== null);
        if (!v || v.lo === null || v.hi === null || others.length === 0) return null;
        return others.every((o) => o.median >= v.lo! && o.median <= v.hi!);
      });
      return { ...row, mean, deviation, contains };
    });
}

/** Of the series' containment checks, how many held. */
function held(series: readonly RatioSeries[]): [number, number] {
  const checks = series.flatMap((s) => s.contains.filter((c): c is boolean => c !== null));
  return [checks.filter(Boolean).length, checks.length];
}

/** HTTP series within ±target of their mean, of those with two or more runs. */
function within(series: readonly RatioSeries[]): [number, number] {
  const http = series.filter((s) => s.http && s.deviation !== null);
  return [http.filter((s) => s.deviation! <= FULL.target).length, http.length];
}

/**
 * How the runs held up: interval honesty and HTTP ratios within ±5 % (all runs, and quiet ones),
 * judged on the ratios the tables rank by; the same over every printed ratio follows, for the record.
 */
export function summarise(runs: readonly Run[], series: readonly RatioSeries[]): string[] {
  const share = ([a, b]: [number, number]) => `${a} of ${b} (${b === 0 ? '–' : pct(a / b)})`;
  const ranked = series.filter((s) => s.ranked);
  const quiet = runs.filter((r) => r.noise.level === 'quiet');
  const rankedKeys = new Set(ranked.map((s) => `${s.app}|${s.measure}|${s.node}`));
  const quietSeries = seriesOf(quiet).filter((s) => rankedKeys.has(`${s.app}|${s.measure}|${s.node}`));
  return [
    `intervals containing the other runs' medians, ratios the tables rank by: ${share(held(ranked))}; goal ≥ 90 %`,
    `HTTP ratios the tables rank by within ±${pct(FULL.target)} of their mean: ${share(within(ranked))}`,
    quiet.length >= 2
      ? `… over the ${quiet.length} runs whose machine noise was quiet: ${share(within(quietSeries))}; goal 100 %`
      : `fewer than two runs measured a quiet machine: the ±${pct(FULL.target)} goal cannot be judged on these runs`,
    `every printed ratio (floors of generator-bound cells included): intervals held ${share(held(series))}, HTTP within ±${pct(FULL.target)} ${share(within(series))}`,
  ];
}

/** One line per run: date, noise, the generator's ceiling, wall time. */
export function runLines(runs: readonly Run[], names: readonly string[]): string[] {
  return runs.map((run, i) => {
    const ceiling = run.generator
      ? `generator ceiling ≈ ${Math.round(run.generator.ceiling).toLocaleString('en-US')} req/s`
      : 'no generator ceiling';
    return `- run ${i + 1}: ${names[i] ?? ''} — Node ${run.env.serverNodes.join(', ')}; ${noiseText(run.noise)}; ${ceiling}; ${Math.round(run.wallS)} s`;
  });
}

/** A markdown table: per cell each run's median and interval, the mean, the largest deviation, containment. */
export function renderSeries(runs: readonly Run[], series: readonly RatioSeries[]): string {
  const head = [
    'app',
    'ratio',
    ...runs.map((_, i) => `run ${i + 1}`),
    'mean',
    'largest deviation',
    'contains the others',
    'ranked by',
  ];
  const nodes = new Set(series.map((s) => s.node));
  const mark = (c: boolean | null) => (c === null ? '–' : c ? 'yes' : 'NO');
  const rows = series.map((s) => [
    nodes.size > 1 ? `${s.app} (Node ${s.node})` : s.app,
    s.measure,
    ...s.values.map((v) => interval(v)),
    s.mean === null ? '–' : s.mean.toFixed(2),
    s.deviation === null ? '–' : `±${(s.deviation * 100).toFixed(1)} %`,
    s.contains.map(mark).join(' / '),
    s.ranked ? 'yes' : '–',
  ]);
  return markdownTable(head, ['l', 'l', ...runs.map(() => 'r' as const), 'r', 'r', 'l', 'l'], rows);
}
