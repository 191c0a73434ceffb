/**
 * "hono on three runtimes" (a `--runtime` run): hono-app on Node, on Bun's and on Deno's own servers,
 * each as a paired ratio to node-http-app on Node sampled in the same rounds, as a table and a chart.
 * The runtime labels (`Node v24.21.0`, `Bun 1.4.5`, `Deno 2.9.6`) come from the binaries themselves.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BASELINE } from '../model/defaults.js';
import { SLIDE_CHART_CONFIG } from './chart.js';
import { blockNodes, blockScenarios, findResult, ratioCell } from './format.js';
import { markdownTable } from './table.js';
import { resultScenarioId } from '../model/scenario-list.js';
import { withCommit } from './matrix.js';
import type { Interval, Result, Run } from '../model/schema.js';

/** The app the runtime comparison is about. */
export const RUNTIME_APP = 'hono-app';

/** `v24.21.0` → `Node v24.21.0`; Bun and Deno keys are labels already. */
export const runtimeLabel = (key: string): string => (key.startsWith('v') ? `Node ${key}` : key);

/** True when the run compares runtimes (some block's key is Bun's or Deno's label). */
export function isRuntimeRun(serverNodes: readonly string[]): boolean {
  return serverNodes.some((n) => /^(Bun|Deno) /.test(n));
}

/** One row per runtime (hono-app on it), one column per scenario, plus the baseline's row. */
export function runtimesTable(run: Run): string {
  const scenarios = blockScenarios(run);
  // node-http-app runs on Node in every block; its version string names that Node (`… on Node v24.21.0`).
  const baseNode =
    run.results
      .map((r) => (r.app === BASELINE ? /Node (v[\d.]+)/.exec(r.version)?.[1] : undefined))
      .find(Boolean) ?? blockNodes(run).find((k) => k.startsWith('v'));
  const rows = blockNodes(run).map((key) => [
    `${RUNTIME_APP} on ${runtimeLabel(key)}`,
    ...scenarios.map((id) => ratioCell(findResult(run, RUNTIME_APP, id, key))),
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
  const when = withCommit(run);
  const lead = runtimesTakeaway(run);
  const method = `hono-app ÷ ${BASELINE} on Node, same rounds (95 % intervals) · ${blockNodes(run).map(runtimeLabel).join(', ')} · noise ${run.noise.level} · ${when} · bench/results/latest-runtimes.md`;
  return `${lead ? `**${lead}**\n\n` : ''}_${method}_\n`;
}

/** The scenarios the slide's chart and takeaway show. */
const SHOWN = ['plaintext', 'fortunes'];

/** The ratio a runtime's block ranks by: per server CPU-second where the generator set the rate. */
function ranked(run: Run, r: Result): { i: Interval | null; perCpu: boolean } {
  const by = run.blocks.find((b) => b.node === r.node && b.scenario === resultScenarioId(r))?.compareBy;
  return { i: by === 'cpuRatio' ? r.cpuRatio : r.ratio, perCpu: by === 'cpuRatio' };
}

const overlap = (a: Interval, b: Interval) =>
  a.lo !== null && a.hi !== null && b.lo !== null && b.hi !== null && a.lo <= b.hi && b.lo <= a.hi;

/**
 * The slide's takeaway line, from the data: per scenario shown (plaintext and fortunes), hono's
 * ratio on each runtime, best first, `≈` between neighbours whose intervals overlap (a tie) and
 * `>` where they do not.
 *
 * @example runtimesTakeaway(run) // 'plaintext per CPU-s: Bun 1.4.5 1.15× ≈ Deno 2.9.6 1.14× > Node v26.10.0 0.87× · …'
 */
export function runtimesTakeaway(run: Run): string | null {
  const parts = blockScenarios(run)
    .filter((id) => SHOWN.includes(id))
    .map((id) => {
      const rows = blockNodes(run)
        .map((key) => {
          const r = findResult(run, RUNTIME_APP, id, key);
          return { key, ...(r && r.status !== 'failed' ? ranked(run, r) : { i: null, perCpu: false }) };
        })
        .filter((x): x is { key: string; i: Interval; perCpu: boolean } => x.i !== null)
        .sort((a, b) => b.i.median - a.i.median);
      if (rows.length === 0) return null;
      const chain = rows
        .map((x, n) => {
          const sep = n === 0 ? '' : overlap(rows[n - 1]!.i, x.i) ? ' ≈ ' : ' > ';
          return `${sep}${runtimeLabel(x.key)} ${x.i.median.toFixed(2)}×`;
        })
        .join('');
      return `${id}${rows.some((x) => x.perCpu) ? ' per CPU-s' : ''}: ${chain}`;
    })
    .filter((p): p is string => p !== null);
  return parts.length > 0 ? `hono ÷ node:http on Node — ${parts.join(' · ')}` : null;
}

/** The chart: hono-app's ratio per runtime, whiskers for the intervals, one panel per scenario. */
export function runtimesChartSpec(run: Run, subtitle: string): TopLevelSpec {
  // Each bar is what its table ranks by: per server CPU-second where the generator was the ceiling.
  // Plaintext and fortunes, as in the Node matrix: the slide also holds three code columns, so six
  // panels would shrink below the deck's type size; latest-runtimes.md has every scenario.
  const data = run.results
    .filter((r) => r.app === RUNTIME_APP && r.status !== 'failed' && SHOWN.includes(resultScenarioId(r)))
    .map((r) => ({ r, ...ranked(run, r) }))
    .filter((x): x is { r: Result; i: Interval; perCpu: boolean } => x.i !== null)
    .map(({ r, i, perCpu }) => ({
      scenario: `${resultScenarioId(r)}${perCpu ? ' (per CPU-s)' : ''}`,
      // Just the runtime's name on the axis (versions are in the takeaway and the method line).
      runtime: runtimeLabel(r.node).split(' ')[0],
      median: i.median,
      lo: i.lo ?? i.median,
      hi: i.hi ?? i.median,
    }));
  const x = {
    field: 'runtime',
    type: 'nominal',
    title: null,
    sort: blockNodes(run).map((k) => runtimeLabel(k).split(' ')[0]),
    axis: { labelAngle: 0 },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // No title: the slide has its heading; the SVG's <title> says what is drawn.
    description: `hono on three runtimes: ratio to node:http on Node (95 % interval) — ${subtitle}`,
    config: SLIDE_CHART_CONFIG,
    background: 'white',
    data: { values: data },
    facet: {
      column: {
        field: 'scenario',
        type: 'nominal',
        title: null,
        sort: [...new Set(data.map((d) => d.scenario))],
      },
    },
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
  };
}
