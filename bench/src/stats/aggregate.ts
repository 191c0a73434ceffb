/**
 * Samples → one result per target and block: value median (min–max), the paired ratios to the
 * baseline (req/s and per server CPU-second) and, for plaintext apps, to their own reference, each
 * with its 95 % interval; rank ranges (ties), server-bound labels and the block's warnings.
 */
import { BASELINE, GENERATOR_LIMIT, LITTLE_MIN, NOISY_BASELINE_CV } from '../model/defaults.js';
import { boundLabel, SERVER_BOUND_MIN } from './server-bound.js';
import { noiseOf, wideTables } from './noise.js';
import {
  comparisonOf,
  generatorBound,
  generatorCoreFull,
  halfWidth,
  identity,
  meets,
  medianLoadgen,
  medianOf,
  medianServerCpu,
  notServerBound,
  pairedInterval,
  paced,
} from './pairing.js';
import { SCENARIO_INFO, scenarioId, usesDatabase } from '../model/scenario-list.js';
import { cv, median, medianInterval, spread } from './stats.js';
import { rankRangesWithin } from './ties.js';
import { rowGroup } from '../model/target.js';
import { comparison } from '../model/result-fields.js';
import type { Block, Result, Run, Settings } from '../model/schema.js';
import type { BlockMeasure, Cell, Measurements } from '../model/measure.js';

const med = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return present.length > 0 ? median(present) : null;
};
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

/** PostgreSQL's CPU, and the server's, per request: what each request cost on either side. */
function databaseFields(samples: Cell['samples']): Partial<Result> {
  const perReq = (share: number | null | undefined, s: { value: number }) =>
    share == null || !(s.value > 0) ? null : (share / s.value) * 1e6;
  return {
    dbCpu: medianOf(samples, (s) => s.dbCpu),
    dbUsPerReq: medianOf(samples, (s) => perReq(s.dbCpu, s)),
    serverUsPerReq: medianOf(samples, (s) => perReq(s.serverCpu, s)),
    generatorCoreFull: generatorCoreFull(samples),
  };
}

function resultOf(cell: Cell, cells: readonly Cell[], settings: Settings, capacityCap: number): Result {
  const { target, variant, samples } = cell;
  const info = SCENARIO_INFO[variant.base];
  const ok = samples.filter((s) => s.status === 'ok');
  const invalid = samples.filter((s) => s.status === 'invalid');
  const base = cells.find((c) => c.target.app === BASELINE);
  const ref = target.reference ? cells.find((c) => c.target.app === target.reference) : undefined;
  const isBase = cell === base;
  const against = (metric: 'value' | 'perCpuSecond') =>
    isBase ? identity(samples, metric) : base ? pairedInterval(samples, base.samples, metric) : null;
  const status = cell.failed ? 'failed' : invalid.length > 0 || samples.length === 0 ? 'invalid' : 'ok';
  const reason =
    cell.failed ??
    (invalid.length > 0
      ? `${invalid.length} of ${samples.length} samples invalid: ${[...new Set(invalid.map((s) => s.reason))].join('; ')}`
      : samples.length === 0
        ? 'not measured (run stopped)'
        : undefined);
  const inFlight = info.kind === 'http' ? settings.connections * variant.pipelining : null;
  const little = inFlight
    ? med(ok.map((s) => (s.latencyMs.mean === null ? null : (s.value * s.latencyMs.mean) / 1000 / inFlight)))
    : null;
  const capacity = cell.capacity && {
    held: ok[0]?.value ?? 0,
    capped: cell.capacity.capped
      ? capacityCap < settings.capacityMax
        ? 'the open-files limit'
        : `--capacity-max ${settings.capacityMax}`
      : null,
    stop: cell.capacity.stop,
    steps: cell.capacity.steps,
  };
  // A ramp keeps the generator busy by design: ws-capacity's figure is a count, not a rate.
  const gen = info.key !== 'clients' && samples.length > 0 && generatorBound(samples);
  // ws-capacity is a ramp, not a closed-loop rate: the server-bound rule does not apply to it.
  const rate = info.key !== 'clients';
  return {
    app: target.app,
    kind: target.kind,
    framework: target.framework,
    version: target.version,
    node: target.node.version,
    scenario: variant.base,
    pipelining: variant.pipelining,
    unit: info.unit,
    status,
    ...(reason !== undefined && { reason }),
    ...(ok.length > 0 && { [info.key]: spread(ok.map((s) => s.value)) }),
    latencyMs:
      ok.length > 0
        ? { p50: med(ok.map((s) => s.latencyMs.p50)), p99: med(ok.map((s) => s.latencyMs.p99)) }
        : null,
    ratio: info.key === 'clients' || cell.failed ? null : against('value'),
    cpuRatio: info.key === 'clients' || cell.failed ? null : against('perCpuSecond'),
    refRatio:
      ref && target.kind === 'app' && variant.base === 'plaintext' && !cell.failed
        ? pairedInterval(samples, ref.samples, 'value')
        : null,
    rank: null,
    converged: null,
    generatorBound: gen,
    loadgenCpu: medianLoadgen(samples),
    serverCpu: medianServerCpu(samples),
    ...(rate && { serverBound: !notServerBound(samples) }),
    ...(usesDatabase(variant.base) && databaseFields(samples)),
    little,
    rssMB: med(ok.map((s) => s.rssMB)),
    idleRssMB: cell.start?.idleRssMB ?? null,
    perCpuSecond: med(ok.map((s) => s.perCpuSecond)),
    throughputMBs: med(ok.map((s) => s.throughputMBs)),
    startupMs: cell.start?.startupMs ?? null,
    ...(capacity && { capacity }),
    notes: [
      ...new Set([
        ...samples.flatMap((s) => s.notes),
        ...(little !== null && little < LITTLE_MIN
          ? [
              `Little's law: only ${pct(little)} of the ${inFlight} connections were in flight on average: the generator lagged`,
            ]
          : []),
      ]),
    ],
    samples,
  };
}

