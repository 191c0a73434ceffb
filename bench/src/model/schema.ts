/**
 * The results file format, as a zod schema: every file the bench writes is checked against it
 * first, so a broken run cannot publish a malformed file (fastify/benchmarks once did).
 * Version 2: interleaved samples, paired ratios with intervals, ties, generator and noise figures.
 */
import { z } from 'zod';
import { capacityStepSchema, intervalSchema, sampleSchema } from './sample-schema.js';

export { capacityStepSchema, intervalSchema, sampleSchema };

export const SCHEMA_VERSION = 2;

const spread = z.object({ median: z.number(), min: z.number(), max: z.number() });
const num = z.number().nullable();

/** One app (or reference server) in one scenario on one Node version. */
export const resultSchema = z.object({
  app: z.string(),
  kind: z.enum(['app', 'reference']),
  framework: z.string(),
  version: z.string(),
  node: z.string(),
  scenario: z.string(),
  pipelining: z.number().int().positive(),
  unit: z.string(),
  status: z.enum(['ok', 'invalid', 'failed']),
  reason: z.string().optional(),
  rps: spread.optional(),
  msgs: spread.optional(),
  clients: spread.optional(),
  latencyMs: z.object({ p50: num, p99: num }).nullable(),
  /** Paired per-round ratio to node-http-app (same block: scenario, Node version, run). */
  ratio: intervalSchema.nullable(),
  /** The same, of requests per server CPU-second. */
  cpuRatio: intervalSchema.nullable(),
  /** plaintext apps: paired ratio to the app's own framework reference server. */
  refRatio: intervalSchema.nullable(),
  /** Rank range by the block's comparison (1 = best); a range means a tie. */
  rank: z.object({ best: z.number().int(), worst: z.number().int() }).nullable(),
  /** The comparison interval reached the target width (null: nothing to compare). */
  converged: z.boolean().nullable(),
  /** The generator's median CPU was above the limit: req/s is a floor, compare per CPU-second. */
  generatorBound: z.boolean(),
  loadgenCpu: num,
  /** Median server CPU share of the valid samples (1 = one core); absent in older files. */
  serverCpu: num.optional(),
  /**
   * Closed-loop rate cells: the median server CPU reached SERVER_BOUND_MIN (stats/server-bound.ts),
   * so the rate is the server's capacity. Absent for ws-capacity and in older files.
   */
  serverBound: z.boolean().optional(),
  /**
   * Database scenarios (absent elsewhere and in older files): PostgreSQL's median CPU share (1 = one
   * core), its CPU and the server's per request (µs, medians over the valid samples), and whether
   * the generator's core (generator + PostgreSQL) was above GENERATOR_LIMIT in most samples.
   */
  dbCpu: num.optional(),
  dbUsPerReq: num.optional(),
  serverUsPerReq: num.optional(),
  generatorCoreFull: z.boolean().optional(),
  /** Little's law: rate × mean latency ÷ connections (≈ 1 when the generator keeps up). */
  little: num,
  rssMB: num,
  idleRssMB: num,
  perCpuSecond: num,
  throughputMBs: num,
  startupMs: num,
  capacity: z
    .object({
      held: z.number(),
      capped: z.string().nullable(),
      stop: z.string(),
      steps: z.array(capacityStepSchema),
    })
    .optional(),
  notes: z.array(z.string()),
  samples: z.array(sampleSchema),
});

/** One scenario on one Node version: all its targets started once and sampled in rounds. */
export const blockSchema = z.object({
  scenario: z.string(),
  node: z.string(),
  rounds: z.number().int().nonnegative(),
  /** What tables sort and rank by: req/s ratio, or per CPU-second when the rate says little. */
  compareBy: z.enum(['ratio', 'cpuRatio', 'capacity']),
  canaryMs: z.array(z.number()),
  canaryCv: num,
  baselineCv: num,
  seconds: z.number().nonnegative(),
  /** Scenario-specific facts for the method line (load shape, limits lifted). */
  method: z.string(),
  /** Warnings that travel with this scenario's table (not server-bound, noisy, capped, too wide). */
  warnings: z.array(z.string()),
  /** What drove the load, e.g. `wrk 4.1.0`, `autocannon 9.0.0`, `bench ws clients`; absent in older files. */
  generator: z.string().optional(),
});

