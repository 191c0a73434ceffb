/**
 * One sample: load one target for a second or so while its server's CPU and memory are read from
 * /proc. The generator's CPU is wrk's own when wrk drives the load (a separate process), else this
 * process's from process.cpuUsage() (autocannon and the ws clients run here). A crash fails the
 * cell; Ctrl-C leaves no half sample behind.
 */
import { CAPACITY_HOLD_S } from './plan.js';
import { familyCpuSeconds, ProcSampler } from '../targets/proc-stats.js';
import { SCENARIO_INFO, usesDatabase } from '../model/scenario-list.js';
import { crashReason, type Live, type RunContext } from './cells.js';
import type { LoadOutcome } from '../model/load-types.js';
import type { Sample } from '../model/schema.js';
import type { Cell } from '../model/measure.js';

/** What a load phase measured, with the resources it took. */
export interface Measured {
  outcome: LoadOutcome;
  cpuSeconds: number | null;
  rssMB: number | null;
  /** Generator CPU over wall time, as a fraction of its CPUs. */
  loadgenCpu: number;
  /** Server CPU seconds over the load's seconds (1 = one full core); null without /proc. */
  serverCpu: number | null;
  /** Database scenarios: PostgreSQL's CPU seconds over the load's seconds; undefined elsewhere. */
  dbCpu?: number | null;
}

/**
 * Runs the cell's load for `seconds` (in round `round`; 0 for the warm-up); null when the server
 * died (the cell is then failed) or the run was interrupted.
 */
export async function runLoad(
  cell: Cell,
  live: Live,
  ctx: RunContext,
  seconds: number,
  round = 0,
): Promise<Measured | null> {
  const { server, session } = live;
  // One controller per phase: Ctrl-C or the server dying stops the generator early.
  const controller = new AbortController();
  const abort = () => controller.abort();
  ctx.signal.addEventListener('abort', abort, { once: true });
  const offExit = server.onExit(abort);
  const unit = SCENARIO_INFO[cell.variant.base].unit;
  try {
    const sampler = new ProcSampler(server.pid);
    const dbPid = usesDatabase(cell.variant.base) ? ctx.databasePid : undefined;
    const dbBefore = dbPid === undefined ? null : familyCpuSeconds(dbPid);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const outcome = await session.run({
      port: server.port,
      connections: ctx.settings.connections,
      seconds,
      signal: controller.signal,
      workers: ctx.generatorThreads,
      ...(cell.variant.base === 'ws-capacity' && {
        capacity: { max: ctx.capacityCap, step: ctx.settings.capacityStep, holdSeconds: CAPACITY_HOLD_S },
      }),
      onRate: (perSecond) => ctx.progress.rate(perSecond, unit),
    });
    const wall = (performance.now() - wallBefore) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const proc = sampler.stop();
    const dbAfter = dbPid === undefined ? null : familyCpuSeconds(dbPid);
    // A dying server closes its sockets before its exit reaches us: when the sample went wrong,
    // give the exit a moment to arrive, so a crash is reported as a crash, not as an invalid sample.
    if (outcome.problems.length > 0 && !server.exit) await server.exited(500);
    if (server.exit) {
      cell.failed = crashReason(server, round || undefined);
      return null;
    }
    if (ctx.signal.aborted) return null; // a cut-short sample is not a measurement
    const loadgenCpu = outcome.generatorCpu ?? (cpu.user + cpu.system) / 1e6 / wall / ctx.generatorThreads;
    // Over the load's own seconds, not the wall time around it: wrk's start-up is not idle server time.
    const loadS = outcome.seconds && outcome.seconds > 0 ? outcome.seconds : wall;
    const serverCpu = proc.cpuSeconds === null ? null : proc.cpuSeconds / loadS;
    const dbCpu = dbBefore === null || dbAfter === null ? null : (dbAfter - dbBefore) / loadS;
    return {
      outcome,
      cpuSeconds: proc.cpuSeconds,
      rssMB: proc.peakRssMB,
      loadgenCpu,
      serverCpu,
      ...(dbPid !== undefined && { dbCpu }),
    };
  } catch (err) {
    if (server.exit) {
      cell.failed = crashReason(server, round || undefined);
      return null;
    }
    throw err;
  } finally {
    offExit();
    ctx.signal.removeEventListener('abort', abort);
  }
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

/** Turns a measured phase into the sample stored for `round`. */
export function toSample(m: Measured, round: number, asked: number): Sample {
  const { outcome } = m;
  // wrk runs whole seconds (and both generators report what they really ran).
  const seconds = outcome.seconds ?? asked;
  return {
    round,
    status: outcome.problems.length > 0 ? 'invalid' : 'ok',
    ...(outcome.problems.length > 0 && { reason: outcome.problems.join('; ') }),
    value: outcome.value,
    latencyMs: { p50: finite(outcome.p50), p99: finite(outcome.p99), mean: finite(outcome.mean) },
    throughputMBs: outcome.throughputMBs,
    rssMB: m.rssMB,
    cpuSeconds: m.cpuSeconds,
    perCpuSecond: m.cpuSeconds ? (outcome.value * seconds) / m.cpuSeconds : null,
    loadgenCpu: m.loadgenCpu,
    serverCpu: m.serverCpu,
    ...(m.dbCpu !== undefined && { dbCpu: m.dbCpu }),
    notes: outcome.notes,
  };
}
