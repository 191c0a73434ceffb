/**
 * latest*.md: per scenario (and Node version) its method line and a full table — rank ranges,
 * values, both paired ratios with intervals, latency, memory, the generator's CPU — then the
 * table's legend, warnings and per-app notes. No framework is highlighted.
 */
import { BASELINE } from '../model/defaults.js';
import {
  appLabel,
  blockResults,
  comparisonCell,
  int,
  interval,
  legend,
  ms,
  pct,
  rankedRows,
  usPerReq,
  valueCell,
} from './format.js';
import { escapeCell, markdownTable } from './table.js';
import { methodLine, scenarioMethodLine } from './method.js';
import { precisionLine } from './precision.js';
import { SCENARIO_INFO, type BaseScenario } from '../model/scenario-list.js';
import { rankLabel } from '../stats/ties.js';
import type { Block, Result, Run } from '../model/schema.js';
import { rowGroup, type RowGroup } from '../model/target.js';

/** `p95 ms at 5,000` … one column per ramp step any app reached. */
export function capacitySteps(rows: readonly Result[]): number[] {
  return [...new Set(rows.flatMap((r) => r.capacity?.steps.map((s) => s.clients) ?? []))].sort(
    (a, b) => a - b,
  );
}

/** `≥ 19,800 (capped by the open-files limit)`, or the count held. */
export function heldCell(r: Result): string {
  if (r.status === 'failed' || !r.capacity) return valueCell(r, false);
  const held = int(r.capacity.held);
  return r.capacity.capped ? `≥ ${held} (capped by ${r.capacity.capped})` : held;
}

/** p95 at a step, `–` where the app did not get there, marked where it no longer held. */
export function stepCell(r: Result, clients: number): string {
  const step = r.capacity?.steps.find((s) => s.clients === clients);
  if (!step) return '–';
  return `${ms(step.p95)}${step.held ? '' : ' (over)'}`;
}

function capacityTable(rows: readonly Result[]): string {
  const steps = capacitySteps(rows);
  const head = [
    'rank',
    'app',
    'version',
    'clients held',
    ...steps.map((c) => `p95 ms at ${int(c)}`),
    'RSS MB',
    'stopped',
  ];
  const body = rows.map((r) => [
    // Always `–` (the rank is null): one ramp per app has no interval to rank by.
    rankLabel(r.rank),
    appLabel(r),
    r.version,
    heldCell(r),
    ...steps.map((c) => stepCell(r, c)),
    r.rssMB == null ? '–' : r.rssMB.toFixed(0),
    r.capacity?.stop ?? '–',
  ]);
  return markdownTable(
    head,
    head.map((_, i) => (i < 3 || i === head.length - 1 ? 'l' : 'r')),
    body,
  );
}

function rateTable(rows: readonly Result[], block: Block): string {
  const base = rows[0]?.scenario as BaseScenario;
  const withRef = base === 'plaintext' && rows.some((r) => r.refRatio !== null);
  // The database scenarios: what a request cost each side, and the generator's core they share.
  const withDb = rows.some((r) => r.dbUsPerReq !== undefined);
  const head = [
    'rank',
    'app',
    'version',
    `${SCENARIO_INFO[base].unit} median (min–max)`,
    `ratio (95 % CI)`,
    'per CPU-s ratio (95 % CI)',
    ...(withRef ? ['vs own reference'] : []),
    'p50 ms',
    'p99 ms',
    'RSS MB',
    // Server-bound at a glance: only a server near 100 % of its core set its own rate.
    'server CPU',
    'generator CPU',
    ...(withDb ? ['PostgreSQL CPU', 'server µs/req', 'PostgreSQL µs/req'] : []),
    'n',
  ];
  const body = rows.map((r) => [
    rankLabel(r.rank),
    appLabel(r),
    r.version,
    valueCell(r, true),
    comparisonCell(r, block.compareBy, 'ratio'),
    comparisonCell(r, block.compareBy, 'cpuRatio'),
    ...(withRef ? [interval(r.refRatio)] : []),
    ms(r.latencyMs?.p50),
    ms(r.latencyMs?.p99),
    r.rssMB == null ? '–' : r.rssMB.toFixed(0),
    // Rounded down, as in the label: 94.9 % must not print as the 95 % line it missed.
    r.serverCpu == null ? '–' : `${Math.floor(r.serverCpu * 100 + 1e-9)} %`,
    r.loadgenCpu == null ? '–' : pct(r.loadgenCpu),
    ...(withDb
      ? [r.dbCpu == null ? '–' : pct(r.dbCpu), usPerReq(r.serverUsPerReq), usPerReq(r.dbUsPerReq)]
      : []),
    String(r.samples.length),
  ]);
  return markdownTable(
    head,
    head.map((_, i) => (i < 3 ? 'l' : 'r')),
    body,
  );
}

