/**
 * `npm run bench -- --latency`: every HTTP app open-loop at fixed rates on plaintext, fortunes and
 * /queries, on the default Node. Per scenario: node-http-app's closed-loop capacity under wrk (the
 * ladder's 100 %), then `lifetimes` process lifetimes, each driving every app at every ladder rate
 * (interleaved) and bisecting its capacity at the p99 target (latency-lifetime.ts). The generator is a
 * child process pinned on the load CPU; the servers are pinned on the server CPU; PostgreSQL (for
 * /queries) beside the generator, as in the full run. Servers, generator and database are stopped
 * whatever happens; Ctrl-C keeps what was measured as a partial run.
 */
import os from 'node:os';
import { join } from 'node:path';
import { buildLadder, LadderError } from '../latency/ladder.js';
import { capacityOverLifetimes, capacityRatio, lifetimeCapacity } from '../latency/capacity.js';
import { RemoteGenerator } from '../latency/remote-generator.js';
import { chooseHttpGenerator, loadHttpWrk } from '../load/http-wrk.js';
import { httpPath } from '../load/http-scenarios.js';
import type { HttpGenerator } from '../model/load-types.js';
import { BASELINE, DEFAULT_SERVER_NODE, QUIET_CANARY_CV } from '../model/defaults.js';
import {
  LATENCY_FULL,
  LATENCY_QUICK,
  type LatencyRun,
  type LatencyScenario,
  type LatencyScenarioResult,
  type LatencySettings,
  type LatencyStep,
} from '../model/latency.js';
import { parseScenarioId, SCENARIO_INFO } from '../model/scenario-list.js';
import { SCHEMA_VERSION, type Settings } from '../model/schema.js';
import type { Target } from '../model/target.js';
import { cv } from '../stats/stats.js';
import { collectEnv } from '../targets/env-info.js';
import { resolveNodes } from '../targets/node-versions.js';
import { setUpPinning, type Pinning } from '../targets/pinning.js';
import { startBenchPostgres, stopBenchPostgres } from '../targets/postgres.js';
import { ProcSampler } from '../targets/proc-stats.js';
import { stopAll } from '../targets/server-process.js';
import { startTarget } from '../targets/start-target.js';
import { BENCH_DIR, buildTargets } from '../targets/targets.js';
import { startCanary, type Canary } from './canary.js';
import { runLifetime, type LifetimeSearch } from './latency-lifetime.js';
import { latencyPlanS } from './latency-plan.js';

