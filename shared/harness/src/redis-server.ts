/**
 * A throwaway `redis-server`: a free port on 127.0.0.1 (or the one asked for), a temp dir, no
 * persistence (`--save '' --appendonly no`). `kill()` and `start()` again on the same port simulate
 * losing Redis. If the process ends without `stop()`, the server is killed with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

/** The binary to run: `REDIS_SERVER` if set, else `redis-server` from PATH. */
export const REDIS_SERVER = process.env.REDIS_SERVER || 'redis-server';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** (Re)starts it on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** SIGKILL: Redis vanishes mid-run, as in a crash. */
  kill(): Promise<void>;
  /** Stops it and removes its temp dir. */
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Start of the temp dir's name (default `redis-test-`). */
  dirPrefix?: string;
  /** Sees every redis-server process started (the bench hands it to its own process tracking). */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * Starts redis-server and resolves once it accepts connections; rejects with its output if it does
 * not within 10 s or exits, and names the package to install if the binary is missing.
 *
 * @example const redis = await startRedis(); ... await redis.stop();
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), options.dirPrefix ?? 'redis-test-'));
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  // If the process ends without stop() (a failed set-up, a killed worker), take Redis along: a
  // leftover redis-server would sit on the machine and skew the next benchmark.
  const reap = () => child?.kill('SIGKILL');
  process.once('exit', reap);
  const start = async () => {
    child = spawn(REDIS_SERVER, [...args, '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    options.onSpawn?.(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child!.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      child!.stdout!.on('data', (c: Buffer) => {
        output += c.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.once('error', (err) => {
        clearTimeout(timer);
        reject(
          new Error(`${REDIS_SERVER}: ${err.message} (apt-get install redis-server, or set REDIS_SERVER)`),
        );
      });
      child!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${output}`));
      });
    });
  };
  const kill = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  const stop = async () => {
    await kill();
    process.removeListener('exit', reap);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, url: `redis://127.0.0.1:${port}`, start, kill, stop };
}
