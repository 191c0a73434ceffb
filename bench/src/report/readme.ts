/**
 * The README's results block, between its `bench:` markers: the newest full run (every app ×
 * scenario as a paired ratio with its interval, every warning) and, when there is one, the newest
 * Node-matrix run (where each Node line stands and what changed). Nothing else writes it.
 */
import { BASELINE } from '../model/defaults.js';
import { blockResults, boundTag, int, interval, WIDE_MARK } from './format.js';
import { markdownTable } from './table.js';
import { methodLine } from './method.js';
import { changeLines, lifecycleLines, matrixTable } from './matrix.js';
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

/** Every app × scenario of a full run, the own-reference overhead, then the warnings. */
export function fullSummary(run: Run): string {
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
  return [
    `_${methodLine(run)}_`,
    `Paired ratio to ${BASELINE} on Node ${run.env.serverNodes.join(', ')}: the median of per-round ratios with its 95 % interval. ` +
      `Overlapping intervals are ties, not wins; ${WIDE_MARK} marks an interval still wider than ±${(run.settings.target * 100).toFixed(0)} % when the time was up. ` +
      `Per scenario, with ranks, req/s, latency and memory: [bench/results/latest.md](bench/results/latest.md).`,
    markdownTable(
      head,
      head.map((_, i) => (i === 0 ? 'l' : 'r')),
      rows,
    ),
    ...(warnings.length > 0 ? [warnings.join('\n')] : []),
  ].join('\n\n');
}

/** The Node-matrix section: each line's status, the table, what changed. */
export function matrixSummary(run: Run): string {
  const lines = lifecycleLines(run).map((l) => `- ${l}`);
  const changes = changeLines(run).map((l) => `- ${l}`);
  return [
    '### Node versions',
    `_${methodLine(run)}_`,
    lines.join('\n'),
    matrixTable(run),
    ...(changes.length > 0
      ? [`What changes from the oldest to the newest line:\n\n${changes.join('\n')}`]
      : []),
  ].join('\n\n');
}

/** The whole block; either run may be missing (a fresh clone has neither). */
export function readmeBlock(full: Run | null, matrix: Run | null): string {
  return [
    full ? fullSummary(full) : '_No full run yet: `npm run bench`._',
    matrix ? matrixSummary(matrix) : '_No Node-matrix run yet: `npm run bench -- --matrix`._',
  ].join('\n\n');
}
