/**
 * The README's results block, between its `bench:` markers: the newest full run (every app ×
 * scenario as a paired ratio with its interval, every warning) and, when there is one, the newest
 * Node-matrix run (where each Node line stands and what changed), each with its run warnings and,
 * when the measured code changed since its commit, a line saying so. Nothing else writes it.
 */
import { BASELINE } from '../model/defaults.js';
import { blockResults, boundTag, int, interval, WIDE_MARK } from './format.js';
import { markdownTable } from './table.js';
import { measuredCommit, methodLine, shortCommit, staleNote } from './method.js';
import { changeLines, lifecycleLines, matrixTable } from './matrix.js';
import { frameworkTax, frameworkTaxTitle } from './framework-tax.js';
import type { Block, Result, Run } from '../model/schema.js';

function cell(r: Result | undefined, block: Block): string {
  if (!r) return '–';
  if (r.status === 'failed') return 'failed';
  if (block.compareBy === 'capacity') {
    const held = r.capacity ? `${r.capacity.capped ? '≥ ' : ''}${int(r.capacity.held)}` : '–';
    const last = r.capacity?.steps.filter((s) => s.held).at(-1);
    return last?.p95 != null ? `${held}, p95 ${last.p95.toFixed(0)} ms` : held;
  }
  const i = block.compareBy === 'cpuRatio' ? r.cpuRatio : r.ratio;
  const bound = boundTag(r);
  return `${interval(i)}${r.converged === false ? ` ${WIDE_MARK}` : ''}${bound ? ` (${bound})` : ''}`;
}

/**
 * Files of the measured code changed in commits since each run's commit (empty: none; null or
 * absent: not known). output/ asks git; these functions only print what it found.
 */
export interface CodeChanges {
  full?: readonly string[] | null;
  matrix?: readonly string[] | null;
}

/** The lines a run brings beside its table: stale code first, then the run's own warnings. */
function runNotes(run: Run, changed: readonly string[] | null | undefined): string[] {
  const short = shortCommit(run.env) ?? measuredCommit(run.env);
  const stale = short && changed && changed.length > 0 ? [`**${staleNote(short, changed)}**`] : [];
  return [...stale, ...run.warnings.map((w) => `⚠ ${w}`)];
}

/** Every app × scenario of a full run, the own-reference overhead, then the warnings. */
export function fullSummary(run: Run, changed?: readonly string[] | null): string {
  const apps = [...new Set(run.results.filter((r) => r.kind === 'app').map((r) => r.app))];
  const head = [
    'app',
    ...run.blocks.map((b) => (b.compareBy === 'cpuRatio' ? `${b.scenario} (per CPU-s)` : b.scenario)),
  ];
  const plain = run.blocks.find((b) => b.scenario === 'plaintext');
  if (plain) head.push('plaintext vs own reference');
  const rows = apps.map((app) => [
    app === BASELINE ? `${app} (baseline)` : app,
    ...run.blocks.map((b) =>
      cell(
        blockResults(run, b).find((r) => r.app === app),
        b,
      ),
    ),
    ...(plain ? [interval(blockResults(run, plain).find((r) => r.app === app)?.refRatio ?? null)] : []),
  ]);
  const warnings = run.blocks.flatMap((b) => b.warnings.map((w) => `- ⚠ ${b.scenario}: ${w}`));
  const notes = runNotes(run, changed);
  const tax = frameworkTax(run);
  const taxLine = tax && [
    `**The framework tax, with and without a database** (plaintext → queries, ratio to ${BASELINE}): ` +
      `${frameworkTaxTitle(tax).replace(/^framework tax: /, '')} — ` +
      `${tax.rows.map((r) => `${r.name} ${interval(r.plaintext)} → ${interval(r.queries)}`).join(', ')}.`,
  ];
  return [
    ...(notes.length > 0 ? [notes.map((n) => `- ${n}`).join('\n')] : []),
    `_${methodLine(run)}_`,
    `Paired ratio to ${BASELINE} on Node ${run.env.serverNodes.join(', ')}: the median of per-round ratios with its 95 % interval. ` +
      `Overlapping intervals are ties, not wins; ${WIDE_MARK} marks an interval still wider than ±${(run.settings.target * 100).toFixed(0)} % when the time was up. ` +
      `Per scenario, with ranks, req/s, latency and memory: [bench/results/latest.md](bench/results/latest.md).`,
    markdownTable(
      head,
      head.map((_, i) => (i === 0 ? 'l' : 'r')),
      rows,
    ),
    ...(taxLine ?? []),
    ...(warnings.length > 0 ? [warnings.join('\n')] : []),
  ].join('\n\n');
}

/** The Node-matrix section: each line's status, the table, what changed. */
export function matrixSummary(run: Run, changed?: readonly string[] | null): string {
  const lines = lifecycleLines(run).map((l) => `- ${l}`);
  const changes = changeLines(run).map((l) => `- ${l}`);
  const notes = runNotes(run, changed);
  return [
    '### Node versions',
    ...(notes.length > 0 ? [notes.map((n) => `- ${n}`).join('\n')] : []),
    `_${methodLine(run)}_`,
    lines.join('\n'),
    matrixTable(run),
    ...(changes.length > 0
      ? [`What changes from the oldest to the newest line:\n\n${changes.join('\n')}`]
      : []),
  ].join('\n\n');
}

/** The whole block; either run may be missing (a fresh clone has neither). */
export function readmeBlock(full: Run | null, matrix: Run | null, changed: CodeChanges = {}): string {
  return [
    full ? fullSummary(full, changed.full) : '_No full run yet: `npm run bench`._',
    matrix ? matrixSummary(matrix, changed.matrix) : '_No Node-matrix run yet: `npm run bench -- --matrix`._',
  ].join('\n\n');
}
