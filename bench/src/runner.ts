/**
 * The measurement loop: for each round, targets and their scenarios in a fresh random order; each
 * target started fresh (start-up time, idle RSS), every scenario validated, warmed up and measured
 * while /proc is sampled. Failures are recorded and the run goes on.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { driverFor } from './scenarios.js';
import { SCENARIO_INFO, scenarioId, type ScenarioVariant } from './scenario-list.js';
import { ProcSampler } from './proc-stats.js';
import { capacityHoldSeconds, measuredInRound, plannedSeconds, shuffle } from './schedule.js';
import { startServer, StartError, type ServerProcess } from './server-process.js';
import { ROOT_DIR, type Target } from './targets.js';
import type { ProgressSink } from './progress.js';
import type { Round, Settings } from './schema.js';

/** Everything measured for one target in one scenario. */
export interface Cell {
  target: Target;
  variant: ScenarioVariant;
  failed: string | null;
  rounds: Round[];
}

/** Raw measurements, keyed by target, for aggregation. */
export interface Measurements {
  cells: Cell[];
  /** Start-up ms and idle RSS MB per target (one entry per start). */
  starts: Map<Target, { startupMs: number; idleRssMB: number | null }[]>;
}

export interface RunOptions {
  settings: Settings;
  targets: Target[];
  serverPrefix: string[];
  /** Largest ws-capacity client count the open-files limits allow. */
  capacityCap: number;
  signal: AbortSignal;
  progress: ProgressSink;
  pickPort?: () => Promise<number>;
}

/** Runs every round; resolves with what was measured (partial when the signal aborted). */
export async function runRounds(options: RunOptions): Promise<Measurements> {
  const { settings, signal, progress } = options;
  const cells = options.targets.flatMap((target) =>
    target.scenarios.map((variant) => ({ target, variant, failed: null, rounds: [] }) as Cell),
  );
  const starts = new Map<Target, { startupMs: number; idleRssMB: number | null }[]>();
  const start = async (target: Target): Promise<ServerProcess> => {
    const server = await startServer(
      { name: target.app, entry: target.entry, nodePath: target.node.path },
      { prefix: options.serverPrefix, ...(options.pickPort && { pickPort: options.pickPort }) },
    );
    starts.set(target, [
      ...(starts.get(target) ?? []),
      { startupMs: server.startupMs, idleRssMB: server.idleRssMB },
    ]);
    progress.log(
      `started ${target.app} on Node ${target.node.version} (pid ${server.pid}, port ${server.port}) in ${server.startupMs.toFixed(0)} ms`,
    );
    return server;
  };

  for (let round = 1; round <= settings.rounds && !signal.aborted; round++) {
    for (const target of shuffle(options.targets)) {
      if (signal.aborted) break;
      const todo = cells.filter((c) => c.target === target && !c.failed && measuredInRound(c.variant, round));
      if (todo.length === 0) continue;
      if (!existsSync(target.entry)) {
        for (const cell of todo) cell.failed = `not built: ${relative(ROOT_DIR, target.entry)} is missing`;
        continue;
      }
      let server: ServerProcess | null = null;
      try {
        // Scenario order is shuffled too: the first one after a start meets a cold JIT.
        for (const cell of shuffle(todo)) {
          if (signal.aborted) break;
          const label = `${target.app} ${scenarioId(cell.variant)}`;
          try {
            if (!server || server.exit) server = await start(target);
          } catch (err) {
            if (!(err instanceof StartError)) throw err;
            for (const c of todo) c.failed ??= `start: ${err.message}`;
            progress.log(`FAILED ${target.app}: ${err.message}`);
            break;
          }
          const before = cell.rounds.length;
          await measureCell(cell, server, round, options);
          // Tens of thousands of sockets leave a big heap behind: the next scenario gets a fresh process.
          if (cell.variant.base === 'ws-capacity') {
            await server.stop();
            server = null;
          }
          if (cell.failed) progress.log(`FAILED ${label}: ${cell.failed}`);
          else if (cell.rounds.length > before) progress.done(cell, cell.rounds.at(-1)!);
        }
      } finally {
        await server?.stop();
      }
    }
  }
  return { cells, starts };
}

