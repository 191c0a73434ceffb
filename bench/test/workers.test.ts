/**
 * `--workers 2` for real, tiny durations: node-http-app on plaintext and ws-broadcast, beside its
 * ×2 and Redis-relayed rows; the bench starts and stops its own redis-server. Asserts shape, never speed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSchema } from '../src/model/schema.js';
import { buildTargets } from '../src/targets/targets.js';
import { parseCli } from '../src/cli/args.js';
import { databasePools, postgresSettings } from '../src/targets/postgres.js';

const cli = fileURLToPath(new URL('../src/cli/bench.ts', import.meta.url));

describe('--workers targets', () => {
  it('adds ×2 plaintext, redis and ×2 redis ws-broadcast rows per app, with their env', () => {
    const { settings } = parseCli([
      '--apps',
      'hono-app',
      '--scenarios',
      'plaintext,ws-broadcast,json',
      '--workers',
      '2',
    ]);
    const node = { version: 'v20', path: process.execPath, label: 'current' } as never;
    const rows = buildTargets({ ...settings, references: false }, [node]).map(
      (t) => `${t.app}: ${t.scenarios.map((s) => s.base).join(',')} ${JSON.stringify(t.env ?? {})}`,
    );
    expect(rows).toEqual([
      'hono-app: plaintext,ws-broadcast,json {}',
      'hono-app ×2: plaintext {"WORKERS":"2"}',
      'hono-app redis: ws-broadcast {"WORKERS":"1","REDIS_URL":"<bench redis>"}',
      'hono-app ×2 redis: ws-broadcast {"WORKERS":"2","REDIS_URL":"<bench redis>"}',
    ]);
  });

  it('runs queries on N workers too (each worker its own pool), and sizes PostgreSQL for every pool of a block', () => {
    const { settings } = parseCli(['--apps', 'hono-app,koa-app', '--workers', '3']);
    const node = { version: 'v20', path: process.execPath, label: 'current' } as never;
    const targets = buildTargets({ ...settings, references: false }, [node]);
    const cluster = targets.find((t) => t.app === 'hono-app ×3')!;
    expect(cluster.scenarios.map((s) => s.base)).toEqual(['plaintext', 'queries']);
    // The queries block holds hono-app, koa-app (1 process each) and their ×3 rows at once: 8 pools.
    const queries = targets.filter((t) => t.scenarios.some((s) => s.base === 'queries'));
    expect(databasePools([{ targets: queries }])).toBe(8);
    expect(postgresSettings(8).max_connections).toBeGreaterThanOrEqual(8 * 8 + 10);
    expect(postgresSettings(1)).toMatchObject({ shared_buffers: '128MB' });
  });
});

describe('npm run bench -- --workers 2 (tiny durations)', () => {
  it('measures the cluster rows and reports them in their own table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-workers-'));
    try {
      const args = [
        '--node',
        'current',
        '--apps',
        'node-http-app',
        '--scenarios',
        'plaintext,ws-broadcast',
        '--workers',
        '2',
        // Bookkeeping, not the generator: autocannon keeps the fractional durations.
        '--generator',
        'autocannon',
        '--duration',
        '0.25',
        '--warmup',
        '0.1',
        '--rounds',
        '2',
        '--max-rounds',
        '2',
        '--connections',
        '10',
        '--no-pin',
      ];
      const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
        env: {
          ...process.env,
          BENCH_RESULTS_DIR: join(dir, 'results'),
          BENCH_GENERATED_DIR: join(dir, 'generated'),
          BENCH_README: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.resume();
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code, stderr).toBe(0);
      const run = runSchema.parse(
        JSON.parse(await readFile(join(dir, 'results', 'latest-subset.json'), 'utf8')),
      );
      expect(run.settings.workers).toBe(2);
      expect(run.results.map((r) => `${r.app} ${r.scenario} ${r.status}`).sort()).toEqual([
        'node-http-app plaintext ok',
        'node-http-app redis ws-broadcast ok',
        'node-http-app ws-broadcast ok',
        'node-http-app ×2 plaintext ok',
        'node-http-app ×2 redis ws-broadcast ok',
        'reference/node-http plaintext ok',
      ]);
      const md = await readFile(join(dir, 'results', 'latest-subset.md'), 'utf8');
      expect(md.match(/\*\*More than one process\*\* \(`--workers 2`/g)).toHaveLength(2);
      expect(md).toContain('not as capacity');
      const slide = await readFile(join(dir, 'generated', 'cluster.md'), 'utf8');
      for (const row of ['node-http-app ×2', 'node-http-app redis', 'node-http-app ×2 redis'])
        expect(slide).toContain(`| ${row} `);
      expect(slide).toMatch(/\| plaintext +\| node-http-app ×2 +\| +[\d,]+ req\/s \| +×\d\.\d\d \|/);
      expect(slide).toContain('not capacity');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
