/**
 * Every default the bench runs with, in one place: the server Node, the sampling plan, the precision
 * target, the time budget and the thresholds behind every label the tables print.
 */

/**
 * The Node major the servers run on unless `--node` says otherwise: the current Active LTS. The
 * committed results, the README and the deck's headline are on it; change it here (and only here)
 * when the next LTS line (27) takes over.
 */
export const DEFAULT_SERVER_NODE = '26';

/** The majors `--matrix` compares (every app's ratio per version, its own slide). */
export const MATRIX_NODES = ['20', '22', '24', '26'] as const;

/**
 * What `--matrix` measures on each of them: the smallest response (where framework overhead and the
 * Node version show most) and the one doing real work per request. Reference servers are left out.
 */
export const MATRIX_SCENARIOS = ['plaintext', 'fortunes'] as const;

/**
 * The scenarios of a default full run, the one that feeds the deck and README: plaintext (with the
 * reference servers) and fortunes, TechEmpower's four database tests against one PostgreSQL (db,
 * queries, updates, db-fortunes: where the framework tax meets real I/O) and the chat's fan-out.
 * Left to `--scenarios` (a run that adds them is still a full run and feeds their slides):
 * - `json`: in the full run results/2026-12-06T21-26-06-345Z.json its interval overlapped the same
 *   app's plaintext interval in all four app cells (express 0.51–0.75 vs 0.52–0.77, fastify
 *   0.90–0.99 vs 0.78–1.00, hono 0.78–0.95 vs 0.77–0.92, koa 0.50–0.67 vs 0.49–0.74), as param's did:
 *   beside plaintext it told nothing new;
 * - `ws-echo`: in that run no server was server-bound (83–86 % of its core), so the table ranked per
 *   CPU-second anyway;
 * - `param`, whose interval overlapped the same app's plaintext interval in all app cells but one
 *   (fastify 0.93 vs 0.88) over the six full runs of 2026-12-06 and the nine-round subset run below;
 * - `ws-capacity`, one ramp per app with no interval, capped by the open-files limit on this machine
 *   kind so every app held the same 19,800 clients (72 s for no ranking).
 * json's and ws-echo's time went to the four database scenarios (LIMITS.fullS grew to 10 minutes for
 * them); param's and ws-capacity's went to the rounds below, nine instead of six.
 */
export const DEFAULT_SCENARIOS = [
  'plaintext',
  'fortunes',
  'db',
  'queries',
  'updates',
  'db-fortunes',
  'ws-broadcast',
] as const;

/** The app every ratio is taken against; it is sampled in every round. */
export const BASELINE = 'node-http-app';

