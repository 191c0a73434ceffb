/**
 * How numbers, intervals and labels are written in every table (latest.md, slide partials, README),
 * so a label such as "not server-bound (server 87 %, generator 99 %)" reads the same wherever a cell
 * appears.
 */
import { BASELINE } from '../model/defaults.js';
import { resultScenarioId } from '../model/scenario-list.js';
import type { Block, Interval, Result, Run } from '../model/schema.js';
import { comparison } from '../model/result-fields.js';
import { boundLabel, coreFullLabel } from '../stats/server-bound.js';
import { rankRanges } from '../stats/ties.js';

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number | null | undefined) => (n == null ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1));
export const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

/** Marks a comparison whose interval did not reach the target width. */
export const WIDE_MARK = '†';

/** `0.98 (0.95–1.01)`; just the median without an interval; `–` for none. */
export function interval(i: Interval | null, digits = 2): string {
  if (!i) return '–';
  if (i.lo === null || i.hi === null) return i.median.toFixed(digits);
  return `${i.median.toFixed(digits)} (${i.lo.toFixed(digits)}–${i.hi.toFixed(digits)})`;
}

/**
 * A rate cell whose server did not fill its core: its rate is not the server's capacity. Files
 * written before the server-bound check carry only `generatorBound`, which then stands for it.
 */
export function notServerBound(r: Result): boolean {
  return r.status !== 'failed' && (r.serverBound === undefined ? r.generatorBound : !r.serverBound);
}

/**
 * `not server-bound (server 87 %, generator 99 %)` for such a cell, `generator core full (generator
 * 55 % + PostgreSQL 41 %)` for a database cell whose generator core was full (both when both), else null.
 */
export function boundTag(r: Result): string | null {
  const tags = [
    ...(notServerBound(r) ? [boundLabel(r.serverCpu ?? NaN, r.loadgenCpu ?? NaN)] : []),
    ...(r.generatorCoreFull && r.status !== 'failed'
      ? [coreFullLabel(r.loadgenCpu ?? NaN, r.dbCpu ?? NaN)]
      : []),
  ];
  return tags.length > 0 ? tags.join(', ') : null;
}

/** The app as a row label: the baseline and not server-bound cells say so, in every table. */
export function appLabel(r: Result): string {
  const bound = boundTag(r);
  const tags = [...(r.app === BASELINE ? ['baseline'] : []), ...(bound ? [bound] : [])];
  return tags.length > 0 ? `${r.app} (${tags.join(', ')})` : r.app;
}

/** The comparison cell with its mark when it stayed too wide. */
export function comparisonCell(r: Result, by: Block['compareBy'], which: 'ratio' | 'cpuRatio'): string {
  const i = which === 'ratio' ? r.ratio : r.cpuRatio;
  const marked = by === which && r.converged === false ? ` ${WIDE_MARK}` : '';
  return `${interval(i)}${marked}`;
}

/** The headline value, `failed: …` or `… invalid`. */
export function valueCell(r: Result, withRange: boolean): string {
  const s = r.rps ?? r.msgs ?? r.clients;
  if (r.status === 'failed') return `failed: ${r.reason ?? 'unknown'}`;
  const value = s ? (withRange ? `${int(s.median)} (${int(s.min)}–${int(s.max)})` : int(s.median)) : '–';
  return r.status === 'invalid' ? `${s ? `${value} ` : ''}invalid` : value;
}

/**
 * Best comparison first, ties by name; failed last. ws-capacity rows by name only: one ramp per app
 * has no interval, and an order by clients held would rank what cannot be ranked.
 */
export function sortRows(results: readonly Result[], by: Block['compareBy']): Result[] {
  const score = (r: Result) =>
    r.status === 'failed' ? -Infinity : by === 'capacity' ? 0 : (comparison(r, by)?.median ?? -1);
  return [...results].sort((a, b) => score(b) - score(a) || a.app.localeCompare(b.app));
}

/**
 * The rows one table (or chart) shows, best first, each ranked among those rows only: the stored
 * rank may count rows shown elsewhere (a file written before ranks were grouped ranked the apps
 * among the reference servers too), and a table's ranks must add up within the table.
 */
export function rankedRows(results: readonly Result[], by: Block['compareBy']): Result[] {
  const rows = sortRows(results, by);
  const ranks = rankRanges(rows.map((r) => (r.status === 'failed' ? null : comparison(r, by))));
  return rows.map((r, i) => ({ ...r, rank: ranks[i] ?? null }));
}

/** The results of one block. */
export function blockResults(run: Pick<Run, 'results'>, block: Pick<Block, 'scenario' | 'node'>): Result[] {
  return run.results.filter((r) => resultScenarioId(r) === block.scenario && r.node === block.node);
}

/** Legend lines for the marks a table used, then the block's warnings (short: they go on slides too). */
export function legend(rows: readonly Result[], block: Block, target: number): string[] {
  const lines: string[] = [];
  if (block.compareBy === 'capacity')
    lines.push('rank –: one ramp per app has no interval, so no app is ranked');
  if (rows.some((r) => r.rank && r.rank.best !== r.rank.worst))
    lines.push('rank a–b: tied with the rows it could swap with (their 95 % intervals overlap)');
  const wide = block.warnings.find((w) => w.startsWith('wider than'));
  if (rows.some((r) => r.converged === false) && !wide)
    lines.push(`${WIDE_MARK} interval wider than ±${pct(target)} when the time was up`);
  return [
    ...lines,
    ...block.warnings.map((w) => (w.startsWith('wider than') ? `${WIDE_MARK} ${w}` : `⚠ ${w}`)),
  ];
}

/** The Node versions (or runtimes) a run's blocks ran on, in run order. */
export const blockNodes = (run: Pick<Run, 'blocks'>) => [...new Set(run.blocks.map((b) => b.node))];

/** The scenario ids of a run's blocks, in run order. */
export const blockScenarios = (run: Pick<Run, 'blocks'>) => [...new Set(run.blocks.map((b) => b.scenario))];

/** One app's result in one scenario on one Node version (or runtime). */
export function findResult(
  run: Pick<Run, 'results'>,
  app: string,
  scenario: string,
  node: string,
): Result | undefined {
  return run.results.find((r) => r.app === app && r.node === node && resultScenarioId(r) === scenario);
}

/** A ratio cell of a cross-version table: the interval, `failed`, or `–` when not measured. */
export function ratioCell(r: Result | undefined): string {
  if (!r) return '–';
  if (r.status === 'failed') return 'failed';
  const bound = boundTag(r);
  return `${interval(r.ratio)}${bound ? ` (${bound})` : ''}`;
}

/** CPU microseconds per request, `–` when not read (outside the database scenarios, no /proc). */
export function usPerReq(us: number | null | undefined): string {
  return us == null || !Number.isFinite(us) ? '–' : us.toFixed(0);
}
