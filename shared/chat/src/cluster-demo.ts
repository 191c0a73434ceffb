/**
 * `npm run dev:cluster`: the cross-process chat demo. Starts a throwaway redis-server (or uses
 * `REDIS_URL` if set), then express-app and hono-app with two workers each on that Redis. Open
 * http://127.0.0.1:3001/chat and http://127.0.0.1:3003/chat: same rooms. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REDIS_PORT = Number(process.env.DEMO_REDIS_PORT || 6390);
const apps = [
  { name: 'express-app', port: 3001 },
  { name: 'hono-app', port: 3003 },
];
const children: ChildProcess[] = [];
let dir: string | undefined;
let url = process.env.REDIS_URL;

const stop = (code: number) => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  }, 1_500);
};
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

if (!url) {
  dir = mkdtempSync(join(tmpdir(), 'chat-demo-redis-'));
  const redis = spawn(
    'redis-server',
    ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(redis);
  redis.on('error', (err) => {
    console.error(
      `redis-server could not start (${err.message}): apt-get install redis-server, or set REDIS_URL`,
    );
    stop(1);
  });
  await new Promise<void>((resolve) => {
    let out = '';
    redis.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    redis.once('exit', (code) => {
      console.error(`redis-server exited with ${code}:\n${out}`);
      stop(1);
    });
  });
  url = `redis://127.0.0.1:${REDIS_PORT}`;
  console.log(`redis-server on ${url} (temp dir, no persistence)`);
}

for (const app of apps) {
  const entry = fileURLToPath(new URL(`../../../apps/${app.name}/dist/server.js`, import.meta.url));
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, REDIS_URL: url, WORKERS: process.env.WORKERS || '2', PORT: String(app.port) },
    stdio: 'inherit',
  });
  children.push(child);
  child.once('exit', (code) => code !== 0 && stop(1));
}
