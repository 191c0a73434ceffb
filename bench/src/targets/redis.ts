/**
 * The Redis the `--workers` ws rows relay through: @repo/harness's throwaway redis-server (a free
 * port, a temp dir, no persistence), started on first use and stopped with the run.
 */
import { startRedis, type RedisServer } from '@repo/harness';
import { BENCH_DATABASE, benchDatabaseUrl } from './postgres.js';
import { track } from './server-process.js';

/** The value a target's env uses for "the bench's Redis"; replaced by its URL at start. */
export const BENCH_REDIS = '<bench redis>';

let running: Promise<RedisServer> | undefined;

/** Starts the bench's redis-server once; resolves with its URL. */
export async function benchRedisUrl(): Promise<string> {
  // One promise, so two targets starting at once share one server; a failed start is retried.
  running ??= startRedis({ dirPrefix: 'bench-redis-', onSpawn: track }).catch((err: unknown) => {
    running = undefined;
    throw err;
  });
  return (await running).url;
}

/**
 * Replaces {@link BENCH_REDIS} in a target's env with the running Redis's URL (started on first use),
 * and BENCH_DATABASE with the run's PostgreSQL's (started by the run before its blocks).
 */
export async function resolveEnv(env: Record<string, string> | undefined): Promise<Record<string, string>> {
  if (!env) return {};
  const out = { ...env };
  for (const [k, v] of Object.entries(out)) {
    if (v === BENCH_REDIS) out[k] = await benchRedisUrl();
    else if (v === BENCH_DATABASE) out[k] = await benchDatabaseUrl();
  }
  return out;
}

/** Stops the bench's Redis (if it was started) and removes its dir. */
export async function stopBenchRedis(): Promise<void> {
  const r = running;
  running = undefined;
  // A start that failed has nothing to stop (its error was reported where it happened).
  if (r)
    await r.then(
      (redis) => redis.stop(),
      () => undefined,
    );
}