/** Sampling defaults of a full run (see run/plan.ts for what they cost). */
export const FULL = {
  /** Seconds per sample: short, so host noise is spread over many paired samples. */
  sampleS: 1,
  /**
   * Seconds each target process is loaded after its start, before its first sample. Measured here
   * (2026-12-06, Node 26, wrk -d1s samples of freshly started apps): after 1 s of load a server still
   * runs 5–15 % below its steady rate (express 49k vs 57k req/s, koa 47k vs 55k, node:http 81k vs
   * 87k, fastify 72k vs 76k); after 2 s it is within ~3 %. With a 1 s warm-up the first sample of
   * every lifetime was such a cold sample, which biased the slow-warming frameworks low and was most
   * of node-http-app's 8–25 % sample-to-sample spread in the full runs of that day.
   */
  warmupS: 2,
  /**
   * Rounds every target is sampled in. Six is the fewest for which a 95 % distribution-free interval
   * of a median exists (stats/stats.ts), but then the interval is the min–max of the six ratios and
   * one outlier sets it: over three quiet full runs (2026-12-06, e27ecce) only 4, 6 and 9 of 17 HTTP
   * app cells came within ±10 %. With nine the interval is the 2nd-lowest to 2nd-highest: a subset
   * run of the four HTTP scenarios at nine rounds (results/2026-12-06T18-14-20-196Z-subset.json) put
   * 15 of 17 within ±10 %, and the WebSocket ones 5 of 8 (18-40-39-618Z-subset.json).
   */
  minRounds: 9,
  /**
   * Fresh processes per target and scenario, the minimum rounds split evenly between them. A ratio
   * moves more between process lifetimes (JIT decisions, heap and code layout) than between rounds
   * of one process: measured here, one lifetime per run gave intervals that held the other runs'
   * medians for 67 % of cells. Two lifetimes put that variation inside every run, and the interval
   * is widened by the spread between them (stats/pairing.ts; Kalibera & Jones, "Rigorous
   * benchmarking in reasonable time", 2013: repeat at the level that varies most). Three lifetimes
   * with a 1 s warm-up gave way to two with 2 s (the warm-up above) to stay inside the 8 minutes:
   * five and four rounds per lifetime, none of them cold.
   */
  lives: 2,
  /** Rounds stop here even when an interval is still too wide and time is left. */
  maxRounds: 30,
  /**
   * Wanted half-width of each ratio's 95 % interval, as a fraction of the ratio; a table marks with †
   * every ratio that stayed wider. ±10 %, not ±5 %: quiet minutes here gave 4–9 % sample-to-sample
   * spread per paired ratio (express ÷ node-http 8.5 %), and the interval is also widened by the
   * spread between the two lifetimes; nine rounds put only 4 of 17 HTTP cells within ±5 % (the
   * subset run above), and ±5 % needs 20–30 rounds per cell — more than the 8 minutes hold for 31
   * targets. `--target 5 --rounds 20` buys it for those who have the time.
   */
  target: 0.1,
  connections: 100,
  capacityMax: 20_000,
  capacityStep: 5_000,
} as const;

/**
 * `bench:compare`'s repeatability goal: across full runs, each HTTP ratio within this fraction of its
 * mean. Kept at ±5 % although one run's interval target is ±10 %: the median of a run moves less
 * between runs than the ends of its interval.
 */
export const REPEATABILITY = 0.05;

/**
 * `--quick`: indicative numbers in under a minute (no interval: one sample cannot carry one). One
 * round of 1 s samples and no warm-up, because wrk runs whole seconds: two rounds and a warm-up of
 * 1 s each would take ≈ 90 s for the 26 targets. The first requests of a cold server fall inside
 * its sample, which is why a quick run is labelled indicative only and feeds nothing.
 */
export const QUICK = { sampleS: 1, warmupS: 0, minRounds: 1, maxRounds: 1, lives: 1 } as const;

/**
 * The time a run may spend is its fixed part (every target started, warmed and sampled `minRounds`
 * times) times this: the rest goes to extra rounds for the cells whose interval is still too wide.
 */
export const BUDGET_FACTOR = 1.06;

/**
 * What the issue promises on a 2-core machine ("the full default run, all scenarios, stays ≤ 10
 * minutes"; 8 before the database scenarios); plan.test.ts holds the default plans to it.
 */
export const LIMITS = { fullS: 10 * 60, quickS: 60 } as const;

/** What the plan leaves of those for the build, Node's start, writing and the charts. */
export const PLAN_MARGIN_S = 10;

/** Above this share of its CPU the load generator, not the server, may be what was measured. */
export const GENERATOR_LIMIT = 0.9;

/** A baseline whose samples vary more than this (coefficient of variation) gets a noise warning. */
export const NOISY_BASELINE_CV = 0.1;

/** The canary (a fixed CPU loop on the server core) varies less than this on a quiet machine. */
export const QUIET_CANARY_CV = 0.05;

/** Little's law check: in-flight requests ÷ connections below this means the generator lagged. */
export const LITTLE_MIN = 0.8;

/**
 * Environment for servers in the fan-out scenarios: the chat caps fan-out per room and per process
 * so that chat cannot starve HTTP (shared/chat README, "Limits"); ws-broadcast and ws-capacity
 * measure exactly that fan-out, so they lift the two caps, and the method line says so.
 */
export const FANOUT_ENV = { CHAT_ROOM_RATE: 'off', CHAT_FANOUT_PER_SECOND: 'off' } as const;
