/**
 * `npm run dev:db`: a throwaway PostgreSQL, seeded, the apps on it, and all of it gone after Ctrl-C;
 * without PostgreSQL, one line that says how to get it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort, skipWithoutPostgres, until } from '@repo/harness';
import { describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../dist/db-demo.js', import.meta.url));

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [demo, ...args], { env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

/** Whether a TCP connect to 127.0.0.1:port is refused (nothing listens). */
function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

describe('npm run dev:db', () => {
  it('without PostgreSQL: one line naming apt-get and PG_BIN, exit 1', async () => {
    const { child, output } = run([], { PG_BIN: '/nonexistent', DATABASE_URL: '' });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output().trim().split('\n')).toHaveLength(1);
    expect(output()).toMatch(/PostgreSQL not found \(apt-get install -y postgresql, or set PG_BIN/);
  });

  it.skipIf(skipWithoutPostgres())(
    'serves /db from a seeded PostgreSQL; Ctrl-C stops the app, then PostgreSQL, and removes its temp dir',
    async () => {
      const [port, pgPort] = [await freePort(), await freePort()];
      const { child, output } = run(['node-http-app'], {
        PORT: String(port),
        DEMO_PG_PORT: String(pgPort),
        DATABASE_URL: '',
      });
      try {
        await until(() => output().includes('node-http-app listening'), 30_000);
        expect(output()).toContain(`postgres on postgres://postgres@127.0.0.1:${pgPort}/postgres`);
        const dir = /\(temp dir (\S+),/.exec(output())?.[1] ?? '';
        expect(existsSync(dir)).toBe(true);
        const res = await fetch(`http://127.0.0.1:${port}/db`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ id: expect.any(Number) as number });
        child.kill('SIGINT');
        const [code] = (await once(child, 'exit')) as [number];
        expect(code).toBe(0);
        // PostgreSQL and the app are gone: their ports refuse.
        expect(await refuses(pgPort)).toBe(true);
        expect(await refuses(port)).toBe(true);
        expect(existsSync(dir)).toBe(false);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
    60_000,
  );
});
