/**
 * One process lifetime of a latency run's scenario: the apps one at a time in a fresh random order
 * (so the host's drift lands on every app alike over the lifetimes, and each lifetime's ratios pair
 * apps measured within seconds of each other), each started afresh pinned on the server core,
 * warmed under wrk, driven up the ladder without a pause, its bracket bisected, and stopped.
 *
 * Why one app at a time and not every app per step, interleaved: an app left idle while four others
 * take their turn served its next step badly for a few hundred ms (koa after 3 s idle: p50 92 ms at
 * 12.8k req/s, a second later 0.9 ms), which is the pause's doing, not the rate's. Load without
 * pauses keeps a step about the rate. The open-loop steps run in the pinned generator child; the
 * server's CPU is read around each step.
 */
import { capacityFromSteps, type MeasuredStep } from '../latency/capacity.js';
import { stepVerdict, type VerdictLimits } from '../latency/verdict.js';
import type { OpenLoopResult } from '../latency/open-loop.js';
import type { RemoteGenerator } from '../latency/remote-generator.js';
import type { LadderStep } from '../latency/ladder.js';
import { httpPath } from '../load/http-scenarios.js';
import type { LatencySettings, LatencyStep } from '../model/latency.js';
import type { ScenarioVariant } from '../model/scenario-list.js';
import type { Target } from '../model/target.js';
import { ProcSampler } from '../targets/proc-stats.js';
import { startTarget } from '../targets/start-target.js';
import { shuffle } from './schedule.js';

export interface LifetimeContext {
  lifetime: number;
  variant: ScenarioVariant;
  targets: readonly Target[];
  ladder: readonly LadderStep[];
  limits: VerdictLimits;
  settings: LatencySettings;
  generator: RemoteGenerator;
  /** Closed-loop load on a port for `settings.warmS` (wrk, pinned like the generator): the JIT's warm-up. */
  warm: (port: number) => Promise<void>;
  serverPrefix: string[];
  signal: AbortSignal;
  log: (line: string) => void;
}

export interface LifetimeSearch {
  app: string;
  /** Null when the app did not start in this lifetime (then `failed` says why). */
  search: Awaited<ReturnType<typeof capacityFromSteps>> | null;
  failed: string | null;
}

/**
 * Ladder steps an app is no longer driven at once it missed this many in a row with its core
 * saturated (it is past its knee). A miss with CPU to spare is a hiccup of the host, not a knee.
 */
export const SKIP_AFTER_MISSES = 2;
const PAST_KNEE_CPU = 0.9;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The schema's record of one step. */
export function stepRecord(
  lifetime: number,
  app: string,
  step: { phase: 'ladder' | 'bisection'; fraction: number | null },
  m: OpenLoopResult,
  serverCpu: number | null,
  verdict: ReturnType<typeof stepVerdict>,
): LatencyStep {
  const pct = (s: OpenLoopResult['corrected']) => (m.completed === 0 ? null : s);
  return {
    lifetime,
    app,
    phase: step.phase,
    fraction: step.fraction,
    offeredRate: m.offeredRate,
    achievedRate: m.achievedRate,
    scheduled: m.scheduled,
    completed: m.completed,
    errors: m.errors,
    timeouts: m.timeouts,
    non2xx: m.non2xx,
    corrected: pct(m.corrected),
    uncorrected: pct(m.uncorrected),
    sendLatenessP99: m.sendLateness.p99,
    dispatchLagP99: m.dispatchLag.p99,
    generatorBusy: m.generatorBusy,
    connections: m.connections,
    inFlightNeeded: finite(m.inFlightNeeded),
    inFlightOnWire: m.inFlightOnWire,
    serverCpu,
    verdict: verdict.verdict,
    reasons: verdict.verdict === 'meets' ? [] : verdict.reasons,
  };
}

/** Runs one lifetime; `steps` collects every step driven. Each server is stopped after its turn. */
export async function runLifetime(ctx: LifetimeContext, steps: LatencyStep[]): Promise<LifetimeSearch[]> {
  const searches: LifetimeSearch[] = [];
  for (const target of shuffle([...ctx.targets])) {
    if (ctx.signal.aborted) break;
    searches.push(await appTurn(ctx, target, steps));
  }
  return searches;
}

/** One app's turn: start, warm, ladder, bisections, stop; a failure is its reason, not a throw. */
async function appTurn(ctx: LifetimeContext, target: Target, steps: LatencyStep[]): Promise<LifetimeSearch> {
  const { settings: s, generator, lifetime } = ctx;
  const app = target.app;
  const server = await startTarget(target, ctx.variant, {
    prefix: ctx.serverPrefix,
    connections: s.connections,
  });
  if (typeof server === 'string') return { app, search: null, failed: server };
  const url = `http://127.0.0.1:${server.port}${httpPath(ctx.variant.base)}`;
  const measure = async (rate: number, phase: 'ladder' | 'bisection', fraction: number | null) => {
    const sampler = new ProcSampler(server.pid);
    const t0 = performance.now();
    const m = await generator.run({
      url,
      rate,
      durationMs: s.stepMs,
      warmupMs: s.warmupMs,
      connections: s.connections,
      timeoutMs: s.timeoutMs,
    });
    const cpu = sampler.stop().cpuSeconds;
    const serverCpu = cpu === null ? null : cpu / ((performance.now() - t0) / 1000);
    const measured = { ...m, serverCpu };
    const verdict = stepVerdict(measured, ctx.limits);
    steps.push(stepRecord(lifetime, app, { phase, fraction }, m, serverCpu, verdict));
    return { rate, phase, measure: measured, verdict };
  };
  try {
    await ctx.warm(server.port);
    const ladder: MeasuredStep<OpenLoopResult & { serverCpu: number | null }>[] = [];
    let misses = 0;
    for (const step of ctx.ladder) {
      if (ctx.signal.aborted || misses >= SKIP_AFTER_MISSES) break; // past its knee: not driven higher
      const measured = await measure(step.rate, 'ladder', step.fraction);
      ladder.push(measured);
      const pastKnee =
        measured.verdict.verdict === 'misses' && (measured.measure.serverCpu ?? 1) >= PAST_KNEE_CPU;
      misses = pastKnee ? misses + 1 : 0;
    }
    if (ctx.signal.aborted) return { app, search: null, failed: 'interrupted' };
    const search = await capacityFromSteps(ladder, {
      limits: ctx.limits,
      bisections: s.bisections,
      measure: async (rate) => (await measure(rate, 'bisection', null)).measure,
    });
    return { app, search, failed: null };
  } catch (err) {
    // The app died mid-turn, or the generator could not reach it: its steps so far stay recorded.
    const exit = server.exit;
    const why = `${(err as Error).message}${exit ? ` (the app exited: ${exit.signal ?? `code ${exit.code}`})` : ''}`;
    ctx.log(`${app}, lifetime ${lifetime}: ${why}`);
    return { app, search: null, failed: why };
  } finally {
    await server.stop();
  }
}
