/**
 * SVG charts rendered in Node with vega-lite → vega (`renderer: 'none'`: no browser, no canvas).
 * A rate scenario: each target's ratio as a point with its 95 % interval as a whisker, a rule at
 * 1.0, every framework in the same colour, labels saying tied / not server-bound / failed.
 * ws-capacity: the p95 round trip at each step, one line per app.
 */
import { SCENARIO_INFO, type BaseScenario } from '../model/scenario-list.js';
import type { TopLevelSpec } from 'vega-lite';
import { BASELINE } from '../model/defaults.js';
import { blockResults, boundTag, interval, notServerBound, rankedRows, WIDE_MARK } from './format.js';
import type { Block, Result, Run } from '../model/schema.js';
import { comparison } from '../model/result-fields.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Type sizes for a chart shown about 1:1 on a 1280×720 slide: labels at the deck's 20 px minimum,
 * so the back row can read them (the subtitle, the method, is for the README and latest.md).
 */
export const SLIDE_CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  axis: { labelFontSize: 20, titleFontSize: 20, titleFontWeight: 'normal' },
  legend: { labelFontSize: 20, titleFontSize: 20, symbolSize: 200 },
  header: { labelFontSize: 22, titleFontSize: 22 },
  title: { fontSize: 24, subtitleFontSize: 15, subtitleColor: '#555' },
} as const;

function ratioLabel(r: Result, by: Block['compareBy']): string {
  if (r.status === 'failed') return `failed: ${(r.reason ?? '').slice(0, 40)}`;
  const i = comparison(r, by);
  // Only the words fit beside a whisker at 20 px; the CPU figures are in the warning line under
  // the chart on the same slide (takeaway.ts), and in every table.
  const gen = !boundTag(r) ? '' : notServerBound(r) ? ' · not server-bound' : ' · generator core full';
  if (r.app === BASELINE) return `1.00 · baseline${gen}`;
  const tie = r.rank && r.rank.best !== r.rank.worst ? ' · tied' : '';
  const wide = r.converged === false ? ` ${WIDE_MARK}` : '';
  return `${interval(i)}${wide}${tie}${gen}${r.status === 'invalid' ? ' · invalid samples' : ''}`;
}

/** The vega-lite spec of a rate scenario's chart (exported for tests). */
export function ratioChartSpec(rows: readonly Result[], block: Block, subtitle: string): TopLevelSpec {
  // Tied among the rows on the chart, not among rows shown elsewhere.
  const data = rankedRows(rows, block.compareBy).map((r) => {
    const i = r.status === 'failed' ? null : comparison(r, block.compareBy);
    return {
      app: r.app === BASELINE ? 'node:http' : r.app.replace(/-app$/, ''),
      median: i?.median ?? null,
      lo: i?.lo ?? i?.median ?? null,
      // A failed row has no point; its label ("failed: …") stands at the baseline's 1.0.
      hi: i?.hi ?? i?.median ?? 1,
      label: ratioLabel(r, block.compareBy),
    };
  });
  const unit = SCENARIO_INFO[block.scenario.replace(/-p\d+$/, '') as BaseScenario].unit;
  const things = {
    'req/s': 'requests',
    'calls/s': 'calls',
    'deliveries/s': 'deliveries',
    clients: 'clients',
  }[unit];
  const what = `${things} per ${block.compareBy === 'cpuRatio' ? 'server CPU-second' : 'second'}`;
  const y = { field: 'app', type: 'nominal', sort: null, title: null, axis: { labelLimit: 200 } } as const;
  return {
    $schema: SCHEMA,
    // The SVG's accessible description: what is drawn, and the run's machine and date.
    description: `${block.scenario}: ${what}, ratio to node:http with 95 % intervals — ${subtitle}`,
    config: SLIDE_CHART_CONFIG,
    // No title: the slide's title is the takeaway and the line under the chart says what it shows
    // (the README and latest.md say it in text). Fixed layout: without a canvas vega over-estimates text widths, and 'pad' autosizing would
    // then leave a wide blank margin that shrinks the chart on the slide. Plot 400 px, the labels
    // right of the whiskers 470 px, the app names 130 px: ~1,000 px in all, shown 1:1.
    autosize: { type: 'none' },
    padding: { left: 130, right: 470, top: 12, bottom: 64 },
    width: 400,
    height: 44 * data.length,
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
        mark: { type: 'rule', color: '#333', strokeWidth: 4 },
        encoding: {
          y,
          x: {
            field: 'lo',
            type: 'quantitative',
            title: `${what}: ratio to node:http`,
            scale: { zero: false },
          },
          x2: { field: 'hi' },
        },
      },
      {
        mark: { type: 'point', filled: true, color: '#3d6a99', size: 220 },
        encoding: { y, x: { field: 'median', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 10, fontSize: 20 },
        encoding: { y, x: { field: 'hi', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
}

/** The vega-lite spec of the ws-capacity curve: p95 round trip by clients, one line per app. */
export function capacityChartSpec(rows: readonly Result[], subtitle: string): TopLevelSpec {
  const data = rows.flatMap((r) =>
    (r.capacity?.steps ?? []).map((s) => ({
      app: r.app === BASELINE ? 'node:http' : r.app.replace(/-app$/, ''),
      clients: s.clients,
      p95: s.p95,
    })),
  );
  return {
    $schema: SCHEMA,
    description: `ws-capacity: p95 broadcast round trip at each step — ${subtitle}`,
    config: SLIDE_CHART_CONFIG,
    width: 700,
    height: 300,
    background: 'white',
    data: { values: data },
    mark: { type: 'line', point: { size: 120 }, strokeWidth: 3 },
    encoding: {
      x: { field: 'clients', type: 'quantitative', title: 'clients connected' },
      y: { field: 'p95', type: 'quantitative', title: 'p95 round trip, ms' },
      color: { field: 'app', type: 'nominal', title: null, legend: { labelLimit: 300 } },
      shape: { field: 'app', type: 'nominal', title: null },
    },
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Renders a vega-lite spec to an SVG string; the spec's `description` (what is drawn, the run's
 * machine and date) becomes the SVG's <title>, which vega's SVG output leaves out.
 */
export async function renderSpec(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  view.logLevel(vega.Error);
  try {
    const svg = await view.toSVG();
    const title = typeof spec.description === 'string' ? `<title>${escapeXml(spec.description)}</title>` : '';
    return svg.replace(/^(<svg[^>]*>)/, `$1${title}`);
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
