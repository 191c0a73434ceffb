/**
 * "hono on three runtimes" (a `--runtime` run): hono-app on Node, on Bun's and on Deno's own servers,
 * each as a paired ratio to node-http-app on Node sampled in the same rounds, as a table and a chart.
 * The runtime labels (`Node v24.21.0`, `Bun 1.4.5`, `Deno 2.9.6`) come from the binaries themselves.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BASELINE } from './defaults.js';
import { SLIDE_CHART_CONFIG } from './report-chart.js';
import { interval } from './format.js';
import { markdownTable } from './markdown-table.js';
import { resultScenarioId } from './scenario-list.js';
import type { Interval, Result, Run } from './schema.js';

/** The app the runtime comparison is about. */
export const RUNTIME_APP = 'hono-app';

/** `v24.21.0` → `Node v24.21.0`; Bun and Deno keys are labels already. */
export const runtimeLabel = (key: string): string => (key.startsWith('v') ? `Node ${key}` : key);

const runtimesOf = (run: Run) => [...new Set(run.blocks.map((b) => b.node))];
const scenariosOf = (run: Run) => [...new Set(run.blocks.map((b) => b.scenario))];

function find(run: Run, app: string, scenario: string, key: string): Result | undefined {
  return run.results.find((r) => r.app === app && r.node === key && resultScenarioId(r) === scenario);
}

function cell(r: Result | undefined): string {
  if (!r) return '–';
  if (r.status === 'failed') return 'failed';
  return `${interval(r.ratio)}${r.generatorBound ? ' (generator-bound)' : ''}`;
}

/** True when the run compares runtimes (some block's key is Bun's or Deno's label). */
export function isRuntimeRun(serverNodes: readonly string[]): boolean {
  return serverNodes.some((n) => /^(Bun|Deno) /.test(n));
}

/** One row per runtime (hono-app on it), one column per scenario, plus the baseline's row. */
export function runtimesTable(run: Run): string {
  const scenarios = scenariosOf(run);
  // node-http-app runs on Node in every block; its version string names that Node (`… on Node v24.21.0`).
  const baseNode =
    run.results
      .map((r) => (r.app === BASELINE ? /Node (v[\d.]+)/.exec(r.version)?.[1] : undefined))
      .find(Boolean) ?? runtimesOf(run).find((k) => k.startsWith('v'));
  const rows = runtimesOf(run).map((key) => [
    `${RUNTIME_APP} on ${runtimeLabel(key)}`,
    ...scenarios.map((id) => cell(find(run, RUNTIME_APP, id, key))),
  ]);
  return markdownTable(
    ['app', ...scenarios],
    ['l', ...scenarios.map(() => 'r' as const)],
    [[`${BASELINE} on Node ${baseNode ?? '?'} (baseline)`, ...scenarios.map(() => '1.00')], ...rows],
  );
}

/**
 * The slide partial: the method line only, since the slide also shows three code columns; the chart
 * draws the medians and intervals, and latest-runtimes.md has them as {@link runtimesTable}.
 */
export function runtimesPartial(run: Run): string {
  const when = run.env.date.slice(0, 10);
  const lead = runtimesTakeaway(run);
  const method = `hono-app ÷ ${BASELINE} on Node, same rounds (95 % intervals) · ${runtimesOf(run).map(runtimeLabel).join(', ')} · noise ${run.noise.level} · ${when} · bench/results/latest-runtimes.md`;
  return `${lead ? `**${lead}**\n\n` : ''}_${method}_\n`;
}

/**
 * The slide's takeaway line, from the data: hono's ratio on each runtime in the first scenario
 * (plaintext), and which runtimes tie with each other (their intervals overlap).
 */
export function runtimesTakeaway(run: Run): string | null {
  const id = scenariosOf(run)[0];
  if (!id) return null;
  const rows = runtimesOf(run)
    .map((key) => ({ key, i: find(run, RUNTIME_APP, id, key)?.ratio ?? null }))
    .filter((x): x is { key: string; i: Interval } => x.i !== null)
    .sort((a, b) => b.i.median - a.i.median);
  if (rows.length === 0) return null;
  const tie = (a: Interval, b: Interval) =>
    a.lo !== null && a.hi !== null && b.lo !== null && b.hi !== null && a.lo <= b.hi && b.lo <= a.hi;
  const ties = rows.flatMap((a, n) =>
    rows
      .slice(n + 1)
      .filter((b) => tie(a.i, b.i))
      .map((b) => `${runtimeLabel(a.key)} and ${runtimeLabel(b.key)} tie`),
  );
  const ratios = rows.map((x) => `${runtimeLabel(x.key)} ${x.i.median.toFixed(2)}×`).join(', ');
  return `${id}, hono ÷ node:http on Node: ${ratios}${ties.length > 0 ? ` (${ties.join('; ')})` : ''}`;
}

/** The chart: hono-app's ratio per runtime, whiskers for the intervals, one panel per scenario. */
export function runtimesChartSpec(run: Run, subtitle: string): TopLevelSpec {
  const data = run.results
    .filter((r) => r.app === RUNTIME_APP && r.ratio && r.status !== 'failed')
    .map((r) => ({
      scenario: resultScenarioId(r),
      runtime: runtimeLabel(r.node),
      median: r.ratio!.median,
      lo: r.ratio!.lo ?? r.ratio!.median,
      hi: r.ratio!.hi ?? r.ratio!.median,
    }));
  const x = {
    field: 'runtime',
    type: 'nominal',
    title: null,
    sort: runtimesOf(run).map(runtimeLabel),
    axis: { labelAngle: 0 },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // No title: the slide has its heading; the SVG's <title> says what is drawn.
    description: `hono on three runtimes: ratio to node:http on Node (95 % interval) — ${subtitle}`,
    config: SLIDE_CHART_CONFIG,
    background: 'white',
    data: { values: data },
    facet: { column: { field: 'scenario', type: 'nominal', title: null, sort: scenariosOf(run) } },
    spec: {
      width: 240,
      height: 120,
      layer: [
        {
          mark: 'bar',
          encoding: {
            x,
            y: { field: 'median', type: 'quantitative', title: 'ratio' },
            color: { field: 'runtime', type: 'nominal', title: null, legend: null },
          },
        },
        {
          mark: { type: 'rule', strokeWidth: 3 },
          encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
        },
      ],
    },
  } as TopLevelSpec;
}
