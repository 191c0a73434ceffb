/**
 * `WORKERS=N` for every app: the primary forks N `node:cluster` workers that each run the app as
 * usual (HTTP and WebSocket on the same shared port), restarts a crashed one with a back-off, and
 * forwards SIGTERM/SIGINT so shutdown stays graceful. `WORKERS=1` (the default) never gets here.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { startLine } from './startup.js';

/** `WORKERS`: unset/empty → 1, `auto` → available parallelism, else an integer from 1 to 256. */
export function readWorkers(value: string | undefined): number {
  const v = value?.trim();
  if (v === undefined || v === '') return 1;
  if (v === 'auto') return availableParallelism();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new Error(`WORKERS must be an integer from 1 to 256 or "auto", got "${value}"`);
  }
  return n;
}

export const isClusterWorker = (): boolean => cluster.isWorker;

/** Restart delay after the nth crash in a row: 100 ms doubling to 5 s; a worker that lived 10 s resets it. */
export const restartDelay = (crashes: number): number => Math.min(100 * 2 ** Math.max(0, crashes - 1), 5_000);

/**
 * Runs in the primary: forks the workers, prints one start-up line with the URL and the worker
 * count once all listen, and exits 0 after a signal once every worker has exited 0.
 */
export function runPrimary(name: string, workers: number, websocket = true): Promise<void> {
  // #region cluster
  // #elide state: closing, failed, crashes in a row, fork time per worker
  let closing = false;
  let failed = false;
  let crashes = 0;
  const started = new Map<Worker, number>();
  const fork = () => started.set(cluster.fork(), Date.now());
  let listening = 0;
  // #endelide
  // #elide once all N listen: one start-up line with the URL and the worker count
  cluster.on('listening', (worker, address) => {
    if (++listening !== workers) return;
    const line = startLine(name, address.address ?? '127.0.0.1', address.port, websocket);
    const chat = process.env.REDIS_URL ? 'chat through Redis' : 'chat per worker: set REDIS_URL to share it';
    // The HTTP apps (the ones with a chat) also serve the database routes: without DATABASE_URL each
    // worker starts its own PGlite (~700 MB) on its first database request, and /updates are not shared.
    const db = process.env.DATABASE_URL ? '' : ', database per worker: set DATABASE_URL to share it';
    console.log(
      websocket ? `${line} with ${workers} workers, ${chat}${db}` : `${line} with ${workers} workers`,
    );
  });
  // #endelide
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    // #elide shutting down: exit 0 once every worker has; died during start-up: exit 1
    if (closing) {
      if (code !== 0) failed = true;
      if (started.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (listening < workers) {
      // Failed before the cluster ever served (bad setting, REDIS_URL unreachable): the worker said why.
      console.error(`${name}: a worker exited with ${signal ?? code} during start-up`);
      closing = failed = true;
      for (const other of started.keys()) other.process.kill('SIGTERM');
      if (started.size === 0) process.exit(1);
      return;
    }
    // #endelide
    crashes = lived > 10_000 ? 1 : crashes + 1;
    const delay = restartDelay(crashes);
    console.error(
      `${name}: worker ${worker.process.pid} exited (${signal ?? code}), restarting in ${delay} ms`,
    );
    setTimeout(() => !closing && fork(), delay);
  });
  // #elide SIGTERM/SIGINT: passed on to every worker (each closes WebSockets with 1001, drains HTTP)
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    for (const worker of started.keys()) worker.process.kill(signal);
    if (started.size === 0) process.exit(0);
    setTimeout(() => process.exit(1), 8_000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // #endelide
  for (let i = 0; i < workers; i++) fork();
  // #endregion
  return Promise.resolve();
}
