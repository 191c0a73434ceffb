/**
 * The slide partials (`slides/generated/<scenario>.md`), written for a projector: at the deck's
 * 20 px minimum a 1280×720 slide holds about seven table rows, a few note lines and a chart. So
 * the table has the apps only (each app's overhead over its framework's reference server is a
 * column; the reference rows are in latest.md) and the ratios only, and below it every mark's
 * meaning, every warning of the scenario and a short method line. No heading (the slide has its
 * own) and no `---` line (Marp would break the slide there).
 */
import { BASELINE, NOISY_BASELINE_CV, QUIET_CANARY_CV } from '../model/defaults.js';
import { SERVER_BOUND_MIN } from '../stats/server-bound.js';
import {
  blockResults,
  boundTag,
  comparisonCell,
  int,
  interval,
  notServerBound,
  usPerReq,
  rankedRows,
  WIDE_MARK,
} from './format.js';
import { escapeCell, markdownTable } from './table.js';
import { capacitySteps, stepCell } from './markdown.js';
import { rankLabel } from '../stats/ties.js';
import { shortCommit } from './method.js';
import type { Block, Result, Run } from '../model/schema.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(0)} %`);

/**
 * `baseline`, `not server-bound (server 87 %, generator 99 %)`: the slide's label column (words,
 * not marks, so nobody has to guess).
 */
function flags(r: Result): string {
  const bound = boundTag(r);
  return [...(r.app === BASELINE ? ['baseline'] : []), ...(bound ? [bound] : [])].join(', ');
}

/**
 * A scenario's canary CV beside the run's: a scenario can be calm (canary CV 0 %) in a run the
 * canary's spikes elsewhere made noisy, and "0 %: noisy" alone reads as a contradiction.
 */
function cvPair(block: number | null, run: number | null): string {
  return `${pct(block)} (run ${pct(run)})`;
}

/** The one-line method under a slide's table; the full one is in latest.md. */
export function slideMethod(run: Run, block: Block): string {
  const g = run.generator ? ` (ceiling ≈ ${int(run.generator.ceiling / 1000)}k req/s)` : '';
  const rounds =
    block.compareBy === 'capacity'
      ? 'one ramp per app'
      : `${block.rounds} interleaved rounds of ${run.settings.sampleS} s`;
  const noise =
    block.compareBy === 'capacity'
      ? `noise ${run.noise.level}`
      : `canary CV ${cvPair(block.canaryCv, run.noise.canaryCv)}, baseline CV ${pct(block.baselineCv)}: ${run.noise.level}`;
  const commit = shortCommit(run.env);
  // The database scenarios: which PostgreSQL, where it ran, the pool (the full line is in latest.md).
  const pg =
    /(PostgreSQL [\d.]+) .*?, (pinned to \S+ with the load generator|unpinned); postgres\.js pool of (\d+)/.exec(
      block.method,
    );
  const db = pg
    ? ` · ${pg[1]} ${(pg[2] ?? '').replace(' with the load generator', '')}, pool ${pg[3]}/process`
    : '';
  // Run warnings (a busy machine, no pinning) concern every scenario, so every slide carries them.
  const warnings = run.warnings.map((w) => ` · ⚠ ${w}`).join('');
  return `Node ${block.node} · ${run.env.cores} cores, ${run.env.pinned ? `generator on its own core${g}` : 'unpinned'} · ${rounds}${db} · ${noise} · ${run.env.date.slice(0, 10)}${commit ? ` · ${commit}` : ''}${run.quick ? ' · quick run' : ''} · method: bench/results/latest.md${warnings}`;
}

/** What a noisy run's results titles carry, so nobody reads its medians as a quiet run's. */
export const NOISY_MARK = '(noisy run)';

/** A results slide's title, with NOISY_MARK beside it when the run was noisy. */
export function slideTitle(title: string, run: { noise: Pick<Run['noise'], 'level'> }): string {
  return run.noise.level === 'noisy' ? `${title} ${NOISY_MARK}` : title;
}

/** A takeaway partial (its first line is the slide's title) with the title marked as slideTitle does. */
export function markTakeaway(partial: string, run: { noise: Pick<Run['noise'], 'level'> }): string {
  const [title = '', ...rest] = partial.split('\n');
  return [slideTitle(title, run), ...rest].join('\n');
}

