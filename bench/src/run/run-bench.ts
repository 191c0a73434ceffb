/**
 * One bench run end to end, without the terminal concerns of cli/bench.ts: resolve Node versions, pin,
 * build targets, print the plan, run its blocks, aggregate, write. Tests call it with their own targets.
 */
import os from 'node:os';
import { join } from 'node:path';
import { aggregate } from '../stats/aggregate.js';
import { blockMethod, databaseMethod } from './block-method.js';
import { collectEnv, gitState, measureOtherWork } from '../targets/env-info.js';
import { methodLine } from '../report/method.js';
import { resolveNodes } from '../targets/node-versions.js';
import { classify, writeOutputs, type OutputDirs } from '../output/outputs.js';
import { setUpPinning } from '../targets/pinning.js';
import { chooseHttpGenerator } from '../load/http-wrk.js';
import { formatPlan, minutes, planRun, socketsPerTarget } from './plan.js';
import { readFdLimit } from '../targets/proc-stats.js';
import { parseScenarioId, scenarioId, usesDatabase } from '../model/scenario-list.js';
import { runPlan } from './runner.js';
import { stopAll } from '../targets/server-process.js';
import { stopBenchRedis } from '../targets/redis.js';
import {
  databasePools,
  startBenchPostgres,
  stopBenchPostgres,
  type BenchPostgres,
} from '../targets/postgres.js';

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

/** How long the CPUs are watched before a run, the bench idle. */
const BUSY_SAMPLE_MS = 2000;
/** Other work above this share of all CPUs (a fifth of one of two cores) skews what follows. */
export const BUSY_SHARE = 0.1;

/**
 * The run warning for the CPU time other work took just before the run, or null when the machine
 * was idle enough (or could not be read: not Linux).
 */
export function busyWarning(otherWork: { share: number; seconds: number } | null): string | null {
  if (otherWork === null || otherWork.share <= BUSY_SHARE) return null;
  return `the machine was busy before the run: other work used ${(otherWork.share * 100).toFixed(0)} % of the CPUs over ${otherWork.seconds.toFixed(1)} s (more than ${BUSY_SHARE * 100} %), so numbers are less reliable`;
}

/** Runs the bench; resolves with the run as written (partial when the signal aborted it). */
export async function runBench(
  options: BenchOptions,
): Promise<{ run: Run; written: string[]; skipped: string[]; report: string }> {
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
  const loadAverage = os.loadavg()[0] ?? 0;
  const git = gitState();
  if (git && git.dirty.length > 0)
    log(
      `⚠ uncommitted changes in the measured code (${git.dirty.slice(0, 3).join(', ')}${git.dirty.length > 3 ? ` and ${git.dirty.length - 3} more` : ''}): this run will feed neither the deck nor the README; commit first`,
    );
  // Other work, not the load average: a minute's average still holds the bench's own last run.
  const otherWork = await measureOtherWork(BUSY_SAMPLE_MS);
  const busy = busyWarning(otherWork);
  if (busy) warnings.push(busy);
  if (!pinning.pinned) warnings.push(`server and load generator not pinned: ${pinning.description}`);
  const variants = settings.scenarios.map((id) => parseScenarioId(id)!);
  // Printed, not a run warning: the ws-capacity table and slide say "capped by the open-files
  // limit" themselves, and a run warning goes on every slide's method line.
  if (variants.some((v) => v.base === 'ws-capacity') && capacityCap < settings.capacityMax)
    log(
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
  let pg: BenchPostgres | undefined;
  try {
    // One PostgreSQL for the run, started and seeded before the first block (plan.setUpS).
    const databaseBlocks = plan.blocks.filter((b) => usesDatabase(b.variant.base));
    if (databaseBlocks.length > 0) {
      progress.phase('PostgreSQL: start and seed');
      pg = await startBenchPostgres(databasePools(databaseBlocks), pinning.generatorCpus);
      progress.log(`database: ${databaseMethod(pg)}`);
    }
    measurements = await runPlan(plan, {
      settings,
      ...(pg && { databasePid: pg.pid }),
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
    // PostgreSQL first, by SIGKILL (its data is throwaway): stopAll's SIGTERM would be a smart
    // shutdown, waiting for the validation's open connection until the SIGKILL that follows.
    await stopBenchPostgres();
    await stopAll();
    await stopBenchRedis();
  }
  const env = {
    ...collectEnv(pinning, nodes, Number.isFinite(fdLimit) ? fdLimit : null, loadAverage, otherWork, git),
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
    ...aggregate(measurements, settings, capacityCap, (bm) =>
      blockMethod(bm, settings, capacityCap, pg && databaseMethod(pg)),
    ),
    method: '',
    warnings,
  };
  run.kind = classify(run).kind;
  run.method = methodLine(run);
  const { written, skipped, report } = await writeOutputs(run, options.dirs);
  return { run, written, skipped, report };
}