export const settingsSchema = z.object({
  apps: z.array(z.string()),
  scenarios: z.array(z.string()),
  minRounds: z.number().int().positive(),
  /** Fresh processes per target per scenario, the minimum rounds split between them (absent: 1). */
  lives: z.number().int().positive().optional(),
  maxRounds: z.number().int().positive(),
  sampleS: z.number().positive(),
  warmupS: z.number().nonnegative(),
  /** Wanted interval half-width, a fraction (0.05 = ±5 %). */
  target: z.number().positive(),
  /** Seconds the run may take; null: the plan's fixed part × BUDGET_FACTOR. */
  budgetS: z.number().positive().nullable(),
  connections: z.number().int().positive(),
  pipelining: z.number().int().positive(),
  /** As asked: majors, `current`, or paths. */
  nodes: z.array(z.string()),
  pin: z.boolean(),
  references: z.boolean(),
  capacityMax: z.number().int().positive(),
  capacityStep: z.number().int().positive(),
  /** `--generator`: the closed-loop HTTP generator asked for (absent in older runs: autocannon). */
  generator: z.enum(['wrk', 'autocannon']).optional(),
  /** `--workers N`: cluster rows beside the single-process ones (absent in older runs: 1). */
  workers: z.number().int().positive().optional(),
});

export const runSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** full feeds the deck and README; matrix the Node-matrix slide; runtimes the three-runtimes slide; quick and subset neither. */
  kind: z.enum(['full', 'matrix', 'runtimes', 'quick', 'subset']),
  env: z.object({
    /** The Node running the bench (load generator). */
    node: z.string(),
    serverNodes: z.array(z.string()),
    os: z.string(),
    cpu: z.string(),
    cores: z.number().int().positive(),
    pinned: z.boolean(),
    pinning: z.string(),
    /** Generator threads (wrk -t, or autocannon workers; 1: autocannon in the bench process). */
    generatorThreads: z.number().int().positive(),
    /** The closed-loop HTTP generator that ran, e.g. `wrk 4.1.0` (absent in older files). */
    httpGenerator: z.string().optional(),
    date: z.string(),
    /** 12 hex digits of the commit, `-dirty` when the measured code had uncommitted changes. */
    gitCommit: z.string().nullable(),
    /**
     * The commit measured (full and 7-digit hash) and the measured code's uncommitted changes (paths;
     * empty when clean). Absent in older files and outside git.
     */
    git: z
      .object({ commit: z.string(), short: z.string(), dirty: z.array(z.string()) })
      .nullable()
      .optional(),
    versions: z.record(z.string(), z.string()),
    fdLimit: z.number().nullable(),
    /** 1-minute load average when the run started (kept for the record: it includes the bench's own last run). */
    loadAverage: z.number(),
    /**
     * The share of all CPUs (0–1) busy over `seconds` just before the run, the bench idle: other work.
     * Null without /proc/stat; absent in older files.
     */
    otherWork: z.object({ share: z.number(), seconds: z.number() }).nullable().optional(),
  }),
  settings: settingsSchema,
  quick: z.boolean(),
  partial: z.boolean(),
  plan: z.object({ fixedS: z.number(), budgetS: z.number() }),
  wallS: z.number(),
  /** The generator's ceiling, measured once against the fastest target (rate ÷ its CPU share). */
  generator: z
    .object({ target: z.string(), rate: z.number(), cpu: z.number(), ceiling: z.number() })
    .nullable(),
  noise: z.object({
    level: z.enum(['quiet', 'noisy', 'unknown']),
    canaryCv: num,
    baselineCv: num,
    /**
     * The tables (scenario, row group, Node line) on most of whose rows the interval stayed wider
     * than the target: such a run is noisy whatever its canary said (absent in older results).
     */
    wide: z.array(z.string()).optional(),
  }),
  method: z.string(),
  warnings: z.array(z.string()),
  blocks: z.array(blockSchema),
  results: z.array(resultSchema),
});

export type Interval = z.infer<typeof intervalSchema>;
export type Sample = z.infer<typeof sampleSchema>;
export type CapacityStep = z.infer<typeof capacityStepSchema>;
export type Result = z.infer<typeof resultSchema>;
export type Block = z.infer<typeof blockSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Run = z.infer<typeof runSchema>;
export type RunEnv = Run['env'];
export type RunKind = Run['kind'];
