/**
 * The PostgreSQL the database scenarios read: one per run, @repo/harness's throwaway server (a free
 * port, a temp dir, pg_stat_statements preloaded, fsync off, synchronous_commit on), seeded with
 * @repo/db's seedDatabase, pinned beside the load generator, stopped with the run. If the bench dies
 * without stopping it, startPostgres's exit hook and the bench's process tracking take it along.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { DB_POOL_SIZE, openStatementCounter, seedDatabase, type StatementCounter } from '@repo/db';
import { postgresBinDir, startPostgres, type PostgresServer } from '@repo/harness';
import { join } from 'node:path';
import { processTree } from './proc-stats.js';
import { track } from './server-process.js';

/** The value a scenario's env uses for "the bench's PostgreSQL"; replaced by its URL at start. */
export const BENCH_DATABASE = '<bench postgres>';

/** Connections beyond the apps' pools: the validation's counter, seeding, and a few to spare. */
const CONNECTION_MARGIN = 20;

/**
 * The fixed configuration every run uses, so runs compare. Every target of a block is alive at once
 * (its rounds visit them in turn), each process with its own pool of DB_POOL_SIZE, and a `--workers N`
 * row is N processes: `pools` is the most processes a database block holds at once (from the plan:
 * {@link databasePools}), so max_connections = DB_POOL_SIZE × pools + CONNECTION_MARGIN. Lifetimes
 * and blocks never overlap: their processes are stopped before the next ones start.
 */
export function postgresSettings(pools: number): Record<string, string | number> {
  return {
    shared_buffers: '128MB',
    max_connections: DB_POOL_SIZE * Math.max(1, pools) + CONNECTION_MARGIN,
  };
}

/** The most server processes one database block runs at once: a target's WORKERS count, else 1. */
export function databasePools(
  blocks: readonly { targets: readonly { env?: Record<string, string> }[] }[],
): number {
  return Math.max(0, ...blocks.map((b) => b.targets.reduce((n, t) => n + Number(t.env?.WORKERS ?? 1), 0)));
}

export interface BenchPostgres {
  url: string;
  /** `PostgreSQL 15.14`, from `postgres --version`. */
  version: string;
  /** The postmaster's pid: its process family is PostgreSQL's CPU. */
  pid: number;
  settings: Record<string, string | number>;
  /** Where it runs, e.g. `cpu1` (the generator's CPUs), or `unpinned`. */
  pinning: string;
  /** pg_stat_statements on a connection of its own: the validation counts one request's statements. */
  counter: StatementCounter;
  stop(): Promise<void>;
}

let running: Promise<BenchPostgres> | undefined;

/** Pins the postmaster and its children (every thread); later backends fork from it and inherit. */
function pin(pid: number, cpus: string | null): string {
  if (!cpus) return 'unpinned';
  for (const p of processTree(pid))
    execFileSync('taskset', ['-a', '-pc', cpus, String(p)], { stdio: 'ignore' });
  return cpus.includes(',') ? `cpus ${cpus}` : `cpu${cpus}`;
}

/** `PostgreSQL 15.18` from `postgres --version` (`postgres (PostgreSQL) 15.18 (Debian …)`). */
export function postgresVersion(): string {
  const out = execFileSync(join(postgresBinDir() ?? '', 'postgres'), ['--version'], { encoding: 'utf8' });
  return `PostgreSQL ${/\(PostgreSQL\)\s+(\S+)/.exec(out)?.[1] ?? out.trim()}`;
}

async function start(pools: number, cpus: string | null): Promise<BenchPostgres> {
  let child: ChildProcess | undefined;
  const settings = postgresSettings(pools);
  const server: PostgresServer = await startPostgres({
    dirPrefix: 'bench-postgres-',
    settings,
    onSpawn: (c) => {
      child = c;
      track(c);
    },
  });
  try {
    const pinning = pin(child!.pid!, cpus);
    await seedDatabase(server.url);
    const counter = await openStatementCounter(server.url);
    return {
      url: server.url,
      version: postgresVersion(),
      pid: child!.pid!,
      settings,
      pinning,
      counter,
      stop: async () => {
        await counter.end();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/**
 * Starts the run's PostgreSQL once (`pools` sizes max_connections: {@link postgresSettings}; `cpus`
 * is where the generator runs, `taskset` syntax, null: unpinned); later calls get the same one.
 */
export function startBenchPostgres(pools: number, cpus: string | null): Promise<BenchPostgres> {
  running ??= start(pools, cpus).catch((err: unknown) => {
    running = undefined;
    throw err;
  });
  return running;
}

/** The running PostgreSQL, or undefined when no database scenario started one. */
export function benchPostgres(): Promise<BenchPostgres> | undefined {
  return running;
}

/** Its URL; a database scenario's server cannot start before the run started PostgreSQL. */
export async function benchDatabaseUrl(): Promise<string> {
  if (!running) throw new Error('the bench PostgreSQL was not started (no database scenario was planned)');
  return (await running).url;
}

/** Stops the run's PostgreSQL (if one was started) and removes its dir. */
export async function stopBenchPostgres(): Promise<void> {
  const r = running;
  running = undefined;
  if (r)
    await r.then(
      (pg) => pg.stop(),
      () => undefined,
    );
}
