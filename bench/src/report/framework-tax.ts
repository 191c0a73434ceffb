/**
 * "The framework tax, with and without a database": each app's plaintext ratio to node:http beside
 * its `queries` ratio, from one full run (slides/generated/framework-tax.{md,takeaway.md,svg}). The
 * title is written from the data under the takeaway's tie rules: an app's tax "shrinks" or "grows"
 * only when its two intervals are clear of each other, and an app is named least or most taxed only
 * when its queries interval is clear of every other app's.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BASELINE } from '../model/defaults.js';
import { isClusterRow } from '../model/target.js';
import { comparison } from '../model/result-fields.js';
import { rankRanges } from '../stats/ties.js';
import { interval } from './format.js';
import { SLIDE_CHART_CONFIG } from './chart.js';
import { markdownTable } from './table.js';
import { names, shortName, type Rated } from './takeaway.js';
import { slideMethod } from './slide.js';
import type { Block, Interval, Run } from '../model/schema.js';

/** The results id (file stem in slides/generated) the deck's `<!-- results: framework-tax -->` names. */
export const FRAMEWORK_TAX = 'framework-tax';

interface TaxRow {
  name: string;
  plaintext: Interval | null;
  queries: Interval | null;
}

interface Tax {
  plaintext: Block;
  queries: Block;
  rows: TaxRow[];
}

/** The two blocks (same Node) and each app's two ratios; null when the run lacks either scenario. */
export function frameworkTax(run: Run): Tax | null {
  const queries = run.blocks.find((b) => b.scenario === 'queries');
  const plaintext = run.blocks.find((b) => b.scenario === 'plaintext' && b.node === queries?.node);
  if (!queries || !plaintext) return null;
  const of = (block: Block, app: string) => {
    const r = run.results.find(
      (x) => x.app === app && x.scenario === block.scenario && x.node === block.node,
    );
    return r && r.status !== 'failed' ? comparison(r, block.compareBy) : null;
  };
  const apps = run.results
    .filter((r) => r.scenario === 'queries' && r.node === queries.node && r.kind === 'app')
    .map((r) => r.app)
    .filter((app) => app !== BASELINE && !isClusterRow(app));
  const rows = apps.map((app) => ({
    name: shortName(app),
    plaintext: of(plaintext, app),
    queries: of(queries, app),
  }));
  return { plaintext, queries, rows };
}

const shown = (v: number) => Number(v.toFixed(2));
const times = (x: number) => `${x.toFixed(2)}×`;
const full = (i: Interval | null): i is Interval & { lo: number; hi: number } =>
  i !== null && i.lo !== null && i.hi !== null;

/** The slide's title, from the intervals (see the file comment). */
export function frameworkTaxTitle(tax: Tax): string {
  const both = tax.rows.filter((r) => full(r.plaintext) && full(r.queries));
  if (both.length === 0) {
    const medians = tax.rows
      .filter((r) => r.plaintext && r.queries)
      .map((r) => `${r.name} ${times(r.plaintext!.median)} → ${times(r.queries!.median)}`);
    return `framework tax: medians only, no intervals${medians.length > 0 ? `: ${medians.join(', ')}` : ''}`;
  }
  // As the tables print them (two decimals): intervals that touch on the slide tie.
  const p = (r: TaxRow) => r.plaintext as Interval & { lo: number; hi: number };
  const q = (r: TaxRow) => r.queries as Interval & { lo: number; hi: number };
  const shrink = both.filter((r) => shown(q(r).lo) > shown(p(r).hi));
  const grow = both.filter((r) => shown(q(r).hi) < shown(p(r).lo));
  const same = both.filter((r) => !shrink.includes(r) && !grow.includes(r));
  const rated = (rows: TaxRow[]): Rated[] => rows.map((r) => ({ name: r.name, i: q(r) }));
  const parts: string[] = [];
  if (same.length === both.length) parts.push('with a database no app moves beyond its intervals');
  else {
    if (shrink.length > 0) parts.push(`${names(rated(shrink))} closer to node:http with a database`);
    if (grow.length > 0) parts.push(`${names(rated(grow))} further from node:http with a database`);
    if (same.length > 0) parts.push(`${names(rated(same))} unchanged within the intervals`);
  }
  const ranks = rankRanges(both.map((r) => q(r)));
  const first = both.filter((_, k) => ranks[k]!.best === 1);
  const last = both.filter((_, k) => ranks[k]!.worst === both.length);
  // "All tie" is among the frameworks; whether each still sits below node:http is its own clause,
  // or a reader takes the tie for a tie with node:http (run 07-36: express 0.95 (0.92–0.99) is below).
  const below = both.filter((r) => shown(q(r).hi) < 1);
  const under = below.length > 0 ? `, ${names(rated(below))} still below node:http` : '';
  if (both.length > 1 && first.length === both.length)
    parts.push(`on queries the apps tie with one another${under}`);
  else if (both.length > 1) {
    if (first.length === 1) parts.push(`${first[0]!.name} least taxed on queries`);
    if (last.length === 1) parts.push(`${last[0]!.name} most taxed on queries`);
  }
  return `framework tax: ${parts.join('; ')}`;
}

