/**
 * What a block measures per target, and the steps every block shares: start a target (fresh
 * process, pinned: targets/start-target.ts), validate it against the contract and open its load
 * session (load/scenarios.ts); tear down at the end.
 */
import { driverFor } from '../load/scenarios.js';
import { queryCountProblem } from '../load/db-validate.js';
import { httpGet, httpPath } from '../load/http-scenarios.js';
import { benchPostgres } from '../targets/postgres.js';
import { usesDatabase } from '../model/scenario-list.js';
import { startTarget } from '../targets/start-target.js';
import type { ServerProcess } from '../targets/server-process.js';
import type { Canary } from './canary.js';
import type { HttpGenerator, LoadSession } from '../model/load-types.js';
import type { BlockPlan, Cell } from '../model/measure.js';
import type { Settings } from '../model/schema.js';

/** What the runner reports; see {@link createProgress}. */
export interface ProgressSink {
  /** What is being done now ("plaintext r3", "ws-capacity: koa-app"). */
  phase(label: string): void;
  rate(perSecond: number, unit: string): void;
  log(line: string): void;
  stop(): void;
}

/** A started, validated target with its load session. */
export interface Live {
  server: ServerProcess;
  session: LoadSession;
}

/** What the runner hands every block. */
export interface RunContext {
  settings: Settings;
  serverPrefix: string[];
  generatorThreads: number;
  /** The closed-loop HTTP generator (wrk, or autocannon when asked for or wrk is missing). */
  http: HttpGenerator;
  capacityCap: number;
  signal: AbortSignal;
  progress: ProgressSink;
  canary: Canary | null;
  /** The run's PostgreSQL postmaster (database scenarios): its family's CPU is read per sample. */
  databasePid?: number;
  /** performance.now() when the run started: block deadlines count from here. */
  runStart: number;
  pickPort?: () => Promise<number>;
}

/** A fresh cell per target of the block. */
export function cellsOf(block: BlockPlan): Cell[] {
  return block.targets.map((target) => ({
    target,
    variant: block.variant,
    failed: null,
    samples: [],
    start: null,
    warmRate: null,
  }));
}

/**
 * Starts, validates and opens the session of one cell; on failure marks the cell failed with the
 * reason and returns null (the block goes on without it).
 */
export async function prepare(cell: Cell, ctx: RunContext): Promise<Live | null> {
  const { target, variant } = cell;
  const started = await startTarget(target, variant, {
    prefix: ctx.serverPrefix,
    connections: ctx.settings.connections,
    ...(ctx.pickPort && { pickPort: ctx.pickPort }),
  });
  if (typeof started === 'string') {
    cell.failed = started;
    return null;
  }
  const server = started;
  // The first lifetime's start-up is the one reported (later ones find the files cached).
  cell.start ??= { startupMs: server.startupMs, idleRssMB: server.idleRssMB };
  ctx.progress.log(
    `started ${target.app} on Node ${target.node.version} (pid ${server.pid}, port ${server.port}) in ${server.startupMs.toFixed(0)} ms`,
  );
  const driver = driverFor(variant, ctx.http);
  const invalid = (await driver.validate(server.port)) ?? (await countQueries(cell, server.port));
  if (invalid) {
    cell.failed = invalid.startsWith('ws validation') ? invalid : `validation: ${invalid}`;
    await server.stop();
    return null;
  }
  try {
    return { server, session: await driver.open(server.port, ctx.settings.connections) };
  } catch (err) {
    cell.failed = server.exit ? crashReason(server) : `load set-up: ${(err as Error).message}`;
    await server.stop();
    return null;
  }
}

/**
 * For `queries` and `updates`: the statements one request ran (pg_stat_statements), as
 * TechEmpower's verifier counts them; null when right or not counted.
 */
async function countQueries(cell: Cell, port: number): Promise<string | null> {
  const base = cell.variant.base;
  const pg = usesDatabase(base) ? benchPostgres() : undefined;
  if (!pg) return null;
  try {
    return await queryCountProblem(base, (await pg).counter, () => httpGet(port, httpPath(base)));
  } catch (err) {
    return `query count: ${(err as Error).message}`;
  }
}

/** Closes sessions and stops servers. */
export async function tearDown(live: Iterable<Live>): Promise<void> {
  const all = [...live];
  for (const l of all) l.session.close();
  await Promise.all(all.map((l) => l.server.stop()));
}

/** How a server died, with its last words. */
export function crashReason(server: ServerProcess, round?: number): string {
  const when = round === undefined ? '' : ` in round ${round}`;
  return `crashed${when} (${server.describeExit()}): ${server.lastLines() || 'no output'}`;
}
