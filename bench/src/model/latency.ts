/**
 * A latency run (`npm run bench -- --latency`): every HTTP app driven open-loop at one ladder of
 * absolute rates per scenario (fractions of node-http-app's closed-loop capacity, measured by the same
 * run with wrk), latency corrected for coordinated omission, and each app's capacity at a p99 target
 * searched once per process lifetime. Its own file kind, checked against this schema before it is
 * written, like a run; it never touches the full run's files.
 */
import { z } from 'zod';
import { SCHEMA_VERSION } from './schema.js';

/** The scenarios a latency run drives: the smallest answer, a template, the database. */
export const LATENCY_SCENARIOS = ['plaintext', 'fortunes', 'queries'] as const;
export type LatencyScenario = (typeof LATENCY_SCENARIOS)[number];

/** The p99 target when `--slo` is not given, ms. */
export const DEFAULT_SLO_MS = 5;

/**
 * The default run's shape. Six lifetimes: the fewest that give a 95 % interval of a median
 * (`medianInterval`). The ladder is a set of fractions of node-http-app's closed-loop rate per
 * scenario, placed where the knees were, not the 50–110 % a closed-loop mind expects: open loop costs
 * a server more per request (one wake-up and one write each, nothing batched; node-http-app used half
 * its core at 25 %). On plaintext and fortunes every app's knee at a 5 ms p99 lay between 25 and
 * 90 % (runs of 2026-12-07); on /queries every framework missed even 25 % in every judged lifetime
 * of the 2026-12-07T02-45 run and node:http in three of five (no app had a capacity), so its ladder
 * starts at 10 % and stops at 70 %, where every app had missed. Steps of 260 ms after 60 ms of unmeasured load at the same rate: ~100 answers
 * at 10 % of /queries' rate (its p99 is then about the second-slowest answer), thousands on
 * plaintext. 100 connections, as the closed-loop runs use (Little's law: rate × latency in flight).
 * Each app is warmed 2 s under wrk at the start of its turn, as the closed-loop runs warm: after 1 s,
 * every app's p99 on fortunes jumped to ~100 ms at the turn's third step in all six lifetimes
 * (2026-12-07T01-57-26 run) and fell back at the fourth, the JIT still compiling on the server's one
 * core. One bisection halves the bracket. The plan (latencyPlanS) stays under 8 minutes.
 */
export const LATENCY_FULL = {
  scenarios: [...LATENCY_SCENARIOS] as LatencyScenario[],
  lifetimes: 6,
  /** Ladder steps per scenario, as fractions of node-http-app's closed-loop rate. */
  fractions: {
    plaintext: [0.25, 0.4, 0.55, 0.7, 0.9],
    fortunes: [0.25, 0.4, 0.55, 0.7, 0.9],
    queries: [0.1, 0.25, 0.4, 0.55, 0.7],
  } as Record<LatencyScenario, number[]>,
  stepMs: 260,
  warmupMs: 60,
  /** Closed-loop wrk load on each app at the start of its turn (JIT, pools), whole seconds. */
  warmS: 2,
  bisections: 1,
  connections: 100,
  /** A request unanswered this long is a timeout (and fails its step). */
  timeoutMs: 2000,
  /** node-http-app closed-loop under wrk: one unmeasured second, then this many. */
  baselineSeconds: 3,
};

/** `--latency --quick`: one lifetime (no interval), two steps and a probe per app, 1 s warm-ups: a minute. */
export const LATENCY_QUICK: typeof LATENCY_FULL = {
  ...LATENCY_FULL,
  lifetimes: 1,
  fractions: { plaintext: [0.25, 0.6], fortunes: [0.25, 0.6], queries: [0.1, 0.3] },
  stepMs: 200,
  warmS: 1,
  bisections: 1,
  baselineSeconds: 1,
};

export type LatencySettings = typeof LATENCY_FULL;

const ms = z.number(); // NaN never reaches JSON: a step with no answers has its percentiles null
const pct = z.object({ p50: ms, p90: ms, p99: ms, p999: ms, mean: ms, max: ms }).nullable();

