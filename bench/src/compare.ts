/**
 * Repeatability across runs: the same ratio from several result files, side by side, with its
 * largest deviation from the mean. Ratios are what the talk shows, so their spread between whole
 * runs is the honest error bar (Node core aims for a few per cent; fastify/benchmarks saw ±5 %).
 */
import { BASELINE } from './aggregate.js';
import { markdownTable } from './markdown-table.js';
import { resultScenarioId } from './scenario-list.js';
import type { Run } from './schema.js';

/** One ratio followed across runs. */
export interface RatioSeries {
  app: string;
  /** Scenario id, `vs own reference` for the plaintext overhead against the framework's reference. */
  measure: string;
  node: string;
  /** One per run, null where that run has no valid value. */
  values: (number | null)[];
  mean: number | null;
  /** max |value − mean| / mean over the runs that have a value; null with fewer than two. */
  deviation: number | null;
}

/**
 * Follows every app's ratio (and, for plaintext, its overhead against its own reference) through
 * `runs`, in the order given. Rows keep the first run's order; the baseline's own ratio (always 1)
 * and capacity figures (a cap, not a rate) are left out.
 *
 * @example seriesOf([runA, runB, runC]).find((s) => s.app === 'koa-app' && s.measure === 'plaintext')
 */
export function seriesOf(runs: readonly Run[]): RatioSeries[] {
  const rows = new Map<string, RatioSeries>();
  runs.forEach((run, i) => {
    for (const r of run.results) {
      if (r.kind !== 'app' || r.scenario === 'ws-capacity') continue;
      // The baseline's ratio is 1 by definition; its overhead against reference/node-http is not.
      const measures: [string, number | null][] = r.app === BASELINE ? [] : [[resultScenarioId(r), r.ratio]];
      if (r.scenario === 'plaintext' && r.pipelining === 1) measures.push(['vs own reference', r.refRatio]);
      for (const [measure, value] of measures) {
        const key = `${r.app}|${measure}|${r.node}`;
        const row = rows.get(key) ?? {
          app: r.app,
          measure,
          node: r.node,
          values: runs.map(() => null),
          mean: null,
          deviation: null,
        };
        row.values[i] = r.status === 'ok' ? value : null;
        rows.set(key, row);
      }
    }
  });
  // A measure no run has (tcp-app against a reference it does not have) is not a row.
  const measured = [...rows.values()].filter((row) => row.values.some((v) => v !== null));
  return measured.map((row) => {
    const present = row.values.filter((v): v is number => v !== null);
    const mean = present.reduce((a, b) => a + b, 0) / present.length;
    const deviation = present.length < 2 ? null : Math.max(...present.map((v) => Math.abs(v - mean))) / mean;
    return { ...row, mean, deviation };
  });
}

/** A markdown table of the series: one column per run (its date), the mean and the largest deviation. */
export function renderSeries(runs: readonly Run[], series: readonly RatioSeries[]): string {
  const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  const head = [
    'app',
    'ratio',
    ...runs.map((run) => run.env.date.slice(0, 16).replace('T', ' ')),
    'mean',
    'largest deviation',
  ];
  const nodes = new Set(series.map((s) => s.node));
  const rows = series.map((s) => [
    nodes.size > 1 ? `${s.app} (Node ${s.node})` : s.app,
    s.measure,
    ...s.values.map(fmt),
    fmt(s.mean),
    s.deviation === null ? '–' : `±${(s.deviation * 100).toFixed(1)} %`,
  ]);
  return markdownTable(head, ['l', 'l', ...runs.map(() => 'r' as const), 'r', 'r'], rows);
}
