/**
 * "hono on three runtimes" (a `--runtime` run): hono-app on Node, on Bun's and on Deno's own servers,
 * each as a paired ratio to node-http-app on Node sampled in the same rounds, as a table and a chart.
 * The runtime labels (`Node v24.21.0`, `Bun 1.4.5`, `Deno 2.9.6`) come from the binaries themselves.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BASELINE } from './defaults.js';
import { interval } from './format.js';
import { markdownTable } from './markdown-table.js';
import { resultScenarioId } from './scenario-list.js';
import type { Result, Run } from './schema.js';

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
  const method = `hono-app ÷ ${BASELINE} on Node, same rounds (95 % intervals) · ${runtimesOf(run).map(runtimeLabel).join(', ')} · noise ${run.noise.level} · ${when} · bench/results/latest-runtimes.md`;
  return `_${method}_\n`;
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
    title: {
      text: `hono on three runtimes: ratio to ${BASELINE} on Node (95 % interval)`,
      subtitle,
      anchor: 'start',
      subtitleFontSize: 10,
    },
    background: 'white',
    data: { values: data },
    facet: { column: { field: 'scenario', type: 'nominal', title: null, sort: scenariosOf(run) } },
    spec: {
      width: 200,
      height: 140,
      layer: [
        {
          mark: 'bar',
          encoding: {
            x,
            y: { field: 'median', type: 'quantitative', title: 'ratio' },
            color: { field: 'runtime', type: 'nominal', title: null, legend: null },
          },
        },
        { mark: 'rule', encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      ],
    },
  } as TopLevelSpec;
}