/** One app driven at one rate in one lifetime. */
export const latencyStepSchema = z.object({
  lifetime: z.number().int().positive(),
  app: z.string(),
  phase: z.enum(['ladder', 'bisection']),
  /** Of the baseline's closed-loop capacity (ladder steps), null for bisection probes. */
  fraction: z.number().nullable(),
  offeredRate: z.number(),
  achievedRate: z.number(),
  scheduled: z.number().int(),
  completed: z.number().int(),
  errors: z.number().int(),
  timeouts: z.number().int(),
  non2xx: z.number().int(),
  corrected: pct,
  uncorrected: pct,
  sendLatenessP99: z.number(),
  dispatchLagP99: z.number(),
  generatorBusy: z.number(),
  connections: z.number().int(),
  /** Little's law, offered rate × mean corrected latency; null when nothing was answered. */
  inFlightNeeded: z.number().nullable(),
  inFlightOnWire: z.number(),
  /** The server's CPU over the step (1 = its core), null when /proc could not tell. */
  serverCpu: z.number().nullable(),
  verdict: z.enum(['meets', 'misses', 'generator-limited']),
  reasons: z.array(z.string()),
});

const summary = z.object({
  median: z.number(),
  lo: z.number().nullable(),
  hi: z.number().nullable(),
  level: z.number().nullable(),
  n: z.number().int(),
  missing: z.number().int(),
});

/** One app's capacity at the target: one search per lifetime, then their median. */
export const latencyAppSchema = z.object({
  app: z.string(),
  /** Per lifetime: the highest rate that met the target (null: none did) and how it is bounded. */
  searches: z.array(
    z.object({
      lifetime: z.number().int().positive(),
      capacity: z.number().nullable(),
      bound: z.enum(['bracketed', 'at-least', 'below-ladder', 'unjudged']),
      firstMiss: z.number().nullable(),
      nonMonotone: z.boolean(),
    }),
  ),
  capacity: summary.nullable(),
  /** ÷ node-http-app's, paired by lifetime; null for the baseline itself. */
  ratio: summary.nullable(),
  /** Why the app has no figure (it failed to start, every lifetime failed), else null. */
  failed: z.string().nullable(),
});

export const latencyScenarioSchema = z.object({
  scenario: z.enum(LATENCY_SCENARIOS),
  what: z.string(),
  /** node-http-app closed-loop under wrk, the ladder's 100 %; null when it could not be measured. */
  baseline: z
    .object({ rps: z.number(), serverCpu: z.number().nullable(), generatorCpu: z.number().nullable() })
    .nullable(),
  ladder: z.array(z.object({ fraction: z.number(), rate: z.number() })),
  /** Why the scenario has no ladder (the baseline failed), else null. */
  failed: z.string().nullable(),
  apps: z.array(latencyAppSchema),
  steps: z.array(latencyStepSchema),
});

export const latencyRunSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal('latency'),
  quick: z.boolean(),
  partial: z.boolean(),
  wallS: z.number(),
  planS: z.number(),
  env: z.object({
    date: z.string(),
    cpu: z.string(),
    cores: z.number().int().positive(),
    pinning: z.string(),
    serverNode: z.string(),
    /** Node running the open-loop generator (a child process pinned on the load CPU). */
    generatorNode: z.string(),
    baselineGenerator: z.string(),
    postgres: z.string().nullable(),
    gitCommit: z.string().nullable(),
    git: z
      .object({ commit: z.string(), short: z.string(), dirty: z.array(z.string()) })
      .nullable()
      .optional(),
    versions: z.record(z.string(), z.string()),
  }),
  settings: z.object({
    sloMs: z.number().positive(),
    apps: z.array(z.string()),
    scenarios: z.array(z.enum(LATENCY_SCENARIOS)),
    lifetimes: z.number().int().positive(),
    /** Per scenario (older files: one list for all). */
    fractions: z.union([z.array(z.number()), z.record(z.string(), z.array(z.number()))]),
    stepMs: z.number(),
    warmupMs: z.number(),
    warmS: z.number(),
    bisections: z.number().int(),
    connections: z.number().int(),
    timeoutMs: z.number(),
    baselineSeconds: z.number(),
  }),
  /** The CPU canary on the server core, once per lifetime and scenario (ms), and its spread. */
  noise: z.object({
    level: z.enum(['quiet', 'noisy', 'unknown']),
    canaryMs: z.array(z.number()),
    canaryCv: z.number().nullable(),
  }),
  scenarios: z.array(latencyScenarioSchema),
  warnings: z.array(z.string()),
});

export type LatencyStep = z.infer<typeof latencyStepSchema>;
export type LatencyApp = z.infer<typeof latencyAppSchema>;
export type LatencyScenarioResult = z.infer<typeof latencyScenarioSchema>;
export type LatencyRun = z.infer<typeof latencyRunSchema>;
