/**
 * The Node-version matrix (a `--matrix` run): every app's ratio to node-http-app on each Node line,
 * as a table and a chart for its slide, where each line stands (end of life, maintenance, active),
 * and what changed between the oldest and the newest line beyond the intervals.
 */
import type { TopLevelSpec } from 'vega-lite';
import { SLIDE_CHART_CONFIG } from './chart.js';
import { BASELINE } from '../model/defaults.js';
import { blockNodes, blockScenarios, findResult, interval, notServerBound, ratioCell } from './format.js';
import { markdownTable } from './table.js';
import { lineStatus, majorOf } from '../model/node-lines.js';
import { resultScenarioId } from '../model/scenario-list.js';
import { tied } from '../stats/ties.js';
import { shortCommit } from './method.js';
import type { Run } from '../model/schema.js';

const appsOf = (run: Run) => [...new Set(run.results.filter((r) => r.app !== BASELINE).map((r) => r.app))];

/** App × scenario rows, one column per Node version: the paired ratio with its interval. */
export function matrixTable(run: Run): string {
  const nodes = blockNodes(run);
  const body = blockScenarios(run).flatMap((id) =>
    appsOf(run)
      .filter((app) => nodes.some((n) => findResult(run, app, id, n)))
      .map((app) => [app, id, ...nodes.map((n) => ratioCell(findResult(run, app, id, n)))]),
  );
  return markdownTable(
    ['app', 'scenario', ...nodes.map((n) => `Node ${n}`)],
    ['l', 'l', ...nodes.map(() => 'r' as const)],
    body,
  );
}

/** One line per Node version measured: where its release line stands on the run's date. */
export function lifecycleLines(run: Run): string[] {
  return blockNodes(run).map((v) => `Node ${majorOf(v)} (${v}): ${lineStatus(majorOf(v), run.env.date)}`);
}

/** A ratio that moved beyond both intervals between the oldest and newest Node line. */
export interface Move {
  text: string;
  delta: number;
  app: string;
  scenario: string;
  from: number;
  to: number;
}

/** What moved between the oldest and the newest version beyond both intervals (largest first), and what did not. */
export function changes(run: Run): { moved: Move[]; same: string[] } {
  const nodes = blockNodes(run);
  const [first, last] = [nodes[0], nodes.at(-1)];
  const moved: Move[] = [];
  const same: string[] = [];
  if (!first || !last || first === last) return { moved, same };
  for (const id of blockScenarios(run)) {
    for (const app of appsOf(run)) {
      const a = findResult(run, app, id, first)?.ratio;
      const b = findResult(run, app, id, last)?.ratio;
      if (!a || !b) continue;
      if (tied(a, b)) same.push(`${app} ${id}`);
      else
        moved.push({
          text: `${app} ${id}: ${interval(a)} on Node ${majorOf(first)} → ${interval(b)} on Node ${majorOf(last)}`,
          delta: Math.abs(b.median - a.median),
          app,
          scenario: id,
          from: a.median,
          to: b.median,
        });
    }
  }
  moved.sort((x, y) => y.delta - x.delta);
  return { moved, same };
}

/** The changes as lines: every move, then what stayed within its intervals. */
export function changeLines(run: Run): string[] {
  const { moved, same } = changes(run);
  const first = majorOf(blockNodes(run)[0] ?? '');
  const last = majorOf(blockNodes(run).at(-1) ?? '');
  return [
    ...moved.map((m) => m.text),
    ...(same.length > 0 ? [`within their intervals from Node ${first} to ${last}: ${same.join(', ')}`] : []),
  ];
}

/**
 * The Node-matrix slide: one row per app, per scenario the median ratio on each Node line in order
 * (the intervals are the chart's whiskers, and in latest-matrix.md), where each line stands, what
 * moved beyond its intervals, and a short method line. Sized for 20 px like the other results slides.
 */
