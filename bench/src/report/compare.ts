/**
 * The repeatability report of `bench:compare`: how often the intervals held and how many HTTP ratios
 * stayed within ±5 % of their mean, one line per run, and the table of every ratio across the runs
 * (the series come from stats/compare.ts).
 */
import { REPEATABILITY } from '../model/defaults.js';
import { held, seriesOf, within, type RatioSeries } from '../stats/compare.js';
import { noiseText } from '../stats/noise.js';
import { interval, pct } from './format.js';
import { markdownTable } from './table.js';
import type { Run } from '../model/schema.js';

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
    `HTTP ratios the tables rank by within ±${pct(REPEATABILITY)} of their mean: ${share(within(ranked))}`,
    quiet.length >= 2
      ? `… over the ${quiet.length} runs whose machine noise was quiet: ${share(within(quietSeries))}; goal 100 %`
      : `fewer than two runs measured a quiet machine: the ±${pct(REPEATABILITY)} goal cannot be judged on these runs`,
    `every printed ratio (cells that were not server-bound included): intervals held ${share(held(series))}, HTTP within ±${pct(REPEATABILITY)} ${share(within(series))}`,
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
