/**
 * A throwaway PostgreSQL, modelled on redis-server.ts: a free port on 127.0.0.1, a temp dir holding
 * the data dir and the unix socket, settings for tests (no fsync). `kill()` and `start()` again on the
 * same port and data dir simulate a crash and its recovery. If the process ends without `stop()`, the
 * server is killed with it.
 *
 * Root: postgres refuses to run as root, so when this process is root (containers, CI images) initdb
 * and postgres are spawned with the uid/gid of the `postgres` user (else `nobody`) through spawn's
 * `uid`/`gid` options (libuv also drops the supplementary groups), and the temp dir is chowned to it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './ports.js';

const PG_LIB = '/usr/lib/postgresql';

/**
 * The folder with `initdb` and `postgres`: `PG_BIN` if set, else the newest `/usr/lib/postgresql/N/bin`
 * (Debian keeps them off PATH), else the first PATH entry holding both; undefined if none does.
 */
export function postgresBinDir(): string | undefined {
  const hasBoth = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  if (process.env.PG_BIN) return hasBoth(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const versions = existsSync(PG_LIB)
    ? readdirSync(PG_LIB)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) if (hasBoth(join(PG_LIB, v, 'bin'))) return join(PG_LIB, v, 'bin');
  return (process.env.PATH ?? '').split(delimiter).find((dir) => dir && hasBoth(dir));
}

/** Whether a PostgreSQL server can be started here. */
export function postgresAvailable(): boolean {
  return postgresBinDir() !== undefined;
}

/**
 * For `describe.skipIf(skipWithoutPostgres())`: true (with a message) when PostgreSQL is missing
 * locally; throws under `CI=true`, where a skipped database test would hide a broken setup.
 */
export function skipWithoutPostgres(): boolean {
  if (postgresAvailable()) return false;
  const why =
    'PostgreSQL not found (apt-get install postgresql postgresql-contrib, or set PG_BIN to the folder with initdb and postgres)';
  if (process.env.CI === 'true') throw new Error(`${why}; CI=true, so the database tests must run`);
  console.warn(`skipping the PostgreSQL tests: ${why}`);
  return true;
}

export interface PostgresServer {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust auth, no password). */
  readonly url: string;
  /** The temp dir (data dir in `data/`, unix socket beside it); removed by `stop()`. */
  readonly dir: string;
  /** (Re)starts it on the same port and data dir; resolves once it accepts connections. */
  start(): Promise<void>;
  /** SIGKILL to the postmaster and its backends: the database vanishes mid-run, as in a crash. */
  kill(): Promise<void>;
  /** Stops it and removes its temp dir. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Start of the temp dir's name (default `postgres-test-`). */
  dirPrefix?: string;
  /** Extra `-c name=value` settings, e.g. `{ shared_buffers: '256MB', max_connections: '200' }`. */
  settings?: Record<string, string | number>;
  /** Sees every postgres process started (the bench hands it to its own process tracking). */
  onSpawn?: (child: ChildProcess) => void;
}

// synchronous_commit stays on: with it off a SIGKILL loses the commits of the last ~0.6 s (the WAL
// writer's cycle), so kill()/start() lost freshly written rows (the recovery test failed that way).
// With fsync off, waiting for the commit costs one write() to the page cache, not a disk flush.
const TEST_SETTINGS = {
  shared_preload_libraries: 'pg_stat_statements',
  fsync: 'off',
  full_page_writes: 'off',
  listen_addresses: '127.0.0.1',
};

/** Who runs the server: nobody to switch to unless we are root (see the file comment). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root and no postgres or nobody user to run PostgreSQL as');
}

/**
 * initdb takes seconds, so servers copy a data dir made once per machine: `postgres-template-<hash>`
 * in the temp dir, the hash naming the binaries, the arguments and the user. It is made aside and
 * renamed into place, so concurrent test workers never see half of one (the loser discards its own).
 * It stays, like a build cache: an exit hook would not do, as vitest's workers end without 'exit'.
 */
function template(bin: string, user: ReturnType<typeof serverUser>): string {
  const args = ['-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'];
  const key = createHash('sha256')
    .update(JSON.stringify([bin, args, user]))
    .digest('hex')
    .slice(0, 12);
  const ready = join(tmpdir(), `postgres-template-${key}`);
  if (existsSync(join(ready, 'data', 'PG_VERSION'))) return join(ready, 'data');
  const dir = mkdtempSync(join(tmpdir(), 'postgres-initdb-'));
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    execFileSync(join(bin, 'initdb'), ['-D', join(dir, 'data'), ...args], { stdio: 'pipe', ...user });
    renameSync(dir, ready);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const e = err as Error & { stderr?: Buffer; code?: string };
    // Another process put its template in place first: use that one.
    if (e.code === 'ENOTEMPTY' || e.code === 'EEXIST') return join(ready, 'data');
    throw new Error(`initdb failed: ${e.stderr?.toString() || e.message}`);
  }
  return join(ready, 'data');
}

/** Pids whose parent is `pid` (the postmaster's backends), read from /proc; empty elsewhere. */
function childrenOf(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat, after the parenthesised command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {
      // It exited while we looked.
    }
  }
  return found;
}

/**
 * Starts PostgreSQL (pg_stat_statements loaded, no fsync) and resolves once it accepts connections;
 * rejects with its output if it does not within 20 s or exits.
 *
 * @example const pg = await startPostgres(); ... await pg.stop();
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL not found: install postgresql, or set PG_BIN');
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), options.dirPrefix ?? 'postgres-test-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = options.port ?? (await freePort());
  const settings = { ...TEST_SETTINGS, ...options.settings };
  const args = ['-D', data, '-p', String(port), '-k', dir];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  let child: ChildProcess | undefined;
  // If the process ends without stop(), take PostgreSQL along: a leftover postgres would sit on the
  // machine and skew the next benchmark.
  const reap = () => {
    if (child?.pid) for (const pid of [child.pid, ...childrenOf(child.pid)]) killQuietly(pid);
  };
  process.once('exit', reap);
  const start = async () => {
    child = spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'pipe', 'pipe'], ...user });
    options.onSpawn?.(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`postgres did not start:\n${output}`)), 20_000);
      const onData = (c: Buffer) => {
        output += c.toString();
        if (output.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child!.stderr!.on('data', onData);
      child!.stdout!.on('data', onData);
      child!.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`postgres: ${err.message} (install postgresql, or set PG_BIN)`));
      });
      child!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`postgres exited with ${code}:\n${output}`));
      });
    });
  };
  const kill = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // Backends notice a dead postmaster by themselves, but until they exit they hold the shared
    // memory and a restart on the same data dir is refused: kill them too, and wait for them.
    const backends = childrenOf(child.pid!);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    for (const pid of backends) killQuietly(pid);
    await exited;
    while (backends.some(isAlive)) await new Promise((r) => setTimeout(r, 20));
  };
  const stop = async () => {
    await kill();
    process.removeListener('exit', reap);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync('cp', ['-a', template(bin, user), data]);
    await start();
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, start, kill, stop };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Alive and not a zombie (an orphaned backend's zombie holds no shared memory). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
