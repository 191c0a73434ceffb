/**
 * The CLI for real: two built apps (and their reference servers) on the running Node, tiny
 * durations, outputs redirected to a temp dir. Asserts shape and bookkeeping, never speed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchema, type Run } from '../src/model/schema.js';
import { alive } from './helpers.js';

const cli = fileURLToPath(new URL('../src/cli/bench.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const hasTaskset = process.platform === 'linux' && spawnSync('taskset', ['-V']).status === 0;
const pidsIn = (log: string) => [...log.matchAll(/\(pid (\d+),/g)].map((m) => Number(m[1]));

function startCli(args: string[], dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: {
      ...process.env,
      BENCH_RESULTS_DIR: join(dir, 'results'),
      BENCH_GENERATED_DIR: join(dir, 'generated'),
      BENCH_README: join(dir, 'README.md'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => ({ stdout, stderr }) };
}

describe('npm run bench (two real apps)', () => {
  let dir: string;
  let code: number | null;
  let stdout: string;
  let stderr: string;
  let run: Run;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-cli-'));
    // Bookkeeping, not the generator: autocannon takes the fractional durations that keep this short
    // (wrk runs whole seconds; wrk-bench.test.ts drives a real app with wrk).
    const args = [
      '--generator',
      'autocannon',
      '--node',
      'current',
      '--apps',
      'node-http-app,hono-app',
      '--scenarios',
      'plaintext,json',
      '--duration',
      '0.25',
      '--warmup',
      '0.2',
      '--rounds',
      '6',
      '--max-rounds',
      '6',
    ];
    const cliRun = startCli(args, dir);
    code = await cliRun.exited;
    ({ stdout, stderr } = cliRun.out());
    run = runSchema.parse(JSON.parse(await readFile(join(dir, 'results', 'latest-subset.json'), 'utf8')));
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the plan and its ETA, exits 0 and writes a schema-valid subset run of its own', async () => {
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(
      /plan: 2 blocks, ±10 % wanted on every ratio\n +plaintext +Node v[\d.]+ +4 targets/,
    );
    expect(stderr).toMatch(/ETA \d\d:\d\d at the latest/);
    const files = await readdir(join(dir, 'results'));
    expect(files.filter((f) => /^\d{4}-\d\d-\d\dT[\d-]+Z-subset\.json$/.test(f))).toHaveLength(1);
    expect(files).not.toContain('latest.json'); // only a full run is the deck's
    expect(run.kind).toBe('subset');
    expect(run.partial).toBe(false);
    expect(run.env.pinned).toBe(hasTaskset);
    if (existsSync(join(ROOT, '.git'))) expect(run.env.gitCommit).toMatch(/^[0-9a-f]{12}(-dirty)?$/);
  });

  it('measures both apps in both scenarios in interleaved rounds, with paired ratios and intervals', () => {
    const rows = run.results.map((r) => `${r.app} ${r.scenario} ${r.status}`).sort();
    // A full run (no --quick) adds each app's framework reference server to plaintext.
    expect(rows).toEqual([
      'hono-app json ok',
      'hono-app plaintext ok',
      'node-http-app json ok',
      'node-http-app plaintext ok',
      'reference/hono plaintext ok',
      'reference/node-http plaintext ok',
    ]);
    const hono = run.results.find((r) => r.app === 'hono-app' && r.scenario === 'json')!;
    expect(hono.framework).toBe('hono');
    // Six rounds over three process lifetimes: two rounds each, and the interval knows it.
    expect(hono.samples.map((s) => s.life)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(hono.ratio?.lives).toBe(2);
    expect(hono.version).toMatch(/^4\./);
    expect(hono.rps!.median).toBeGreaterThan(0);
    expect(hono.ratio).toMatchObject({ n: 6 });
    expect(hono.ratio!.lo).not.toBeNull();
    expect(hono.ratio!.hi).toBeGreaterThanOrEqual(hono.ratio!.lo!);
    expect(hono.cpuRatio!.median).toBeGreaterThan(0);
    expect(run.results.find((r) => r.app === 'node-http-app' && r.scenario === 'json')!.ratio!.median).toBe(
      1,
    );
    expect(run.results.find((r) => r.app === 'hono-app' && r.scenario === 'plaintext')!.refRatio!.n).toBe(6);
    for (const r of run.results) {
      expect(r.startupMs).toBeGreaterThan(0);
      // Every target sampled once in each of the six rounds.
      expect(r.samples.map((s) => s.round)).toEqual([1, 2, 3, 4, 5, 6]);
      if (process.platform === 'linux') expect(r.rssMB).toBeGreaterThan(0);
    }
    expect(run.blocks.map((b) => [b.scenario, b.rounds])).toEqual([
      ['plaintext', 6],
      ['json', 6],
    ]);
    if (hasTaskset) expect(run.blocks[0]!.canaryMs).toHaveLength(6);
  });

  it('writes latest-subset.md, prints the tables and where they are, and leaves the deck and README alone', async () => {
    const md = (await readFile(join(dir, 'results', 'latest-subset.md'), 'utf8')).replace(/ {2,}/g, ' ');
    expect(md).toContain('## plaintext — GET /');
    expect(md).toContain('## json — GET /json');
    expect(md).toMatch(
      /\| node-http-app \(baseline(, not server-bound \(server \d+ %, generator \d+ %\))?\) \|/,
    );
    expect(stdout).toMatch(/\| hono-app( \(not server-bound \(server \d+ %, generator \d+ %\)\))? +\|/);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
    expect(stderr).toContain(
      'slides and README left alone (not every app and default scenario (--apps or --scenarios))',
    );
    expect(stderr).toContain(`report: ${join(dir, 'results', 'latest-subset.md')}`);
  });

  it('leaves no server process behind', () => {
    const pids = pidsIn(stderr);
    // Four plaintext targets, then two json targets, each started twice (two lifetimes).
    expect(pids).toHaveLength(12);
    expect(pids.filter(alive)).toEqual([]);
  });
});

describe('Ctrl-C', () => {
  it('stops cleanly: no server left, partial results saved and marked partial', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-sigint-'));
    try {
      const cliRun = startCli(
        [
          '--no-pin',
          '--generator',
          'autocannon',
          '--node',
          'current',
          '--apps',
          'node-http-app',
          '--scenarios',
          'plaintext,json',
          '--duration',
          '0.5',
          '--warmup',
          '0',
          '--rounds',
          '20',
        ],
        dir,
      );
      // Interrupt once the first round has been measured.
      await new Promise<void>((resolve) => {
        const check = () => (/plaintext r1/.test(cliRun.out().stderr) ? resolve() : setTimeout(check, 50));
        check();
      });
      cliRun.child.kill('SIGINT');
      expect(await cliRun.exited).toBe(130);
      const run = runSchema.parse(
        JSON.parse(await readFile(join(dir, 'results', 'latest-subset.json'), 'utf8')),
      );
      expect(run.partial).toBe(true);
      // The first round was measured and kept; the cut-short sample was not.
      expect(run.results.some((r) => r.scenario === 'plaintext' && (r.rps?.median ?? 0) > 0)).toBe(true);
      const pids = pidsIn(cliRun.out().stderr);
      expect(pids.length).toBeGreaterThan(0);
      expect(pids.filter(alive)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
