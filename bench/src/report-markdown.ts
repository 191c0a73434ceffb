/**
 * Markdown tables: one per scenario (and Node version), sorted by ratio, the baseline marked, no
 * framework highlighted, a method line on each; plus a table across Node versions.
 */
import { BASELINE, headline } from './aggregate.js';
import { escapeCell, markdownTable } from './markdown-table.js';
import { BASE_SCENARIOS, resultScenarioId, SCENARIO_INFO, type BaseScenario } from './scenario-list.js';
import type { Result, Run } from './schema.js';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number | null | undefined) => (n == null ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const x = (n: number | null | undefined) => (n == null ? '–' : n.toFixed(2));

/** The one-line method summary printed above every table. */
export function methodLine(run: Pick<Run, 'env' | 'settings' | 'quick' | 'partial'>): string {
  const { env, settings: s } = run;
  const nodes = env.serverNodes.join(', ');
  const pipelining = s.pipelining > 1 ? `, pipelined variants ×${s.pipelining}` : ', no pipelining';
  return (
    `Method: ${env.cpu}, ${env.cores} cores, ${env.os}; servers on Node ${nodes}; ${env.pinning}; ` +
    `${s.connections} connections${pipelining}; ${s.warmupS} s warm-up + ${s.rounds} × ${s.durationS} s per app and scenario, ` +
    `order shuffled and apps restarted each round; median (min–max) of valid rounds; ratio = median / ${BASELINE} median; ` +
    `${env.date.slice(0, 16).replace('T', ' ')} UTC${run.quick ? ' — quick run, indicative only' : ''}${run.partial ? ' — PARTIAL (interrupted)' : ''}`
  );
}

/** Scenario ids present in the results, in the canonical order. */
export function scenarioIds(results: readonly Result[]): string[] {
  const order = (r: Result) => BASE_SCENARIOS.indexOf(r.scenario as BaseScenario) * 1000 + r.pipelining;
  return [...new Set([...results].sort((a, b) => order(a) - order(b)).map(resultScenarioId))];
}

/** Best first by ratio (then by value); results without a number last. */
export function sortByRatio(results: readonly Result[]): Result[] {
  const score = (r: Result) => (r.status === 'failed' ? -Infinity : (r.ratio ?? headline(r) ?? -1));
  return [...results].sort((a, b) => score(b) - score(a) || a.app.localeCompare(b.app));
}

/** One scenario's table for one Node version, with notes (failures, invalid rounds) below. */
export function scenarioTable(results: readonly Result[], id: string, node: string): string {
  const rows = sortByRatio(results.filter((r) => resultScenarioId(r) === id && r.node === node));
  if (rows.length === 0) return '';
  const base = rows[0]!.scenario as BaseScenario;
  const info = SCENARIO_INFO[base];
  const withRef = base === 'plaintext' && rows.some((r) => r.refRatio !== null);
  const head = [
    'app',
    'version',
    `${info.unit} median (min–max)`,
    'ratio',
    ...(withRef ? ['vs own reference'] : []),
    'p50 ms',
    'p99 ms',
    'RSS MB',
    'per CPU-s',
  ];
  // The reference column needs its definition next to it: it is not a ratio to the baseline.
  const notes: string[] = withRef
    ? ["vs own reference = the app's median ÷ its framework's minimal hello server's median (goal ≥ 0.95)"]
    : [];
  const body = rows.map((r) => {
    const name = r.app === BASELINE ? `${r.app} (baseline)` : r.app;
    const s = r.rps ?? r.msgs ?? r.clients;
    let value = s ? `${int(s.median)} (${int(s.min)}–${int(s.max)})` : '–';
    if (r.status === 'failed') value = `failed: ${r.reason ?? 'unknown'}`;
    else if (r.status === 'invalid') {
      value = `${s ? `${value} ` : ''}invalid`;
      notes.push(`${r.app}: ${r.reason}`);
    }
    for (const n of r.notes) notes.push(`${r.app}: ${n}`);
    const ref = withRef ? [x(r.refRatio)] : [];
    const perCpu = r.perCpuSecond == null ? '–' : int(r.perCpuSecond);
    const rss = r.rssMB == null ? '–' : r.rssMB.toFixed(0);
    return [
      name,
      r.version,
      value,
      x(r.ratio),
      ...ref,
      ms(r.latencyMs?.p50),
      ms(r.latencyMs?.p99),
      rss,
      perCpu,
    ];
  });
  const table = markdownTable(
    head,
    head.map((_, i) => (i < 2 ? 'l' : 'r')),
    body,
  );
  return [
    table,
    ...(notes.length > 0 ? ['', ...[...new Set(notes)].map((n) => `- ${escapeCell(n)}`)] : []),
  ].join('\n');
}

/** Each app's median per Node version (ratio in brackets), one table per scenario. */
export function nodeMatrixTable(results: readonly Result[], id: string): string {
  const nodes = [...new Set(results.map((r) => r.node))];
  if (nodes.length < 2) return '';
  const rows = results.filter((r) => resultScenarioId(r) === id);
  const apps = [...new Set(rows.map((r) => r.app))];
  const body = apps.map((app) => [
    app,
    ...nodes.map((node) => {
      const r = rows.find((o) => o.app === app && o.node === node);
      if (!r) return '–';
      if (r.status === 'failed') return 'failed';
      const v = headline(r);
      return v === null ? '–' : `${int(v)} (${x(r.ratio)})`;
    }),
  ]);
  return markdownTable(['app', ...nodes], ['l', ...nodes.map(() => 'r' as const)], body);
}

/**
 * Every app in every scenario across Node versions, as one table (the deck's node-matrix slide);
 * empty with a single Node version.
 */
export function nodeMatrixPartial(results: readonly Result[]): string {
  const nodes = [...new Set(results.map((r) => r.node))];
  if (nodes.length < 2) return '';
  const body = scenarioIds(results).flatMap((id) =>
    [...new Set(results.filter((r) => resultScenarioId(r) === id).map((r) => r.app))].map((app) => [
      app,
      id,
      ...nodes.map((node) => {
        const r = results.find((o) => o.app === app && o.node === node && resultScenarioId(o) === id);
        const v = r && r.status !== 'failed' ? headline(r) : null;
        return r?.status === 'failed' ? 'failed' : v === null ? '–' : `${int(v)} (${x(r?.ratio)})`;
      }),
    ]),
  );
  return markdownTable(['app', 'scenario', ...nodes], ['l', 'l', ...nodes.map(() => 'r' as const)], body);
}

/** The tables of one scenario (every Node version, then the matrix), as the slides inline them. */
export function scenarioSection(run: Run, id: string): string {
  const nodes = [...new Set(run.results.map((r) => r.node))];
  const parts = nodes.map((node) => {
    const table = scenarioTable(run.results, id, node);
    return nodes.length > 1 && table ? `Node ${node}\n\n${table}` : table;
  });
  const matrix = nodeMatrixTable(run.results, id);
  if (matrix)
    parts.push(`Across Node versions (median, ratio to ${BASELINE} of the same version)\n\n${matrix}`);
  return parts.filter(Boolean).join('\n\n');
}

/** The whole `latest.md`: warnings, then per scenario a heading, the method line and its tables. */
export function renderMarkdown(run: Run): string {
  const method = `_${methodLine(run)}_`;
  const sections = scenarioIds(run.results).map((id) => {
    const base = id.replace(/-p\d+$/, '') as BaseScenario;
    return `## ${id} — ${SCENARIO_INFO[base].what}\n\n${method}\n\n${scenarioSection(run, id)}`;
  });
  const warnings = run.warnings.length > 0 ? `${run.warnings.map((w) => `> ⚠ ${w}`).join('\n>\n')}\n\n` : '';
  return `# Bench results${run.partial ? ' (partial)' : ''}\n\n${warnings}${sections.join('\n\n')}\n`;
}
