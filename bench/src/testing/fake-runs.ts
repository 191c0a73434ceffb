/**
 * Whole runs without a server: samples drawn from a seeded random source for every target the real
 * settings would measure, then aggregated and classified by the bench's own code. Report, output
 * and slide tests use them (the slides' fit test too), so they see what a real run would write.
 */
import { parseCli } from '../cli/args.js';
import { aggregate } from '../stats/aggregate.js';
import { blockMethod, databaseMethod } from '../run/block-method.js';
import { databasePools, postgresSettings } from '../targets/postgres.js';
import { usesDatabase, type ScenarioVariant } from '../model/scenario-list.js';
import { methodLine } from '../report/method.js';
import { classify } from '../output/outputs.js';
import { planRun } from '../run/plan.js';
import { buildTargets } from '../targets/targets.js';
import type { Run, RunEnv, Sample } from '../model/schema.js';
import type { Target } from '../model/target.js';
import type { BlockMeasure, Cell } from '../model/measure.js';

/** Each app's true ratio to node-http-app (references near their apps); tcp-app is the fastest. */
const RATIO: Record<string, number> = {
  'node-http-app': 1,
  'tcp-app': 1.05,
  'fastify-app': 0.97,
  'hono-app': 0.86,
  'koa-app': 0.64,
  'express-app': 0.62,
  'reference/node-http': 1.02,
  'reference/fastify': 1.0,
  'reference/hono': 0.9,
  'reference/koa': 0.7,
  'reference/express': 0.63,
};

function seeded(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

export interface FakeOptions {
  argv?: string[];
  /** Spread of each sample around its true value (0.04 = ±4 % uniform). */
  noise?: number;
  /** Targets that were not server-bound: server at 80 % of its core, generator at 99 % of its. */
  notServerBound?: string[];
  /**
   * Database scenarios: targets whose generator core was full (generator 60 % + PostgreSQL 50 %);
   * the others' PostgreSQL takes 20 % of that core.
   */
  coreFull?: string[];
  /** Per scenario (`queries`), each app's true ratio instead of its plaintext one. */
  ratios?: Record<string, Record<string, number>>;
  /** Targets that failed validation. */
  failed?: string[];
  /** Apps four times slower on Node 20 than on the others (default: express, as measured here). */
  slowOn20?: string[];
  /** Server Node versions (one block per scenario and version). */
  nodes?: string[];
  date?: string;
  seed?: number;
}

function samplesFor(
  target: Target,
  variant: ScenarioVariant,
  rounds: number,
  opts: FakeOptions,
  random: () => number,
): Sample[] {
  const slow = (opts.slowOn20 ?? ['express-app']).includes(target.app);
  const express20 = slow && target.node.version.startsWith('v20') ? 0.25 : 1;
  const ratio = opts.ratios?.[variant.base]?.[target.app] ?? RATIO[target.app] ?? 0.8;
  const truth = 50_000 * ratio * express20;
  const below = opts.notServerBound?.includes(target.app) ?? false;
  const db = usesDatabase(variant.base);
  const full = db && (opts.coreFull?.includes(target.app) ?? false);
  return Array.from({ length: rounds }, (_, i) => {
    const value = truth * (1 + (opts.noise ?? 0.03) * (2 * random() - 1));
    return {
      round: i + 1,
      status: 'ok',
      value,
      latencyMs: { p50: 1.8, p99: 7.5, mean: (100 / value) * 1000 },
      throughputMBs: 7,
      rssMB: 80,
      cpuSeconds: 1,
      perCpuSecond: value * (1 + 0.01 * (2 * random() - 1)),
      loadgenCpu: below ? 0.99 : full ? 0.6 : 0.7,
      serverCpu: below ? 0.8 : 0.99,
      ...(db && { dbCpu: full ? 0.5 : 0.2 }),
      notes: [],
    };
  });
}

/** The test machine of every fake run: 2 cores, pinned, Node 26 servers. */
export function fakeEnv(overrides: Partial<RunEnv> = {}): RunEnv {
  return {
    node: 'v20.20.2',
    serverNodes: ['v26.10.0'],
    os: 'Linux 6 x64',
    cpu: 'Test CPU',
    cores: 2,
    pinned: true,
    pinning: 'server cpu0, load generator cpu1 (taskset)',
    generatorThreads: 1,
    httpGenerator: 'wrk 4.1.0',
    date: '2026-11-30T10:00:00.000Z',
    gitCommit: 'abc123',
    versions: {},
    fdLimit: 20_000,
    loadAverage: 0.1,
    ...overrides,
  };
}

/**
 * A run as the bench would write it for `argv` (default: a full run), with fake samples.
 *
 * @example fakeRun({ notServerBound: ['tcp-app'] }).kind // 'full'
 */
export function fakeRun(opts: FakeOptions = {}): Run {
  const random = seeded(opts.seed ?? 42);
  const { settings, quick } = parseCli(opts.argv ?? []);
  const nodes = (opts.nodes ?? ['v26.10.0']).map((version) => ({ path: process.execPath, version }));
  const plan = planRun(settings, buildTargets(settings, nodes), 19_800);
  const rounds = Math.max(settings.minRounds, 9);
  const blocks: BlockMeasure[] = plan.blocks.map((block) => ({
    plan: block,
    rounds: block.variant.base === 'ws-capacity' ? 1 : rounds,
    canaryMs: Array.from({ length: rounds }, () => 45 * (1 + 0.02 * random())),
    seconds: block.fixedS,
    generator: block.variant.base.startsWith('ws-') ? 'bench ws clients' : 'wrk 4.1.0',
    cells: block.targets.map((target): Cell => {
      const failed = opts.failed?.includes(target.app)
        ? 'validation: GET / body differs from the fixture'
        : null;
      const cell: Cell = {
        target,
        variant: block.variant,
        failed,
        samples: [],
        start: { startupMs: 150, idleRssMB: 50 },
        warmRate: null,
      };
      if (failed) return cell;
      if (block.variant.base !== 'ws-capacity') {
        cell.samples = samplesFor(target, block.variant, rounds, opts, random);
        return cell;
      }
      const steps = [5000, 10_000, 15_000, 19_800].map((clients) => ({
        clients,
        p50: clients / 200,
        p95: clients / 100,
        p99: clients / 90,
        held: true,
      }));
      cell.capacity = { steps, stop: 'reached the 19800-client cap', capped: true };
      cell.samples = [
        { ...samplesFor(target, block.variant, 1, opts, random)[0]!, value: 19_800, perCpuSecond: null },
      ];
      return cell;
    }),
  }));
  const database = databaseMethod({
    version: 'PostgreSQL 15.18',
    settings: postgresSettings(databasePools(plan.blocks.filter((b) => usesDatabase(b.variant.base)))),
    pinning: 'cpu1',
  });
  const measurements = { blocks, generator: { target: 'tcp-app', rate: 52_000, cpu: 0.93, ceiling: 52_000 } };
  const run: Run = {
    schemaVersion: 2,
    kind: 'subset',
    env: fakeEnv({ serverNodes: nodes.map((n) => n.version), ...(opts.date && { date: opts.date }) }),
    settings,
    quick,
    partial: false,
    plan: { fixedS: plan.fixedS, budgetS: plan.budgetS },
    wallS: plan.budgetS - 20,
    generator: measurements.generator,
    ...aggregate(measurements, settings, 19_800, (bm) => blockMethod(bm, settings, 19_800, database)),
    method: '',
    warnings: [],
  };
  run.kind = classify(run).kind;
  run.method = methodLine(run);
  return run;
}
