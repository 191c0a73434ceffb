/**
 * How long a latency run takes at most, from its settings: printed before it starts, and held to
 * the promise in bench/README.md (≤ 8 minutes, `--quick` ≤ 1 minute) by a test. The per-step
 * overhead (connecting the pool, the drain, the IPC round trip) and the start-up of a lifetime's
 * servers are allowances measured on the development machine, rounded up.
 */
import type { LatencyScenario, LatencySettings } from '../model/latency.js';

/** Per open-loop step beyond its scheduled load: connect, drain, IPC. */
export const STEP_OVERHEAD_S = 0.08;
/** Starting wrk and reading its report. */
export const WRK_OVERHEAD_S = 0.1;
/** Starting and stopping an app for its turn (≈ 0.1–0.4 s to listen, then SIGTERM). */
export const APP_OVERHEAD_S = 0.5;
/** PostgreSQL's start and seed (only with /queries), the generator's fork. */
export const RUN_OVERHEAD_S = 6;

/** The most a latency run of `apps` apps takes, in seconds (every step driven, every bisection run). */
export function latencyPlanS(s: LatencySettings, apps: number): number {
  const step = (s.warmupMs + s.stepMs) / 1000 + STEP_OVERHEAD_S;
  const perLifetime = (scenario: LatencyScenario) =>
    apps * (APP_OVERHEAD_S + s.warmS + WRK_OVERHEAD_S + (s.fractions[scenario].length + s.bisections) * step);
  // The baseline: one unmeasured wrk second and the measured ones, a server start and stop, and a
  // second of the generator warming its own JIT against it.
  const baseline = 1 + s.baselineSeconds + 1 + 1;
  const scenarios = s.scenarios.map((scenario) => baseline + s.lifetimes * perLifetime(scenario));
  return RUN_OVERHEAD_S + scenarios.reduce((a, b) => a + b, 0);
}
