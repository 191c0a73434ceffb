/**
 * SVG charts rendered in Node with vega-lite → vega (`renderer: 'none'`: no browser, no canvas).
 * A rate scenario: each target's ratio as a point with its 95 % interval as a whisker, a rule at
 * 1.0, every framework in the same colour, labels saying tied / generator-bound / failed.
 * ws-capacity: the p95 round trip at each step, one line per app.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BASELINE } from './defaults.js';
import { comparison } from './aggregate.js';
import { appLabel, blockResults, interval, sortRows, WIDE_MARK } from './format.js';
import type { Block, Result, Run } from './schema.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

function ratioLabel(r: Result, by: Block['compareBy']): string {
  if (r.status === 'failed') return `failed: ${(r.reason ?? '').slice(0, 50)}`;
  const i = comparison(r, by);
  const tie = r.rank && r.rank.best !== r.rank.worst ? ' · tied' : '';
  const wide = r.converged === false ? ` ${WIDE_MARK}` : '';
  const gen = r.generatorBound ? ' · generator-bound' : '';
  return `${interval(i)}${wide}${tie}${gen}${r.status === 'invalid' ? ' · invalid samples' : ''}`;
}

/** The vega-lite spec of a rate scenario's chart (exported for tests). */
export function ratioChartSpec(rows: readonly Result[], block: Block, subtitle: string): TopLevelSpec {
  const data = sortRows(rows, block.compareBy).map((r) => {
    const i = r.status === 'failed' ? null : comparison(r, block.compareBy);
    return {
      app: appLabel(r),
      median: i?.median ?? null,
      lo: i?.lo ?? i?.median ?? null,
      // A failed row has no point; its label ("failed: …") stands at the baseline's 1.0.
      hi: i?.hi ?? i?.median ?? 1,
      label: ratioLabel(r, block.compareBy),
    };
  });
  const what = block.compareBy === 'cpuRatio' ? 'requests per server CPU-second' : 'rate';
  const y = { field: 'app', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } } as const;
  return {
    $schema: SCHEMA,
    title: {
      text: `${block.scenario} — ${what}, ratio to ${BASELINE} (95 % interval)`,
      subtitle,
      anchor: 'start',
      subtitleFontSize: 10,
    },
    width: 460,
    height: { step: 20 },
    background: 'white',
    data: { values: data },
    layer: [
      // The baseline's 1.0, across the whole chart (its own one-row data: no y, so full height).
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', color: '#999', strokeDash: [4, 3] },
        encoding: { x: { field: 'one', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', color: '#333', strokeWidth: 2 },
        encoding: {
          y,
          x: { field: 'lo', type: 'quantitative', title: `ratio to ${BASELINE}`, scale: { zero: false } },
          x2: { field: 'hi' },
        },
      },
      {
        mark: { type: 'point', filled: true, color: '#3d6a99', size: 60 },
        encoding: { y, x: { field: 'median', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 },
        encoding: { y, x: { field: 'hi', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}

/** The vega-lite spec of the ws-capacity curve: p95 round trip by clients, one line per app. */
export function capacityChartSpec(rows: readonly Result[], subtitle: string): TopLevelSpec {
  const data = rows.flatMap((r) =>
    (r.capacity?.steps ?? []).map((s) => ({ app: appLabel(r), clients: s.clients, p95: s.p95 })),
  );
  return {
    $schema: SCHEMA,
    title: {
      text: 'ws-capacity — p95 broadcast round trip at each step',
      subtitle,
      anchor: 'start',
      subtitleFontSize: 10,
    },
    width: 460,
    height: 200,
    background: 'white',
    data: { values: data },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'clients', type: 'quantitative', title: 'clients connected' },
      y: { field: 'p95', type: 'quantitative', title: 'p95 round trip, ms' },
      color: { field: 'app', type: 'nominal', title: null, legend: { labelLimit: 300 } },
    },
  } as TopLevelSpec;
}

/** Renders a vega-lite spec to an SVG string. */
export async function renderSpec(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  view.logLevel(vega.Error);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * A block's chart as SVG.
 *
 * @example const svg = await renderChart(run, run.blocks[0], 'Node v26.10.0 · 2026-11-30');
 */
export function renderChart(run: Run, block: Block, subtitle: string): Promise<string> {
  // The slides show the apps; the reference servers' rows are in latest.md.
  const rows = blockResults(run, block).filter((r) => r.kind === 'app');
  return renderSpec(
    block.compareBy === 'capacity'
      ? capacityChartSpec(rows, subtitle)
      : ratioChartSpec(rows, block, subtitle),
  );
}
