/**
 * A latency scenario's chart: corrected p99 (log scale: a few tenths of a ms at low rates, hundreds
 * past a knee) against the offered rate, one line per app through its medians over lifetimes, the
 * bisection probes as faint points, the target as a labelled rule, and the rates where the generator
 * fell behind on most steps shaded. Colour and dash and shape per app, so the lines
 * stay apart on a projector and in grey.
 */
import type { TopLevelSpec } from 'vega-lite';
import { SLIDE_CHART_CONFIG } from './chart.js';
import { shortName } from './takeaway.js';
import { generatorLimitedRates, latencySubtitle, stepMedians } from './latency-steps.js';
import type { LatencyRun, LatencyScenarioResult } from '../model/latency.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Below what the histograms resolve; a log scale cannot draw 0. */
const FLOOR_MS = 0.01;
const DASHES = [
  [1, 0],
  [8, 4],
  [2, 3],
  [12, 4, 2, 4],
  [4, 4],
  [16, 6],
];

/** The vega-lite spec (exported for tests). */
export function latencyChartSpec(run: LatencyRun, scenario: LatencyScenarioResult): TopLevelSpec {
  const slo = run.settings.sloMs;
  const apps = scenario.apps.map((a) => shortName(a.app));
  // A point only where most lifetimes reached the rate: the few that climbed past a knee are the
  // luckier ones, and their median alone would bend the line down.
  const lines = stepMedians(scenario)
    .filter((m) => m.p99 !== null && m.n * 2 > run.settings.lifetimes)
    .map((m) => ({ app: shortName(m.app), rate: m.rate, p99: Math.max(FLOOR_MS, m.p99!) }));
  const probes = scenario.steps
    .filter((s) => s.phase === 'bisection' && s.corrected)
    .map((s) => ({ app: shortName(s.app), rate: s.offeredRate, p99: Math.max(FLOOR_MS, s.corrected!.p99) }));
  const top = Math.max(...scenario.ladder.map((l) => l.rate), 1);
  // A band 3 % of the axis wide around each rate: visible, and narrower than the ladder's spacing.
  const half = top * 0.015;
  const limited = generatorLimitedRates(scenario).map((r) => ({
    x: r - half,
    x2: r + half,
    label: 'generator-limited',
  }));
  const leftLabel = (limited[0]?.x ?? 0) > top / 2;
  const all = [...lines, ...probes].map((d) => d.p99);
  const yMax = Math.max(slo * 4, ...all);
  const yMin = Math.min(slo / 50, ...all);
  const x = {
    field: 'rate',
    type: 'quantitative',
    title: 'offered rate, req/s (open loop)',
    scale: { domain: [0, top * 1.05] },
    axis: { format: ',d', tickCount: 6 },
  } as const;
  const y = {
    field: 'p99',
    type: 'quantitative',
    title: 'p99 latency, ms (corrected)',
    scale: { type: 'log', domain: [yMin, yMax] },
    axis: { format: '~g' },
  } as const;
  const color = { field: 'app', type: 'nominal', title: null, scale: { domain: apps } } as const;
  return {
    $schema: SCHEMA,
    description: `${scenario.scenario}: corrected p99 latency by offered rate, one line per app, target ${slo} ms — ${latencySubtitle(run)}`,
    config: SLIDE_CHART_CONFIG,
    // Fixed layout, as chart.ts explains: without a canvas vega over-estimates text widths.
    autosize: { type: 'none' },
    padding: { left: 96, right: 190, top: 44, bottom: 64 },
    width: 700,
    height: 300,
    background: 'white',
    layer: [
      // The machine, Node, date and noise in small type above the plot (vega's own title is placed
      // off the canvas by the fixed layout): for the README and latest-latency.md, where no slide
      // title says where the numbers come from.
      {
        data: { values: [{ text: `${scenario.what} · ${latencySubtitle(run)}` }] },
        mark: { type: 'text', align: 'left', baseline: 'bottom', x: 0, y: -16, fontSize: 15, color: '#555' },
        encoding: { text: { field: 'text' } },
      },
      {
        data: { values: limited },
        mark: { type: 'rect', color: '#f2c14e', opacity: 0.35 },
        encoding: { x: { field: 'x', type: 'quantitative', scale: x.scale }, x2: { field: 'x2' } },
      },
      {
        // One label, on the side of the first band that has room (the legend is on the right).
        data: { values: limited.slice(0, 1) },
        mark: {
          type: 'text',
          align: leftLabel ? 'right' : 'left',
          baseline: 'top',
          dx: leftLabel ? -4 : 4,
          y: 4,
          fontSize: 20,
          color: '#7a5a00',
        },
        encoding: { x: { field: leftLabel ? 'x' : 'x2', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: { values: [{ p99: slo, label: `p99 target ${slo} ms` }] },
        mark: { type: 'rule', color: '#b22', strokeWidth: 2, strokeDash: [6, 4] },
        encoding: { y: { field: 'p99', type: 'quantitative' } },
      },
      {
        data: { values: [{ p99: slo, label: `p99 target ${slo} ms` }] },
        mark: { type: 'text', align: 'left', baseline: 'bottom', x: 4, dy: -4, fontSize: 20, color: '#b22' },
        encoding: { y: { field: 'p99', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 3, point: { size: 110, filled: true } },
        encoding: {
          x,
          y,
          color: { ...color, legend: { labelLimit: 180, symbolStrokeWidth: 3 } },
          shape: { field: 'app', type: 'nominal', title: null, scale: { domain: apps } },
          strokeDash: {
            field: 'app',
            type: 'nominal',
            title: null,
            scale: { domain: apps, range: DASHES.slice(0, apps.length) },
          },
        },
      },
      {
        // After the lines: the legend takes its symbols from the first layer that draws the field.
        data: { values: probes },
        mark: { type: 'point', size: 60, opacity: 0.3, filled: true },
        encoding: { x, y, color },
      },
    ],
  } as TopLevelSpec;
}
