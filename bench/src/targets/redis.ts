/**
 * The Redis the `--workers` ws rows relay through: Debian's `redis-server` on a free port with a
 * temp dir and no persistence, started on first use and stopped with the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './ports.js';
import { track } from './server-process.js';

/** The value a target's env uses for "the bench's Redis"; replaced by its URL at start. */
export const BENCH_REDIS = '<bench redis>';

let running: { child: ChildProcess; url: string; dir: string } | undefined;

/** Starts the bench's redis-server once; resolves with its URL. */
export async function benchRedisUrl(): Promise<string> {
  if (running && running.child.exitCode === null) return running.url;
  const port = await findFreePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ];
  const child = spawn(process.env.REDIS_SERVER || 'redis-server', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server not ready in 10 s: ${output}`)), 10_000);
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (err) =>
      reject(new Error(`redis-server: ${err.message} (apt-get install redis-server)`)),
    );
  });
  running = { child, url: `redis://127.0.0.1:${port}`, dir };
  return running.url;
}

/** Replaces {@link BENCH_REDIS} in a target's env with the running Redis's URL. */
export async function resolveEnv(env: Record<string, string> | undefined): Promise<Record<string, string>> {
  if (!env) return {};
  const out = { ...env };
  for (const [k, v] of Object.entries(out)) if (v === BENCH_REDIS) out[k] = await benchRedisUrl();
  return out;
}

/** Stops the bench's Redis (if it was started) and removes its dir. */
export async function stopBenchRedis(): Promise<void> {
  const r = running;
  running = undefined;
  if (!r) return;
  if (r.child.exitCode === null) {
    const exited = new Promise((resolve) => r.child.once('exit', resolve));
    r.child.kill('SIGTERM');
    await exited;
  }
  rmSync(r.dir, { recursive: true, force: true });
}
