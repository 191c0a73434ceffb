/**
 * On stage the speaker runs `HOST=0.0.0.0 PORT=… turbo run dev --filter=<app>` so phones can join:
 * turbo 2 strips environment variables it is not told about, so this starts the real command and
 * checks the app listens where it was asked to.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '@repo/harness';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('turbo run dev', () => {
  it('passes HOST and PORT through to the app', async () => {
    const port = await freePort();
    const child = spawn(resolve(ROOT, 'node_modules/.bin/turbo'), ['run', 'dev', '--filter=fastify-app'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '0.0.0.0', PORT: String(port), TURBO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    try {
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no start-up line in 60 s:\n${output}`)), 60_000);
        const check = () => {
          if (output.includes(`listening on http://0.0.0.0:${port}/`)) {
            clearTimeout(timer);
            done();
          }
        };
        child.stdout.on('data', check);
        child.once('exit', (code) => fail(new Error(`turbo exited (${code}):\n${output}`)));
      });
      // 0.0.0.0 means every interface: loopback answers too.
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(200);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 90_000);
});