/** What a table after the apps' says it holds (the apps' table needs no heading). */
function groupIntro(run: Run, group: RowGroup): string {
  return group === 'references'
    ? "**Reference servers**: each framework's minimal hello as its docs teach it, ranked among themselves."
    : `**More than one process** (\`--workers ${run.settings.workers ?? 2}\`; \`×N\` = N node:cluster workers on one port, \`redis\` = chat relayed through Redis pub/sub). On a 2-core machine read these rows as the method and the cost of the relay hop, not as capacity: server, workers, Redis and the load generator share the same cores.`;
}

/**
 * One block's tables: the apps, then the reference servers, then the `--workers` rows, each ranked
 * among its own rows, with its legend and per-app notes; the block's warnings once, under the first.
 */
export function blockTable(run: Run, block: Block): string {
  const all = blockResults(run, block);
  const groups = (['apps', 'references', 'workers'] as const)
    .map((group) => ({ group, rows: all.filter((r) => rowGroup(r) === group) }))
    .filter((g) => g.rows.length > 0);
  return groups
    .map(({ group, rows }, k) => {
      const table = rowsTable(run, block, rankedRows(rows, block.compareBy), k === 0);
      return k === 0 ? table : `${groupIntro(run, group)}\n\n${table}`;
    })
    .join('\n\n');
}

function rowsTable(run: Run, block: Block, rows: Result[], warnings: boolean): string {
  const table = block.compareBy === 'capacity' ? capacityTable(rows) : rateTable(rows, block);
  const notes = legend(rows, warnings ? block : { ...block, warnings: [] }, run.settings.target);
  if (rows.some((r) => r.refRatio))
    notes.push(
      "vs own reference = paired ratio of the app to its framework's minimal hello server (goal ≥ 0.95)",
    );
  if (rows.some((r) => r.dbUsPerReq !== undefined))
    notes.push(
      "PostgreSQL CPU = the bench PostgreSQL's share of a core (postmaster and backends), on the load generator's core; µs/req = CPU per request, the server's and PostgreSQL's",
    );
  for (const r of rows) {
    if (r.status === 'invalid' && r.reason) notes.push(`${r.app}: ${r.reason}`);
    for (const n of r.notes) notes.push(`${r.app}: ${n}`);
  }
  return [
    table,
    ...(notes.length > 0 ? ['', ...[...new Set(notes)].map((n) => `- ${escapeCell(n)}`)] : []),
  ].join('\n');
}

/** A whole latest*.md: run method, run warnings, then per block a heading, its method line and table. */
export function renderMarkdown(run: Run): string {
  const nodes = new Set(run.blocks.map((b) => b.node)).size > 1;
  const sections = run.blocks.map((block) => {
    const base = block.scenario.replace(/-p\d+$/, '') as BaseScenario;
    const title = `## ${block.scenario} — ${SCENARIO_INFO[base].what}${nodes ? ` (Node ${block.node})` : ''}`;
    return `${title}\n\n_${scenarioMethodLine(run, block)}_\n\n${blockTable(run, block)}`;
  });
  const warnings = run.warnings.length > 0 ? `${run.warnings.map((w) => `> ⚠ ${w}`).join('\n>\n')}\n\n` : '';
  const kind = run.kind === 'full' ? '' : ` (${run.kind} run${run.partial ? ', partial' : ''})`;
  const precision = precisionLine(run);
  const intro = `Ratios are to ${BASELINE} in the same rounds; ties are rank ranges, never wins.${precision ? `\n\n${precision}` : ''}`;
  return `# Bench results${kind}\n\n_${methodLine(run)}_\n\n${intro}\n\n${warnings}${sections.join('\n\n')}\n`;
}