export interface LatencyOptions {
  quick: boolean;
  sloMs: number;
  /** HTTP apps (tcp-app serves only hello, not a template or the database). */
  apps: readonly string[];
  scenarios?: readonly LatencyScenario[];
  /** Pin servers and generator apart with taskset (default true; tests leave their worker alone). */
  pin?: boolean;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** node-http-app closed-loop under wrk: the ladder's 100 %, or why it could not be measured. */
async function baselineOf(
  target: Target,
  scenario: LatencyScenario,
  s: LatencySettings,
  pinning: Pinning,
  wrk: HttpGenerator,
  generator: RemoteGenerator,
  signal: AbortSignal,
): Promise<LatencyScenarioResult['baseline'] | string> {
  const variant = parseScenarioId(scenario)!;
  const server = await startTarget(target, variant, { prefix: pinning.serverPrefix, connections: 100 });
  if (typeof server === 'string') return server;
  try {
    const options = (seconds: number) => ({
      port: server.port,
      connections: 100,
      seconds,
      signal,
      workers: pinning.generatorThreads,
    });
    await loadHttpWrk(scenario, options(1), wrk); // warm-up, not measured
    const sampler = new ProcSampler(server.pid);
    const t0 = performance.now();
    const outcome = await loadHttpWrk(scenario, options(s.baselineSeconds), wrk);
    const cpu = sampler.stop().cpuSeconds;
    const serverCpu = cpu === null ? null : cpu / ((performance.now() - t0) / 1000);
    if (outcome.problems.length > 0 || !(outcome.value > 0))
      return outcome.problems.join('; ') || 'no answers';
    // The generator's own JIT: a second at half the rate, not measured, before its first step.
    await generator.run({
      url: `http://127.0.0.1:${server.port}${httpPath(scenario)}`,
      rate: Math.max(1, Math.round(outcome.value / 2)),
      durationMs: 1000,
      connections: s.connections,
      timeoutMs: s.timeoutMs,
    });
    return { rps: outcome.value, serverCpu, generatorCpu: outcome.generatorCpu ?? null };
  } finally {
    await server.stop();
  }
}

/** Runs the latency run; resolves with what it measured (partial when aborted). */
export async function runLatency(o: LatencyOptions): Promise<LatencyRun> {
  const started = performance.now();
  const s: LatencySettings = { ...(o.quick ? LATENCY_QUICK : LATENCY_FULL) };
  if (o.scenarios) s.scenarios = [...o.scenarios];
  const pinning = setUpPinning(o.pin ?? true);
  const wrk = chooseHttpGenerator('wrk', pinning.generatorCpus, o.log);
  if (wrk.tool !== 'wrk') throw new LadderError('a latency run needs wrk for its baseline (the ladder)');
  const [node] = resolveNodes([DEFAULT_SERVER_NODE], join(BENCH_DIR, '.cache'), o.log);
  const settings = { apps: [...o.apps], scenarios: s.scenarios, references: false, workers: 1 } as Settings;
  const targets = buildTargets(settings, [node!]).filter((t) => t.kind === 'app');
  const baselineTarget = targets.find((t) => t.app === BASELINE);
  if (!baselineTarget) throw new LadderError(`a latency run needs ${BASELINE}: its capacity sets the ladder`);
  const planS = latencyPlanS(s, targets.length);
  o.log(
    `latency run: ${targets.length} apps × ${s.scenarios.join(', ')}, ${s.lifetimes} lifetimes, p99 ≤ ${o.sloMs} ms; plan ≤ ${Math.ceil(planS)} s`,
  );
  const env = collectEnv(pinning, [node!], null, os.loadavg()[0] ?? 0);
  const pg = s.scenarios.includes('queries')
    ? await startBenchPostgres(targets.length, pinning.generatorCpus)
    : null;
  const generator = await RemoteGenerator.start(node!.path, pinning.generatorCpus);
  const canary: Canary | null = await startCanary(pinning.serverPrefix);
  const canaryMs: number[] = [];
  const scenarios: LatencyScenarioResult[] = [];
  const warnings: string[] = [];
  try {
    for (const scenario of s.scenarios) {
      if (o.signal.aborted) break;
      const what = SCENARIO_INFO[scenario].what;
      const baseline = await baselineOf(baselineTarget, scenario, s, pinning, wrk, generator, o.signal);
      if (typeof baseline === 'string' || baseline === null) {
        const why = `baseline failed (${BASELINE} closed-loop under wrk): ${baseline}`;
        o.log(`${scenario}: ${why}; no ladder`);
        const apps = targets.map((t) => ({
          app: t.app,
          searches: [],
          capacity: null,
          ratio: null,
          failed: why,
        }));
        scenarios.push({ scenario, what, baseline: null, ladder: [], failed: why, apps, steps: [] });
        continue;
      }
      if (baseline.serverCpu !== null && baseline.serverCpu < 0.9)
        warnings.push(
          `${scenario}: the baseline's server ran at ${Math.round(100 * baseline.serverCpu)} % of its core under wrk: the ladder's 100 % is not its capacity`,
        );
      const ladder = buildLadder(baseline.rps, s.fractions[scenario]);
      o.log(
        `${scenario}: baseline ${Math.round(baseline.rps)} req/s; ladder ${ladder.map((l) => l.rate).join(', ')}`,
      );
      const limits = { sloMs: o.sloMs, baselineRps: baseline.rps };
      const steps: LatencyStep[] = [];
      const byLifetime: LifetimeSearch[][] = [];
      for (let lifetime = 1; lifetime <= s.lifetimes && !o.signal.aborted; lifetime++) {
        const c = await canary?.run();
        if (c != null) canaryMs.push(c);
        const warm = async (port: number) => {
          const options = {
            port,
            connections: s.connections,
            seconds: s.warmS,
            signal: o.signal,
            workers: pinning.generatorThreads,
          };
          await loadHttpWrk(scenario, options, wrk);
        };
        const ctx = {
          warm,
          lifetime,
          variant: parseScenarioId(scenario)!,
          targets,
          ladder,
          limits,
          settings: s,
          generator,
          serverPrefix: pinning.serverPrefix,
          signal: o.signal,
          log: o.log,
        };
        const searches = await runLifetime(ctx, steps);
        byLifetime.push(searches);
        o.log(
          `${scenario} lifetime ${lifetime}: ${searches.map((r) => `${r.app} ${r.search?.capacity ?? r.failed ?? '–'}`).join(', ')}`,
        );
      }
      // Below the ladder is 0, not missing (lifetimeCapacity): it keeps the interval and the order.
      const capsOf = (app: string) =>
        byLifetime.map((l) => lifetimeCapacity(l.find((r) => r.app === app)?.search));
      const apps = targets.map((t) => {
        const mine = byLifetime.map((l, i) => ({ i, r: l.find((x) => x.app === t.app) }));
        const failures = mine.filter((m) => m.r?.failed).map((m) => m.r!.failed!);
        return {
          app: t.app,
          searches: mine.flatMap(({ i, r }) =>
            r?.search
              ? [
                  {
                    lifetime: i + 1,
                    capacity: r.search.capacity,
                    bound: r.search.bound,
                    firstMiss: r.search.firstMiss,
                    nonMonotone: r.search.nonMonotone,
                  },
                ]
              : [],
          ),
          capacity: capacityOverLifetimes(capsOf(t.app)),
          ratio: t.app === BASELINE ? null : capacityRatio(capsOf(t.app), capsOf(BASELINE)),
          failed: failures.length === byLifetime.length && failures.length > 0 ? failures[0]! : null,
        };
      });
      scenarios.push({ scenario, what, baseline, ladder, failed: null, apps, steps });
    }
  } finally {
    generator.stop();
    canary?.stop();
    await stopAll();
    await stopBenchPostgres();
  }
  const canaryCv = cv(canaryMs);
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'latency',
    quick: o.quick,
    partial: o.signal.aborted,
    wallS: (performance.now() - started) / 1000,
    planS,
    env: {
      date: env.date,
      cpu: env.cpu,
      cores: env.cores,
      pinning: `${pinning.description}; the open-loop generator and PostgreSQL on the load CPU`,
      serverNode: node!.version,
      generatorNode: node!.version,
      baselineGenerator: wrk.label,
      postgres: pg?.version ?? null,
      gitCommit: env.gitCommit,
      git: env.git ?? null,
      versions: env.versions,
    },
    settings: { sloMs: o.sloMs, apps: targets.map((t) => t.app), ...s },
    noise: {
      level: canaryCv === null ? 'unknown' : canaryCv <= QUIET_CANARY_CV ? 'quiet' : 'noisy',
      canaryMs,
      canaryCv,
    },
    scenarios,
    warnings,
  };
}
