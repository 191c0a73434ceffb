/**
 * One bench run end to end, without the terminal concerns of cli.ts: pin, resolve Node versions and
 * targets, run the rounds, aggregate, write. Tests call it with their own targets.
 */
import os from 'node:os';
import { join } from 'node:path';
import { aggregate } from './aggregate.js';
import { collectEnv } from './env-info.js';
import { resolveNodes } from './node-versions.js';
import { writeOutputs, type OutputDirs } from './outputs.js';
import { methodLine } from './report-markdown.js';
import { setUpPinning } from './pinning.js';
import { readFdLimit } from './proc-stats.js';
import { parseScenarioId } from './scenario-list.js';
import { runRounds } from './runner.js';
import { measuredInRound, plannedSeconds } from './schedule.js';
import { stopAll } from './server-process.js';
import { BENCH_DIR, buildTargets, type Target } from './targets.js';
import type { ProgressSink } from './progress.js';
import type { Run, Settings } from './schema.js';

export interface BenchOptions {
  settings: Settings;
  quick: boolean;
  dirs: OutputDirs;
  signal: AbortSignal;
  /** Builds the progress display once the planned time is known. */
  progress: (plannedSeconds: number) => ProgressSink;
  log: (line: string) => void;
  /** Replaces the apps from the settings (tests: servers that misbehave). */
  targets?: (nodes: ReturnType<typeof resolveNodes>) => Target[];
}

/** Open files the bench keeps for itself besides ws-capacity's clients. */
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
  const wantsCapacity = settings.scenarios.some((id) => parseScenarioId(id)?.base === 'ws-capacity');
  if (wantsCapacity && capacityCap < settings.capacityMax) {
    warnings.push(
      `ws-capacity capped at ${capacityCap} clients by the open-files limit (${fdLimit}); raise \`ulimit -n\` to go further`,
    );
  }
  for (const w of warnings) log(`⚠ ${w}`);

  let planned = 0;
  for (let round = 1; round <= settings.rounds; round++) {
    for (const t of targets) {
      for (const v of t.scenarios) if (measuredInRound(v, round)) planned += plannedSeconds(v, settings);
    }
  }
  const progress = options.progress(planned);
  let measurements;
  try {
    measurements = await runRounds({
      settings,
      targets,
      serverPrefix: pinning.serverPrefix,
      capacityCap,
      signal: options.signal,
      progress,
    });
  } finally {
    progress.stop();
    await stopAll();
  }
  const { results, warnings: more } = aggregate(measurements);
  const env = collectEnv(pinning, nodes, Number.isFinite(fdLimit) ? fdLimit : null, busy);
  const run: Run = {
    env,
    settings,
    quick: options.quick,
    partial: options.signal.aborted,
    method: '',
    warnings: [...warnings, ...more],
    results,
  };
  run.method = methodLine(run);
  const { written, skipped } = await writeOutputs(run, options.dirs);
  return { run, written, skipped };
}