function capacityTable(rows: readonly Result[]): string {
  const steps = capacitySteps(rows);
  const head = ['app', 'held', ...steps.map((c) => `p95 ms at ${int(c)}`)];
  const body = rows.map((r) => [
    r.app,
    r.status === 'failed'
      ? 'failed'
      : r.capacity
        ? `${r.capacity.capped ? '≥ ' : ''}${int(r.capacity.held)}`
        : '–',
    ...steps.map((c) => stepCell(r, c)),
  ]);
  return markdownTable(
    head,
    head.map((_, i) => (i === 0 ? 'l' : 'r')),
    body,
  );
}

function rateTable(rows: readonly Result[], block: Block): string {
  const withRef = rows.some((r) => r.refRatio !== null);
  const withDb = rows.some((r) => r.dbUsPerReq !== undefined);
  const head = [
    'rank',
    'app',
    'ratio (95 % CI)',
    'per CPU-s ratio',
    ...(withRef ? ['vs own reference'] : []),
    ...(withDb ? ['PostgreSQL µs/req'] : []),
    '',
  ];
  const body = rows.map((r) => [
    rankLabel(r.rank),
    r.app,
    r.status === 'failed' ? 'failed' : comparisonCell(r, block.compareBy, 'ratio'),
    r.status === 'failed' ? '' : comparisonCell(r, block.compareBy, 'cpuRatio'),
    ...(withRef ? [interval(r.refRatio)] : []),
    ...(withDb ? [usPerReq(r.dbUsPerReq)] : []),
    flags(r),
  ]);
  return markdownTable(
    head,
    head.map((_, i) => (i < 2 || i === head.length - 1 ? 'l' : 'r')),
    body,
  );
}

/**
 * Every warning of the scenario in the few words a slide has room for; the table's flags column
 * names the rows each applies to, and latest.md has the long form with the figures.
 */
export function slideNotes(rows: readonly Result[], block: Block, target: number): string[] {
  const notes: string[] = [];
  const marks = [
    ...(rows.some((r) => r.rank && r.rank.best !== r.rank.worst)
      ? ['rank a–b: a tie (the 95 % intervals overlap)']
      : []),
    ...(rows.some((r) => r.converged === false)
      ? [`${WIDE_MARK} wider than ±${(target * 100).toFixed(0)} % when the time was up`]
      : []),
  ];
  if (marks.length > 0) notes.push(marks.join(' · '));
  if (rows.some(notServerBound))
    notes.push(
      `⚠ not server-bound: a server below ${SERVER_BOUND_MIN * 100} % of its core did not set its rate; ranked per server CPU-second`,
    );
  else if (rows.some((r) => r.generatorCoreFull && r.status !== 'failed'))
    notes.push(
      '⚠ generator core full: load generator + PostgreSQL above its limit, the load may have been held back; ranked per server CPU-second',
    );
  else if (block.warnings.some((w) => w.startsWith('senders at their pacing ceiling')))
    notes.push(
      '⚠ paced: the senders were at their ceiling, so the rate is theirs; ranked per server CPU-second',
    );
  if (block.baselineCv !== null && block.baselineCv > NOISY_BASELINE_CV)
    notes.push(`⚠ noisy: ${BASELINE} varied ${pct(block.baselineCv)} (CV) between samples`);
  const capped = rows.find((r) => r.capacity?.capped);
  if (capped) notes.push(`⚠ capped by ${capped.capacity!.capped}: compare the p95 at each step`);
  // "vs own reference" is explained on its own slide (App overhead vs each framework's minimal server).
  for (const r of rows) if (r.status === 'failed') notes.push(`${r.app} failed: ${r.reason ?? 'unknown'}`);
  return notes;
}

/** One scenario's partial for the deck. */
export function slidePartial(run: Run, block: Block): string {
  const rows = rankedRows(
    blockResults(run, block).filter((r) => r.kind === 'app'),
    block.compareBy,
  );
  const table = block.compareBy === 'capacity' ? capacityTable(rows) : rateTable(rows, block);
  // The appendix slide's heading is the deck's, not the bench's: the mark goes first in its notes.
  const notes = [
    ...(run.noise.level === 'noisy'
      ? [
          `⚠ noisy run: canary CV ${pct(run.noise.canaryCv)}, ${BASELINE} CV ${pct(run.noise.baselineCv)} (quiet is ≤ ${QUIET_CANARY_CV * 100} % and ≤ ${NOISY_BASELINE_CV * 100} %${run.noise.wide?.length ? `, and no table with † on most rows: ${run.noise.wide.length} had` : ''})`,
        ]
      : []),
    ...slideNotes(rows, block, run.settings.target),
  ];
  const list = notes.map((n) => `- ${escapeCell(n)}`).join('\n');
  return `${table}\n\n${list}${list ? '\n\n' : ''}_${slideMethod(run, block)}_\n`;
}
