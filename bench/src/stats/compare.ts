/**
 * Repeatability across whole runs: the same ratio from several result files, side by side, each
 * with its interval; its largest deviation from the mean of the runs' medians; and whether each
 * run's interval contains the other runs' medians (an honest interval mostly does). The words and
 * the table are in report/compare.ts.
 */
import { BASELINE, REPEATABILITY } from '../model/defaults.js';
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
export function held(series: readonly RatioSeries[]): [number, number] {
  const checks = series.flatMap((s) => s.contains.filter((c): c is boolean => c !== null));
  return [checks.filter(Boolean).length, checks.length];
}

/** HTTP series within ±target of their mean, of those with two or more runs. */
export function within(series: readonly RatioSeries[]): [number, number] {
  const http = series.filter((s) => s.http && s.deviation !== null);
  return [http.filter((s) => s.deviation! <= REPEATABILITY).length, http.length];
}
