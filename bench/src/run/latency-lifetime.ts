/**
 * One process lifetime of a latency run's scenario: every app started afresh (pinned on the server
 * core), warmed, driven at every ladder rate in a fresh random order per step (so the host's drift
 * lands on every app alike, as the closed-loop rounds interleave), then each app's bracket bisected.
 * The open-loop steps run in the pinned generator child; the server's CPU is read around each step.
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
import type { ServerProcess } from '../targets/server-process.js';
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

/** Ladder steps an app is no longer driven at once it missed this many in a row. */
export const SKIP_AFTER_MISSES = 2;

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

/** Runs one lifetime; `steps` collects every step driven. Servers are stopped before it returns. */
export async function runLifetime(ctx: LifetimeContext, steps: LatencyStep[]): Promise<LifetimeSearch[]> {
  const { settings: s, generator, lifetime } = ctx;
  const servers = new Map<string, ServerProcess>();
  const failed = new Map<string, string>();
  try {
    for (const t of ctx.targets) {
      const started = await startTarget(t, ctx.variant, {
        prefix: ctx.serverPrefix,
        connections: s.connections,
      });
      if (typeof started === 'string') failed.set(t.app, started);
      else servers.set(t.app, started);
    }
    const url = (app: string) => `http://127.0.0.1:${servers.get(app)!.port}${httpPath(ctx.variant.base)}`;
    const drive = async (app: string, rate: number, durationMs: number, warmupMs: number) => {
      const sampler = new ProcSampler(servers.get(app)!.pid);
      const t0 = performance.now();
      const m = await generator.run({
        url: url(app),
        rate,
        durationMs,
        warmupMs,
        connections: s.connections,
        timeoutMs: s.timeoutMs,
      });
      const cpu = sampler.stop().cpuSeconds;
      const wallS = (performance.now() - t0) / 1000;
      return { m, serverCpu: cpu === null ? null : cpu / wallS };
    };
    // Warm every app at the middle of the ladder (JIT, pools, connection set-up), unmeasured.
    const warmRate = ctx.ladder[Math.floor(ctx.ladder.length / 2)]!.rate;
    // An app that dies mid-lifetime (or that the generator cannot reach) leaves this lifetime with
    // the reason; the others go on. Its steps so far stay in the record.
    const active = new Set(servers.keys());
    const guarded = async (app: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (err) {
        const exit = servers.get(app)!.exit;
        const why = `${(err as Error).message}${exit ? ` (the app exited: ${exit.signal ?? `code ${exit.code}`})` : ''}`;
        failed.set(app, why);
        active.delete(app);
        ctx.log(`${app}, lifetime ${lifetime}: ${why}`);
      }
    };
    for (const app of shuffle([...active])) await guarded(app, () => drive(app, warmRate, s.warmMs, 0));

    const byApp = new Map<string, MeasuredStep<OpenLoopResult>[]>([...active].map((a) => [a, []]));
    const misses = new Map<string, number>();
    const measure = async (
      app: string,
      rate: number,
      phase: 'ladder' | 'bisection',
      fraction: number | null,
    ) => {
      const { m, serverCpu } = await drive(app, rate, s.stepMs, s.warmupMs);
      const verdict = stepVerdict(m, ctx.limits);
      steps.push(stepRecord(lifetime, app, { phase, fraction }, m, serverCpu, verdict));
      return { rate, phase, measure: m, verdict };
    };
    for (const step of ctx.ladder) {
      for (const app of shuffle([...active])) {
        if (ctx.signal.aborted) break;
        if ((misses.get(app) ?? 0) >= SKIP_AFTER_MISSES) continue; // far past its knee: not driven
        await guarded(app, async () => {
          const measured = await measure(app, step.rate, 'ladder', step.fraction);
          byApp.get(app)!.push(measured);
          misses.set(app, measured.verdict.verdict === 'misses' ? (misses.get(app) ?? 0) + 1 : 0);
        });
      }
    }
    const searches: LifetimeSearch[] = [];
    for (const app of shuffle([...active])) {
      if (ctx.signal.aborted) break;
      await guarded(app, async () => {
        const search = await capacityFromSteps(byApp.get(app)!, {
          limits: ctx.limits,
          bisections: s.bisections,
          measure: async (rate) => (await measure(app, rate, 'bisection', null)).measure,
        });
        searches.push({ app, search, failed: null });
      });
    }
    for (const [app, why] of failed) searches.push({ app, search: null, failed: why });
    return searches;
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
}
