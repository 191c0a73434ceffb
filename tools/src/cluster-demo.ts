/**
 * `npm run dev:cluster`: the cross-process chat demo. Starts a throwaway redis-server (or uses
 * `REDIS_URL` if set), then every HTTP app in @repo/fixtures' APPS (or only those named:
 * `npm run dev:cluster -- express-app hono-app`) with two workers each on that Redis, each on its
 * default port. Open any two `/chat` pages it prints: same rooms. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { builtFile } from '@repo/fixtures';
import { demoApps } from './demo-apps.js';
import { startRedis, type RedisServer } from '@repo/harness';

const named = process.argv.slice(2);
const apps = demoApps(named);

const children: ChildProcess[] = [];
let redis: RedisServer | undefined;
let url = process.env.REDIS_URL;

const stop = (code: number) => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // The apps get their 1.5 s to say goodbye to their chat clients before Redis goes.
  setTimeout(() => void (redis?.stop() ?? Promise.resolve()).finally(() => process.exit(code)), 1_500);
};
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

if (!url) {
  try {
    // A fixed port (not a free one) so the URL printed is the same every time the demo runs.
    const port = Number(process.env.DEMO_REDIS_PORT || 6390);
    redis = await startRedis({ port, dirPrefix: 'chat-demo-redis-' });
  } catch (err) {
    console.error(
      `redis-server could not start (${err instanceof Error ? err.message : String(err)}); or set REDIS_URL`,
    );
    process.exit(1);
  }
  url = redis.url;
  console.log(`redis-server on ${url} (temp dir, no persistence)`);
}

for (const app of apps) {
  const entry = builtFile(app.name);
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      REDIS_URL: url,
      WORKERS: process.env.WORKERS || '2',
      PORT: String(app.defaultPort),
    },
    stdio: 'inherit',
  });
  children.push(child);
  child.once('exit', (code) => code !== 0 && stop(1));
}
