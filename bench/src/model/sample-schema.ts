/**
 * The smallest parts of the results schema (model/schema.ts re-exports them): a paired ratio with its
 * interval, one sample of one target, one ws-capacity step.
 */
import { z } from 'zod';

const num = z.number().nullable();

/**
 * A paired ratio: the median of per-round ratios and its 95 % order-statistic interval (`lo`/`hi`
 * null with too few rounds for one), `n` the rounds paired, `level` the interval's exact coverage.
 */
export const intervalSchema = z.object({
  median: z.number(),
  lo: num,
  hi: num,
  n: z.number().int().nonnegative(),
  level: num,
  /**
   * Process lifetimes the rounds came from, and the spread (max − min) of the per-lifetime medians;
   * lo/hi are widened by that spread (stats/pairing.ts). Absent in files written before lifetimes.
   */
  lives: z.number().int().positive().optional(),
  between: z.number().nonnegative().optional(),
});

/** One sample of one target in one round. */
export const sampleSchema = z.object({
  round: z.number().int().positive(),
  /** Which process lifetime of the target took it (1-based; absent: 1). */
  life: z.number().int().positive().optional(),
  /** ok; invalid (errors, non-2xx, lost or out-of-order messages). */
  status: z.enum(['ok', 'invalid']),
  reason: z.string().optional(),
  value: z.number(),
  latencyMs: z.object({ p50: num, p99: num, mean: num }),
  throughputMBs: num,
  rssMB: num,
  /** Server CPU seconds (all threads) during the sample. */
  cpuSeconds: num,
  /** Requests (or messages) per second of server CPU time. */
  perCpuSecond: num,
  /** The load generator's CPU use over the sample, as a fraction of its CPUs (wrk's own with wrk). */
  loadgenCpu: z.number(),
  /** Server CPU seconds ÷ the load's seconds (1 = one full core); absent in files written before it. */
  serverCpu: num.optional(),
  /**
   * Database scenarios: the CPU of the bench's PostgreSQL (postmaster and backends, utime + stime)
   * over the sample ÷ the load's seconds (1 = one full core), like serverCpu. It runs on the
   * generator's CPU, so the two share that core. Absent elsewhere and in files written before it.
   */
  dbCpu: num.optional(),
  notes: z.array(z.string()),
});

/** One ws-capacity step: clients connected, and the broadcast round trips measured there. */
export const capacityStepSchema = z.object({
  clients: z.number().int().nonnegative(),
  p50: num,
  p95: num,
  p99: num,
  held: z.boolean(),
});
