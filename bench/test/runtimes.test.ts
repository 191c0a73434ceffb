/**
 * `--runtime` for real, tiny durations: hono-app on the running Node, on Bun and on Deno (fetched on
 * demand by @repo/runtimes), node-http-app on Node as the baseline of every block. Asserts shape,
 * keys and labels, never speed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRuntime } from '@repo/runtimes';
import { parseCli } from '../src/cli/args.js';
import { runtimesChartSpec, runtimesPartial, runtimesTable } from '../src/report/runtimes.js';
import { classify } from '../src/output/outputs.js';
import { runSchema, type Run } from '../src/model/schema.js';

const cli = fileURLToPath(new URL('../src/cli/bench.ts', import.meta.url));

describe('--runtime on the command line', () => {
  it('is --node generalised: node@24 is --node 24, bun/deno kept, Node added when none is named', () => {
    expect(parseCli(['--runtime', 'node@24', '--runtime', 'bun']).settings.nodes).toEqual(['24', 'bun']);
    expect(parseCli(['--runtime', 'bun', '--runtime', 'deno@2.9.6']).settings.nodes).toEqual([
      '26',
      'bun',
      'deno@2.9.6',
    ]);
    expect(parseCli(['--node', '22']).settings.nodes).toEqual(['22']);
    expect(() => parseCli(['--runtime', 'workerd'])).toThrow(/--runtime takes node/);
  });
});

describe('npm run bench -- --runtime node@current --runtime bun --runtime deno (tiny)', () => {
  let dir: string;
  let code: number | null;
  let stderr = '';
  let run: Run;

  beforeAll(async () => {
    // Fetch first (a cold cache downloads ~95 MB), so the bench's own time limits are not spent on it.
    resolveRuntime('bun');
    resolveRuntime('deno');
    dir = await mkdtemp(join(tmpdir(), 'bench-runtimes-'));
    const args = [
      '--runtime',
      'node@current',
      '--runtime',
      'bun',
      '--runtime',
      'deno',
      '--apps',
      'node-http-app,hono-app',
    ];
    // Bookkeeping, not the generator: autocannon keeps the fractional durations (wrk runs whole seconds).
    args.push(
      '--generator',
      'autocannon',
      '--scenarios',
      'plaintext,ws-echo',
      '--duration',
      '0.25',
      '--warmup',
      '0.2',
      '--rounds',
      '3',
      '--max-rounds',
      '3',
    );
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: {
        ...process.env,
        BENCH_RESULTS_DIR: join(dir, 'results'),
        BENCH_GENERATED_DIR: join(dir, 'generated'),
        BENCH_README: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    code = await new Promise((resolve) => child.once('exit', resolve));
    run = runSchema.parse(JSON.parse(await readFile(join(dir, 'results', 'latest-subset.json'), 'utf8')));
  }, 240_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keys blocks and results by runtime, with the versions the binaries report', () => {
    expect(code, stderr).toBe(0);
    expect(run.env.serverNodes).toEqual([process.version, 'Bun 1.4.5', 'Deno 2.9.6']);
    const keys = (app: string) =>
      run.results.filter((r) => r.app === app && r.scenario === 'plaintext').map((r) => r.node);
    expect(keys('hono-app')).toEqual([process.version, 'Bun 1.4.5', 'Deno 2.9.6']);
    // node-http-app runs on Node in every block: the baseline each hono ratio is paired with.
    expect(keys('node-http-app')).toEqual([process.version, 'Bun 1.4.5', 'Deno 2.9.6']);
    for (const r of run.results.filter((x) => x.app === 'node-http-app'))
      expect(r.version).toMatch(new RegExp(`node:http.*${process.version.replace(/\./g, '\\.')}`));
    expect(run.results.find((r) => r.app === 'hono-app' && r.node === 'Bun 1.4.5')?.version).toMatch(
      /^4\.\d+\.\d+ on Bun 1\.4\.5$/,
    );
  });

  it('measures hono on Bun and Deno over HTTP and WebSocket, each with a paired ratio', () => {
    for (const node of ['Bun 1.4.5', 'Deno 2.9.6'])
      for (const scenario of ['plaintext', 'ws-echo']) {
        const r = run.results.find((x) => x.app === 'hono-app' && x.node === node && x.scenario === scenario);
        expect(r?.status, `${node} ${scenario}`).toBe('ok');
        expect(r?.ratio?.median, `${node} ${scenario}`).toBeGreaterThan(0);
      }
  });

  it('a tiny run is a subset (writes no slide); the table and chart name hono on each runtime', () => {
    expect(run.kind).toBe('subset');
    expect(
      classify({
        ...run,
        // A clean tree too: a checkout being edited would make any run a subset run.
        env: {
          ...run.env,
          httpGenerator: 'wrk 4.1.0',
          git: { commit: 'c'.repeat(40), short: 'ccccccc', dirty: [] },
        },
        settings: { ...run.settings, minRounds: 99, sampleS: 9, warmupS: 9, target: 0.01 },
      }).kind,
    ).toBe('runtimes');
    const table = runtimesTable(run);
    expect(runtimesPartial(run)).toContain(`Node ${process.version}, Bun 1.4.5, Deno 2.9.6`);
    // The commit measured, in the footer as on every results slide.
    expect(runtimesPartial(run)).toMatch(
      / · \d{4}-\d\d-\d\d · [0-9a-f]{6,7} · bench\/results\/latest-runtimes\.md_/,
    );
    expect(table).toMatch(/node-http-app on Node v[\d.]+ \(baseline\)/);
    for (const label of [
      `hono-app on Node ${process.version}`,
      'hono-app on Bun 1.4.5',
      'hono-app on Deno 2.9.6',
    ])
      expect(table).toContain(label);
    const spec = JSON.stringify(runtimesChartSpec(run, 'x'));
    expect(spec).toContain('hono on three runtimes');
    // The axis names the runtime; the version is in the description (the SVG's <title>) and the table.
    expect(spec).toContain('"runtime":"Deno"');
    expect(spec).toContain('"runtime":"Bun"');
    expect(spec).toContain('"runtime":"Node"');
  });
});