const per = (b: Block) => (b.compareBy === 'cpuRatio' ? ' per CPU-s' : '');

/** The appendix table: app, plaintext ratio (95 % CI), queries ratio (95 % CI). */
export function frameworkTaxTable(tax: Tax): string {
  return markdownTable(
    ['app', `plaintext ratio${per(tax.plaintext)} (95 % CI)`, `queries ratio${per(tax.queries)} (95 % CI)`],
    ['l', 'r', 'r'],
    tax.rows.map((r) => [r.name, interval(r.plaintext), interval(r.queries)]),
  );
}

/** `framework-tax.md`: the table, what it compares, the method of the queries block. */
export function frameworkTaxPartial(run: Run, tax: Tax): string {
  return `${frameworkTaxTable(tax)}\n\n- ratio to node:http in the same rounds, plaintext (GET /) and queries (GET /queries?queries=20, 20 single-row SELECTs per request on PostgreSQL); the other side of each ratio is node:http in the same block\n\n_${slideMethod(run, tax.queries)}_\n`;
}

/** `framework-tax.takeaway.md`: the title, what the chart shows, the method. */
export function frameworkTaxTakeaway(run: Run, tax: Tax): string {
  return `${frameworkTaxTitle(tax)}\n\nEach app's ratio to node:http without a database (plaintext) and with one (queries): dot = median, bar = 95 % interval; table in the appendix\n\n_${slideMethod(run, tax.queries)}_\n`;
}

/** The chart: per app two points with whiskers, plaintext and queries, labels at 20 px or more. */
export function frameworkTaxChartSpec(tax: Tax, subtitle: string): TopLevelSpec {
  const data = tax.rows.flatMap((r) =>
    (['plaintext', 'queries'] as const).flatMap((series) => {
      const i = r[series];
      if (!i) return [];
      return [{ app: r.name, series, median: i.median, lo: i.lo ?? i.median, hi: i.hi ?? i.median }];
    }),
  );
  const y = { field: 'app', type: 'nominal', sort: null, title: null, axis: { labelLimit: 200 } } as const;
  const yOffset = { field: 'series', type: 'nominal', sort: ['plaintext', 'queries'] } as const;
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: ['plaintext', 'queries'], range: ['#3d6a99', '#c05a2b'] },
    legend: { orient: 'top', direction: 'horizontal' },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `framework tax: ratio to node:http on plaintext and on queries, with 95 % intervals — ${subtitle}`,
    config: SLIDE_CHART_CONFIG,
    autosize: { type: 'none' },
    padding: { left: 130, right: 40, top: 60, bottom: 64 },
    width: 760,
    height: 70 * tax.rows.length,
    background: 'white',
    data: { values: data },
    layer: [
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', color: '#999', strokeDash: [4, 3] },
        encoding: { x: { field: 'one', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', strokeWidth: 4 },
        encoding: {
          y,
          yOffset,
          color,
          x: { field: 'lo', type: 'quantitative', title: 'ratio to node:http', scale: { zero: false } },
          x2: { field: 'hi' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 220, opacity: 1 },
        encoding: { y, yOffset, color, x: { field: 'median', type: 'quantitative' } },
      },
    ],
  };
}
