/**
 * On stage the speaker runs `HOST=0.0.0.0 PORT=… turbo run dev --filter=<app>` so phones can join:
 * turbo 2 strips environment variables it is not told about, so this starts the real command and
 * checks the app listens where it was asked to.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/**
 * Every variable a file reads: `env.NAME`, `env['NAME']`, or a SNAKE_CASE name passed beside `env`
 * (`readLimit(env, 'CHAT_ROOM_RATE')`; an underscore, so 'GET' on such a line is not a variable).
 */
function envNames(text: string): string[] {
  const names = [...text.matchAll(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!);
  for (const line of text.split('\n'))
    if (/\benv\b/.test(line))
      names.push(...[...line.matchAll(/'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g)].map((m) => m[1]!));
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('turbo.json', () => {
  // WORKERS and REDIS_URL were missing once: `WORKERS=2 turbo run dev` silently ran one process.
  it('passes through every variable the apps and the packages they run on read', () => {
    const turbo = JSON.parse(readFileSync(join(ROOT, 'turbo.json'), 'utf8')) as {
      tasks: { dev: { passThroughEnv: string[] } };
    };
    const dirs = readdirSync(join(ROOT, 'apps')).flatMap((app) => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'apps', app, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      const shared = Object.keys(pkg.dependencies ?? {})
        .filter((d) => d.startsWith('@repo/'))
        .map((d) => join(ROOT, 'shared', d.slice('@repo/'.length), 'src'));
      return [join(ROOT, 'apps', app, 'src'), ...shared];
    });
    const read = new Set(
      [...new Set(dirs)].flatMap(sourceFiles).flatMap((f) => envNames(readFileSync(f, 'utf8'))),
    );
    expect([...read]).toEqual(expect.arrayContaining(['PORT', 'WORKERS', 'CHAT_ROOM_RATE'])); // the scan works
    expect([...read].filter((name) => !turbo.tasks.dev.passThroughEnv.includes(name))).toEqual([]);
  });
});