async function measureCell(
  cell: Cell,
  server: ServerProcess,
  round: number,
  options: RunOptions,
): Promise<void> {
  const { settings, progress } = options;
  const id = scenarioId(cell.variant);
  const driver = driverFor(cell.variant);
  progress.step({ app: cell.target.app, scenario: id, round, phase: 'validate' });
  const invalid = await driver.validate(server.port);
  if (invalid) {
    cell.failed = invalid.startsWith('ws validation') ? invalid : `validation: ${invalid}`;
    return;
  }
  // One controller per round: Ctrl-C or the server dying stops the generator early.
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal.addEventListener('abort', abort, { once: true });
  const offExit = server.onExit(abort);
  const onRate = (perSecond: number) => progress.rate(perSecond, SCENARIO_INFO[cell.variant.base].unit);
  const holdSeconds = capacityHoldSeconds(settings);
  const load = { port: server.port, connections: settings.connections, signal: controller.signal, onRate };
  let session;
  try {
    session = await driver.open(server.port, settings.connections);
  } catch (err) {
    offExit();
    options.signal.removeEventListener('abort', abort);
    cell.failed = server.exit ? crashReason(server, round) : `load set-up: ${(err as Error).message}`;
    return;
  }
  try {
    if (driver.warmup && settings.warmupS > 0) {
      progress.step({
        app: cell.target.app,
        scenario: id,
        round,
        phase: 'warm-up',
        seconds: settings.warmupS,
      });
      await session.run({ ...load, seconds: settings.warmupS });
    }
    if (server.exit || options.signal.aborted)
      return void (cell.failed = server.exit ? crashReason(server, round) : null);
    progress.step({
      app: cell.target.app,
      scenario: id,
      round,
      phase: 'measure',
      seconds: plannedSeconds(cell.variant, settings) - settings.warmupS,
    });
    const sampler = new ProcSampler(server.pid);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const capacity = { max: options.capacityCap, step: settings.capacityStep, holdSeconds };
    const outcome = await session.run({ ...load, seconds: settings.durationS, capacity });
    const wall = (performance.now() - wallBefore) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const proc = sampler.stop();
    // A dying server closes its sockets before its exit reaches us: when the round went wrong, give
    // the exit a moment to arrive, so a crash is reported as a crash, not as an invalid round.
    if (outcome.problems.length > 0 && !server.exit) await server.exited(500);
    if (server.exit) return void (cell.failed = crashReason(server, round));
    if (options.signal.aborted) return; // a cut-short round is not a measurement
    const isRate = cell.variant.base !== 'ws-capacity';
    cell.rounds.push({
      round,
      status: outcome.problems.length > 0 ? 'invalid' : 'ok',
      ...(outcome.problems.length > 0 && { reason: outcome.problems.join('; ') }),
      value: outcome.value,
      latencyMs: { p50: finite(outcome.p50), p99: finite(outcome.p99) },
      throughputMBs: outcome.throughputMBs,
      rssMB: proc.peakRssMB,
      cpuSeconds: proc.cpuSeconds,
      perCpuSecond: isRate && proc.cpuSeconds ? (outcome.value * settings.durationS) / proc.cpuSeconds : null,
      loadgenCpu: (cpu.user + cpu.system) / 1e6 / wall,
      notes: outcome.notes,
    });
  } finally {
    session.close();
    offExit();
    options.signal.removeEventListener('abort', abort);
  }
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

function crashReason(server: ServerProcess, round: number): string {
  return `crashed in round ${round} (${server.describeExit()}): ${server.lastLines() || 'no output'}`;
}
