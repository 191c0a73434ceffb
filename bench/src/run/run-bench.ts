/**
 * One bench run end to end, without the terminal concerns of cli/bench.ts: resolve Node versions, pin,
 * build targets, print the plan, run its blocks, aggregate, write. Tests call it with their own targets.
 */
import os from 'node:os';
import { join } from 'node:path';
import { aggregate } from '../stats/aggregate.js';
import { blockMethod } from './block-method.js';
import { collectEnv } from '../targets/env-info.js';
import { methodLine } from '../report/method.js';
import { resolveNodes } from '../targets/node-versions.js';
import { classify, writeOutputs, type OutputDirs } from '../output/outputs.js';
import { setUpPinning } from '../targets/pinning.js';
import { chooseHttpGenerator } from '../load/http-wrk.js';
import { formatPlan, minutes, planRun, socketsPerTarget } from './plan.js';
import { readFdLimit } from '../targets/proc-stats.js';
import { parseScenarioId, scenarioId } from '../model/scenario-list.js';
import { runPlan } from './runner.js';
import { stopAll } from '../targets/server-process.js';
import { stopBenchRedis } from '../targets/redis.js';
import { BENCH_DIR, buildTargets } from '../targets/targets.js';
import type { Run, Settings } from '../model/schema.js';
import type { Target } from '../model/target.js';
import type { ProgressSink } from './cells.js';

export interface BenchOptions {
  settings: Settings;
  quick: boolean;
  dirs: OutputDirs;
  signal: AbortSignal;
  /** Builds the progress display once the budget is known. */
  progress: (budgetSeconds: number) => ProgressSink;
  log: (line: string) => void;
  /** Replaces the apps from the settings (tests: servers that misbehave). */
  targets?: (nodes: ReturnType<typeof resolveNodes>) => Target[];
}

/** Open files the bench keeps for itself besides the load's sockets. */
const FD_RESERVE = 200;

/** Runs the bench; resolves with the run as written (partial when the signal aborted it). */
export async function runBench(
  options: BenchOptions,
): Promise<{ run: Run; written: string[]; skipped: string[] }> {
  const { settings, log } = options;
  const nodes = resolveNodes(settings.nodes, join(BENCH_DIR, '.cache'), log);
  const pinning = setUpPinning(settings.pin);
  const targets = options.targets ? options.targets(nodes) : buildTargets(settings, nodes);

  // ws-capacity's clients live in this process, the server's sockets in the child: both count.
  const selfLimit = readFdLimit('self');
  const hardLimit = readFdLimit('self', 'hard');
  const serverLimit = hardLimit === null ? null : Math.min(65_536, hardLimit);
  const fdLimit = Math.min(selfLimit ?? Infinity, serverLimit ?? Infinity);
  const capacityCap = Math.max(settings.capacityStep, Math.min(settings.capacityMax, fdLimit - FD_RESERVE));
  const warnings: string[] = [];
  const busy = os.loadavg()[0] ?? 0;
  if (busy > 1)
    warnings.push(
      `the machine was busy before the run (load average ${busy.toFixed(1)}): numbers are unreliable`,
    );
  if (!pinning.pinned) warnings.push(`server and load generator not pinned: ${pinning.description}`);
  const variants = settings.scenarios.map((id) => parseScenarioId(id)!);
  if (variants.some((v) => v.base === 'ws-capacity') && capacityCap < settings.capacityMax)
    warnings.push(
      `ws-capacity capped at ${capacityCap} clients by the open-files limit (${fdLimit}); raise \`ulimit -n\` to go further`,
    );
  // A ws scenario keeps every target's sockets open across its rounds.
  for (const v of variants) {
    const held =
      socketsPerTarget(v, settings.connections) *
      targets.filter((t) => t.scenarios.some((o) => scenarioId(o) === scenarioId(v))).length;
    if (held > fdLimit - FD_RESERVE)
      warnings.push(
        `${v.base} holds ${held} sockets at once, above the open-files limit (${fdLimit}): lower --connections`,
      );
  }
  for (const w of warnings) log(`⚠ ${w}`);
  // wrk unless asked otherwise; a fallback is printed here and recorded (env.httpGenerator).
  const http = chooseHttpGenerator(settings.generator ?? 'wrk', pinning.generatorCpus, (w) => {
    warnings.push(w);
    log(`⚠ ${w}`);
  });

  const plan = planRun(settings, targets, capacityCap);
  const eta = new Date(Date.now() + plan.budgetS * 1000).toTimeString().slice(0, 5);
  log(`${formatPlan(plan, settings, capacityCap)}\nETA ${eta} at the latest (${minutes(plan.budgetS)})`);
  const progress = options.progress(plan.budgetS);
  const started = performance.now();
  let measurements;
  try {
    measurements = await runPlan(plan, {
      settings,
      serverPrefix: pinning.serverPrefix,
      generatorThreads: pinning.generatorThreads,
      http,
      capacityCap,
      signal: options.signal,
      progress,
      runStart: started,
    });
  } finally {
    progress.stop();
    await stopAll();
    await stopBenchRedis();
  }
  const env = {
    ...collectEnv(pinning, nodes, Number.isFinite(fdLimit) ? fdLimit : null, busy),
    httpGenerator: http.label,
  };
  const run: Run = {
    schemaVersion: 2,
    kind: 'subset',
    env,
    settings,
    quick: options.quick,
    partial: options.signal.aborted,
    plan: { fixedS: plan.fixedS, budgetS: plan.budgetS },
    wallS: (performance.now() - started) / 1000,
    generator: measurements.generator,
    ...aggregate(measurements, settings, capacityCap, (bm) => blockMethod(bm, settings, capacityCap)),
    method: '',
    warnings,
  };
  run.kind = classify(run).kind;
  run.method = methodLine(run);
  const { written, skipped } = await writeOutputs(run, options.dirs);
  return { run, written, skipped };
}