export function matrixPartial(run: Run): string {
  const nodes = blockNodes(run);
  const majors = nodes.map(majorOf);
  const head = ['app', ...blockScenarios(run).map((id) => `${id}: Node ${majors.join(' → ')}`)];
  const body = appsOf(run).map((app) => [
    app,
    ...blockScenarios(run).map((id) => {
      const cells = nodes.map((n) => findResult(run, app, id, n));
      if (cells.every((r) => !r)) return '–';
      return cells
        .map((r) => (!r ? '–' : r.status === 'failed' ? 'failed' : (r.ratio?.median.toFixed(2) ?? '–')))
        .join(' → ');
    }),
  ]);
  const table = markdownTable(
    head,
    head.map(() => 'l' as const),
    body,
  );
  const status = nodes.map(
    (v) => `${majorOf(v)}: ${lineStatus(majorOf(v), run.env.date).replace(/ (since|until) .*/, '')}`,
  );
  // Two lines of moves at most: the slide has room for them beside table and chart (three overflowed
  // it by 10 px with five apps); latest-matrix.md has every one.
  const SHOWN = 2;
  const { moved: all } = changes(run);
  const moved = all.slice(0, SHOWN).map((m) => m.text);
  if (all.length > SHOWN)
    moved.push(`… ${all.length - SHOWN} more in latest-matrix.md; the rest within their intervals`);
  else if (all.length > 0) moved.push('the other ratios stayed within their intervals');
  const bound = run.results.some(notServerBound)
    ? ['⚠ some cells were not server-bound: see latest-matrix.md']
    : [];
  const notes = [`Node ${status.join(' · ')}`, ...moved, ...bound];
  const when = withCommit(run);
  const method = `ratio to ${BASELINE} on the same Node line (chart whiskers: 95 % intervals) · ${run.env.cores} cores, generator on its own core · ${run.settings.minRounds}–${run.settings.maxRounds} interleaved rounds of ${run.settings.sampleS} s per Node line · noise ${run.noise.level} · ${when} · method: bench/results/latest-matrix.md`;
  return `${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n\n_${method}_\n`;
}

/** The matrix chart: ratio by Node major per app, whiskers for the intervals, one panel per scenario. */
export function matrixChartSpec(run: Run, subtitle: string): TopLevelSpec {
  const data = run.results
    .filter((r) => r.app !== BASELINE && r.ratio && r.status !== 'failed')
    .map((r) => ({
      app: r.app.replace(/-app$/, ''),
      scenario: resultScenarioId(r),
      node: majorOf(r.node),
      median: r.ratio!.median,
      lo: r.ratio!.lo ?? r.ratio!.median,
      hi: r.ratio!.hi ?? r.ratio!.median,
    }));
  const x = {
    field: 'node',
    type: 'ordinal',
    title: 'Node',
    sort: blockNodes(run).map(majorOf),
    axis: { labelAngle: 0 },
  } as const;
  const color = { field: 'app', type: 'nominal', title: null, legend: { labelLimit: 300 } } as const;
  const shape = { field: 'app', type: 'nominal', title: null } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // No title: the slide's title is the takeaway; the SVG's description says what is drawn.
    description: `Ratio to node:http by Node version, 95 % intervals — ${subtitle}`,
    config: SLIDE_CHART_CONFIG,
    background: 'white',
    data: { values: data },
    facet: { column: { field: 'scenario', type: 'nominal', title: null, sort: blockScenarios(run) } },
    spec: {
      width: 330,
      height: 260,
      layer: [
        {
          mark: { type: 'line', point: { size: 120 }, strokeWidth: 3 },
          encoding: { x, y: { field: 'median', type: 'quantitative', title: 'ratio' }, color, shape },
        },
        {
          mark: { type: 'rule', strokeWidth: 3 },
          encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color },
        },
      ],
    },
  };
}

/**
 * The matrix slide's takeaway (`node-matrix.takeaway.md`): the largest move as the title, where
 * each Node line stands, and the method; the chart carries every app and version.
 */
export function matrixTakeaway(run: Run): string {
  const majors = blockNodes(run).map(majorOf);
  const { moved } = changes(run);
  const top = moved[0];
  const span = `Node ${majors[0]} → ${majors.at(-1)}`;
  const title = top
    ? `${span}: ${top.app.replace(/-app$/, '')} ${top.scenario} moves most, ${top.from.toFixed(2)}× → ${top.to.toFixed(2)}×${moved.length > 1 ? `; ${moved.length - 1} more moved` : ''}`
    : `${span}: every ratio stayed within its intervals`;
  const status = blockNodes(run).map(
    (v) => `${majorOf(v)}: ${lineStatus(majorOf(v), run.env.date).replace(/ (since|until) .*/, '')}`,
  );
  const lines = [
    `ratio to node:http on the same Node line, per app and version: dot = median, bar = 95 % interval; table in the appendix`,
    `Node ${status.join(' · ')}`,
    ...(run.results.some(notServerBound) ? ['⚠ some cells were not server-bound: see latest-matrix.md'] : []),
    `_${run.env.cores} cores, generator on its own core · noise ${run.noise.level} · ${withCommit(run)} · method: bench/results/latest-matrix.md_`,
  ];
  return `${title}\n\n${lines.join('\n\n')}\n`;
}

/** `2026-12-06 · 7dd486b`: the day and, when git knew it, the commit measured (as every results slide). */
export function withCommit(run: Pick<Run, 'env'>): string {
  const commit = shortCommit(run.env);
  return `${run.env.date.slice(0, 10)}${commit ? ` · ${commit}` : ''}`;
}
