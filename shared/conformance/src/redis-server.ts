/**
 * A throwaway `redis-server` for tests: a free port on 127.0.0.1, a temp dir, no persistence
 * (`--save '' --appendonly no`). `kill()` and `start()` again on the same port simulate losing Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** A port the kernel just handed out (closed again, so Redis can take it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** @example const redis = await startRedis(); ... await redis.stop(); */
export async function startRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'redis-test-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  // If the test process ends without stop() (a failed set-up, a killed worker), take Redis along:
  // a leftover redis-server would sit on the machine and skew the next benchmark.
  const reap = () => child?.kill('SIGKILL');
  process.once('exit', reap);
  const start = async () => {
    child = spawn(REDIS_SERVER, [...args, '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child!.stdout!.on('data', (c: Buffer) => {
        output += c.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.once('error', reject);
      child!.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
    });
  };
  const kill = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    kill,
    stop: async () => {
      await kill();
      process.removeListener('exit', reap);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