/**
 * The warnings that travel with a scenario's table wherever it goes (latest.md, the slide, the
 * README), so they are short: what happened, to which targets, and what to read instead.
 */
function blockWarnings(m: BlockMeasure, results: Result[], by: Block['compareBy'], target: number): string[] {
  const out: string[] = [];
  const below = results.filter((r) => r.serverBound === false && r.status !== 'failed');
  if (below.length > 0)
    out.push(
      `server CPU below ${pct(SERVER_BOUND_MIN)}: ${below.map((r) => `${r.app} ${boundLabel(r.serverCpu ?? NaN, r.loadgenCpu ?? NaN)}`).join(', ')}; a rate the server did not set is not its capacity, so this table ranks per server CPU-second`,
    );
  const coreFull = results.filter((r) => r.generatorCoreFull && r.status !== 'failed');
  if (coreFull.length > 0)
    out.push(
      `generator's core full (load generator + PostgreSQL above ${pct(GENERATOR_LIMIT)}): ${coreFull.map((r) => r.app).join(', ')}; the load may have been held back, so this table ranks per server CPU-second`,
    );
  const pacedRows = results.filter((r) => paced(r.samples));
  if (pacedRows.length > 0)
    out.push(
      `senders at their pacing ceiling: ${pacedRows.map((r) => r.app).join(', ')}; ranked per server CPU-second`,
    );
  const base = m.cells.find((c) => c.target.app === BASELINE);
  const baseCv = base ? cv(base.samples.filter((s) => s.status === 'ok').map((s) => s.value)) : null;
  if (baseCv !== null && baseCv > NOISY_BASELINE_CV)
    out.push(`noisy baseline: ${BASELINE} varied ${pct(baseCv)} (CV) between samples`);
  const wide = results.filter((r) => r.converged === false);
  if (wide.length > 0)
    out.push(
      `wider than ±${pct(target)} when the time was up: ${wide
        .map((r) => {
          const w = halfWidth(comparison(r, by));
          return `${r.app} ${w === null ? 'no interval' : `±${(w * 100).toFixed(1)} %`}`;
        })
        .join(', ')}`,
    );
  const capped = results.filter((r) => r.capacity?.capped);
  if (capped.length > 0)
    out.push(
      `capped: ${capped.length === results.length ? `all ${capped.length}` : capped.map((r) => r.app).join(', ')} held ≥ ${capped[0]!.capacity!.held.toLocaleString('en-US')} clients (${capped[0]!.capacity!.capped}); compare the p95 at each step`,
    );
  return out;
}

/**
 * Aggregates every block of a run. `methodOf` words how a block was measured (the run's
 * `blockMethod`): the block keeps it, and statistics have no say in it.
 */
export function aggregate(
  m: Measurements,
  settings: Settings,
  capacityCap: number,
  methodOf: (m: BlockMeasure) => string,
): Pick<Run, 'results' | 'blocks' | 'noise'> {
  const results: Result[] = [];
  const blocks: Block[] = [];
  const tables: { table: string; converged: boolean | null }[] = [];
  const lines = new Set(m.blocks.map((b) => b.plan.node.version)).size;
  for (const bm of m.blocks) {
    const rows = bm.cells.map((c) => resultOf(c, bm.cells, settings, capacityCap));
    const isCapacity = bm.plan.variant.base === 'ws-capacity';
    const by: Block['compareBy'] = isCapacity ? 'capacity' : comparisonOf(bm.cells.filter((c) => !c.failed));
    // Ranked among the rows of the same table (apps, reference servers, --workers rows), never across.
    const ranks = rankRangesWithin(
      rows.map((r) => (r.status === 'failed' ? null : comparison(r, by))),
      rows.map(rowGroup),
    );
    // A run too short to carry any interval (--quick) has nothing to converge.
    const possible = medianInterval(new Array<number>(settings.maxRounds).fill(1)).lo !== null;
    rows.forEach((r, i) => {
      r.rank = ranks[i] ?? null;
      const skip = r.app === BASELINE || r.status === 'failed' || isCapacity || !possible;
      r.converged = skip ? null : meets(comparison(r, by), settings.target);
      const group = rowGroup(r);
      const node = lines > 1 ? ` (Node ${bm.plan.node.version})` : '';
      tables.push({
        table: `${scenarioId(bm.plan.variant)}${group === 'apps' ? '' : ` ${group}`}${node}`,
        converged: r.converged,
      });
    });
    const base = bm.cells.find((c) => c.target.app === BASELINE);
    blocks.push({
      scenario: scenarioId(bm.plan.variant),
      node: bm.plan.node.version,
      rounds: bm.rounds,
      compareBy: by,
      canaryMs: bm.canaryMs,
      canaryCv: cv(bm.canaryMs),
      baselineCv: base ? cv(base.samples.filter((s) => s.status === 'ok').map((s) => s.value)) : null,
      seconds: bm.seconds,
      method: methodOf(bm),
      warnings: blockWarnings(bm, rows, by, settings.target),
      ...(bm.generator !== undefined && { generator: bm.generator }),
    });
    results.push(...rows);
  }
  return { results, blocks, noise: noiseOf(blocks, wideTables(tables)) };
}
