/**
 * The results file format, as a zod schema: every file the bench writes is checked against it
 * first, so a broken run cannot publish a malformed file (fastify/benchmarks once did).
 */
import { z } from 'zod';

const spread = z.object({ median: z.number(), min: z.number(), max: z.number() });
const num = z.number().nullable();

/** One measured round of one app in one scenario. */
export const roundSchema = z.object({
  round: z.number().int().positive(),
  /** ok; invalid (errors, non-2xx, lost or out-of-order messages); failed (crash). */
  status: z.enum(['ok', 'invalid', 'failed']),
  reason: z.string().optional(),
  value: z.number(),
  latencyMs: z.object({ p50: num, p99: num }),
  throughputMBs: num,
  rssMB: num,
  cpuSeconds: num,
  /** Requests (or messages) per second of server CPU time. */
  perCpuSecond: num,
  /** The load generator's CPU use over the round, as a fraction of one core. */
  loadgenCpu: z.number(),
  notes: z.array(z.string()),
});

/** One app (or reference server) in one scenario on one Node version, aggregated over rounds. */
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
  /** Median over node-http-app's median, same scenario, Node version and run. */
  ratio: num,
  /** plaintext only: median over the median of the app's own framework reference server. */
  refRatio: num,
  rssMB: num,
  idleRssMB: num,
  cpuSeconds: num,
  perCpuSecond: num,
  throughputMBs: num,
  startupMs: num,
  loadgenCpu: num,
  notes: z.array(z.string()),
  rounds: z.array(roundSchema),
});

export const settingsSchema = z.object({
  apps: z.array(z.string()),
  scenarios: z.array(z.string()),
  rounds: z.number().int().positive(),
  durationS: z.number().positive(),
  warmupS: z.number().nonnegative(),
  connections: z.number().int().positive(),
  pipelining: z.number().int().positive(),
  nodes: z.array(z.string()),
  pin: z.boolean(),
  references: z.boolean(),
  capacityMax: z.number().int().positive(),
  capacityStep: z.number().int().positive(),
});

export const runSchema = z.object({
  env: z.object({
    /** The Node running the bench (load generator). */
    node: z.string(),
    /** The Node versions the servers ran on. */
    serverNodes: z.array(z.string()),
    os: z.string(),
    cpu: z.string(),
    cores: z.number().int().positive(),
    pinned: z.boolean(),
    pinning: z.string(),
    date: z.string(),
    gitCommit: z.string().nullable(),
    versions: z.record(z.string(), z.string()),
    fdLimit: z.number().nullable(),
    /** 1-minute load average when the run started: other work on the machine skews everything. */
    loadAverage: z.number(),
  }),
  settings: settingsSchema,
  quick: z.boolean(),
  partial: z.boolean(),
  method: z.string(),
  warnings: z.array(z.string()),
  results: z.array(resultSchema),
});

export type Round = z.infer<typeof roundSchema>;
export type Result = z.infer<typeof resultSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Run = z.infer<typeof runSchema>;
export type RunEnv = Run['env'];
