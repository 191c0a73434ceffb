/**
 * One SVG chart per scenario, rendered in Node with vega-lite → vega (`renderer: 'none'`: no
 * browser, no canvas). Bars are the medians, whiskers min–max; every framework gets the same colour
 * (colour only separates Node versions); failed apps are listed as such, not left out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { headline } from './aggregate.js';
import { resultScenarioId, SCENARIO_INFO, type BaseScenario } from './scenario-list.js';
import type { Result } from './schema.js';

interface Datum {
  app: string;
  node: string;
  median: number;
  min: number;
  max: number;
  label: string;
}

/** The vega-lite spec of one scenario's chart (exported for tests). */
export function chartSpec(results: readonly Result[], id: string, subtitle: string): TopLevelSpec {
  const rows = results.filter((r) => resultScenarioId(r) === id);
  const base = rows[0]?.scenario as BaseScenario;
  const unit = SCENARIO_INFO[base]?.unit ?? '';
  const multiNode = new Set(rows.map((r) => r.node)).size > 1;
  const data: Datum[] = rows.map((r) => {
    const s = r.rps ?? r.msgs ?? r.clients;
    const ok = r.status !== 'failed' && s !== undefined;
    const ratio = r.ratio === null ? '' : `  ×${r.ratio.toFixed(2)}`;
    return {
      app: r.app === 'node-http-app' ? 'node-http-app (baseline)' : r.app,
      node: r.node,
      median: ok ? s.median : 0,
      min: ok ? s.min : 0,
      max: ok ? s.max : 0,
      label: ok
        ? `${Math.round(headline(r)!).toLocaleString('en-US')}${ratio}${r.status === 'invalid' ? ' (invalid rounds)' : ''}`
        : `failed: ${(r.reason ?? '').slice(0, 50)}`,
    };
  });
  const y = {
    field: 'app',
    type: 'nominal',
    sort: { field: 'median', op: 'max', order: 'descending' },
    title: null,
    axis: { labelLimit: 260 },
  } as const;
  const offset = multiNode ? { yOffset: { field: 'node' } } : {};
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${id} — ${unit}`, subtitle, anchor: 'start', subtitleFontSize: 10 },
    width: 520,
    height: { step: multiNode ? 34 : 26 },
    background: 'white',
    data: { values: data as unknown as Record<string, unknown>[] },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', color: '#6b8fb3' },
        encoding: {
          x: {
            field: 'median',
            type: 'quantitative',
            title: `${unit}, median of rounds (whiskers: min–max)`,
          },
          ...offset,
          ...(multiNode && { color: { field: 'node', type: 'nominal', title: 'Node' } }),
        },
      },
      {
        mark: { type: 'rule', color: '#333' },
        encoding: { x: { field: 'min', type: 'quantitative' }, x2: { field: 'max' }, ...offset },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
        encoding: { x: { field: 'max', type: 'quantitative' }, text: { field: 'label' }, ...offset },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Renders a scenario's chart to an SVG string.
 *
 * @example const svg = await renderChart(run.results, 'plaintext', methodLine(run));
 */
export async function renderChart(results: readonly Result[], id: string, subtitle: string): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(chartSpec(results, id, subtitle)).spec), {
    renderer: 'none',
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
