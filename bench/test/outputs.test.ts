import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classify, replaceReadmeBlock, writeOutputs, type OutputDirs } from '../src/output/outputs.js';
import { fakeRun } from '../src/testing/fake-runs.js';

let dir: string;
let dirs: OutputDirs;
const README = 'intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\noutro\n';

/** Every file of a folder with its bytes. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(folder)).sort()) out[name] = await readFile(join(folder, name), 'latin1');
  return out;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-outputs-'));
  dirs = { results: join(dir, 'results'), generated: join(dir, 'generated'), readme: join(dir, 'README.md') };
  await writeFile(dirs.readme!, README);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('what a run may feed', () => {
  it('full: every app, default scenario and reference on the default Node at the default precision', () => {
    expect(classify(fakeRun())).toEqual({ kind: 'full', why: null });
    // More than the defaults is still full (json, param, ws-echo and ws-capacity feed their slides); less is not.
    const more = [
      '--scenarios',
      'plaintext,json,param,fortunes,db,queries,updates,db-fortunes,ws-echo,ws-broadcast,ws-capacity',
    ];
    expect(classify(fakeRun({ argv: more })).kind).toBe('full');
    expect(
      classify(fakeRun({ argv: ['--scenarios', 'plaintext,json,fortunes,ws-echo,ws-broadcast'] })).why,
    ).toBe('not every app and default scenario (--apps or --scenarios)');
    expect(classify(fakeRun({ argv: ['--rounds', '6'] })).why).toMatch(/fewer rounds/);
    expect(classify(fakeRun({ argv: ['--quick'] }))).toEqual({ kind: 'quick', why: 'a quick run' });
    expect(classify(fakeRun({ argv: ['--apps', 'node-http-app,koa-app'] })).kind).toBe('subset');
    expect(classify(fakeRun({ argv: ['--duration', '0.5'] })).why).toMatch(/shorter samples/);
    expect(classify(fakeRun({ nodes: ['v24.21.0'] })).why).toBe(
      'servers on Node v24.21.0, not the default 26',
    );
    expect(classify({ ...fakeRun(), partial: true }).kind).toBe('subset');
    // Without wrk (missing, or --generator autocannon) a run that would be full feeds nothing.
    const byAutocannon = fakeRun();
    byAutocannon.env.httpGenerator = 'autocannon 9.0.0';
    expect(classify(byAutocannon)).toEqual({
      kind: 'subset',
      why: 'HTTP load by autocannon 9.0.0, not wrk (install wrk, or drop --generator)',
    });
    const matrixByAutocannon = fakeRun({ argv: ['--matrix'], nodes: ['v20.20.2', 'v26.10.0'] });
    matrixByAutocannon.env.httpGenerator = 'autocannon 9.0.0';
    expect(classify(matrixByAutocannon).kind).toBe('subset');
    expect(classify(fakeRun({ argv: ['--matrix'], nodes: ['v20.20.2', 'v26.10.0'] })).kind).toBe('matrix');
  });
});

describe('only a full run feeds the deck and the README', () => {
  it('a quick run leaves the deck partials, charts, latest.json and the README byte-identical', async () => {
    await writeOutputs(fakeRun(), dirs);
    const partials = await snapshot(dirs.generated);
    const latest = await readFile(join(dirs.results, 'latest.json'), 'utf8');
    const readme = await readFile(dirs.readme!, 'utf8');
    expect(Object.keys(partials)).toContain('plaintext.md');

    const quick = fakeRun({ argv: ['--quick'], date: '2026-11-30T11:00:00.000Z', seed: 7 });
    const { written, skipped } = await writeOutputs(quick, dirs);
    expect(await snapshot(dirs.generated)).toEqual(partials);
    expect(await readFile(join(dirs.results, 'latest.json'), 'utf8')).toBe(latest);
    expect(await readFile(dirs.readme!, 'utf8')).toBe(readme);
    expect(written.map((f) => f.slice(dirs.results.length + 1))).toEqual([
      '2026-11-30T11-00-00-000Z-quick.json',
      'latest-quick.json',
      'latest-quick.md',
      // Every run lands in the index of committed runs (results/runs.md), a quick one too.
      'runs.md',
    ]);
    expect(skipped).toEqual(['slides and README left alone (a quick run): this run is in latest-quick.md']);
  });

  it('a subset run writes its own files and leaves the deck alone too', async () => {
    const { written } = await writeOutputs(fakeRun({ argv: ['--apps', 'node-http-app,koa-app'] }), dirs);
    expect(written.some((f) => f.startsWith(dirs.generated))).toBe(false);
    expect(await readFile(dirs.readme!, 'utf8')).toBe(README);
    expect(written.at(-2)).toMatch(/latest-subset\.md$/);
    expect(written.at(-1)).toMatch(/runs\.md$/);
  });

  it('a full run writes a partial and a chart per scenario and the README block; results are never overwritten', async () => {
    const run = fakeRun();
    await writeOutputs(run, dirs);
    await writeOutputs(run, dirs);
    expect(await readdir(dirs.results)).toEqual(
      expect.arrayContaining([
        '2026-11-30T10-00-00-000Z.json',
        '2026-11-30T10-00-00-000Z-1.json',
        'latest.json',
      ]),
    );
    const files = await readdir(dirs.generated);
    for (const b of run.blocks)
      expect(files).toEqual(expect.arrayContaining([`${b.scenario}.md`, `${b.scenario}.svg`]));
    const readme = await readFile(dirs.readme!, 'utf8');
    expect(readme).toMatch(/^intro\n<!-- bench:start -->\n\n_Method: /);
    expect(readme).toContain('_No Node-matrix run yet');
  });

  it('a full run without json, param, ws-echo or ws-capacity drops their partials and commits: no older slide beside it', async () => {
    const more = [
      '--scenarios',
      'plaintext,json,param,fortunes,db,queries,updates,db-fortunes,ws-echo,ws-broadcast,ws-capacity',
    ];
    await writeOutputs(fakeRun({ argv: more }), dirs, { codeChanges: () => [] });
    const before = await readdir(dirs.generated);
    expect(before).toEqual(
      expect.arrayContaining(['param.md', 'param.svg', 'ws-capacity.takeaway.md', 'json.md', 'ws-echo.svg']),
    );
    await writeOutputs(fakeRun({ date: '2026-11-30T11:00:00.000Z' }), dirs, { codeChanges: () => [] });
    const after = await readdir(dirs.generated);
    expect(after.filter((f) => /^(json|param|ws-echo|ws-capacity)\./.test(f))).toEqual([]);
    expect(after).toEqual(
      expect.arrayContaining(['plaintext.md', 'ws-broadcast.takeaway.md', 'queries.svg', 'db-fortunes.md']),
    );
    const commits = JSON.parse(await readFile(join(dirs.generated, 'commits.json'), 'utf8'));
    expect(Object.keys(commits)).not.toContain('param');
    expect(Object.keys(commits)).not.toContain('json');
    expect(Object.keys(commits)).not.toContain('ws-echo');
    expect(Object.keys(commits)).toContain('framework-tax');
  });

  it('a full run writes the framework-tax partials; a full run without queries would drop them', async () => {
    await writeOutputs(fakeRun(), dirs, { codeChanges: () => [] });
    const files = await readdir(dirs.generated);
    expect(files).toEqual(
      expect.arrayContaining(['framework-tax.md', 'framework-tax.svg', 'framework-tax.takeaway.md']),
    );
    expect(await readFile(join(dirs.generated, 'framework-tax.takeaway.md'), 'utf8')).toMatch(
      /^framework tax: /,
    );
    expect(await readFile(join(dirs.generated, 'framework-tax.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('a matrix run writes the Node-matrix slide and joins the newest full run in the README block', async () => {
    await writeOutputs(fakeRun(), dirs);
    const before = await snapshot(dirs.generated);
    const matrix = fakeRun({
      argv: ['--matrix'],
      nodes: ['v20.20.2', 'v26.10.0'],
      date: '2026-11-30T12:00:00.000Z',
    });
    await writeOutputs(matrix, dirs);
    const after = await snapshot(dirs.generated);
    expect(Object.keys(after).filter((f) => !(f in before))).toEqual([
      'node-matrix.md',
      'node-matrix.svg',
      'node-matrix.takeaway.md',
    ]);
    expect(after['plaintext.md']).toBe(before['plaintext.md']);
    const readme = await readFile(dirs.readme!, 'utf8');
    expect(readme).toContain('| app ');
    expect(readme).toContain('### Node versions');
    expect(await readdir(dirs.results)).toContain('2026-11-30T12-00-00-000Z-matrix.json');
  });
});

describe('README markers', () => {
  it('replaces only what is between them, with the blank lines prettier keeps; null without them', () => {
    expect(replaceReadmeBlock(README, 'new table\n')).toBe(
      'intro\n<!-- bench:start -->\n\nnew table\n\n<!-- bench:end -->\noutro\n',
    );
    expect(replaceReadmeBlock('no markers here', 'x')).toBeNull();
  });
});

describe('npm run bench:render', () => {
  it('re-renders the partials, charts and README block of the latest runs, measuring and writing no run', async () => {
    await writeOutputs(fakeRun(), dirs, { codeChanges: () => [] });
    await writeOutputs(fakeRun({ argv: ['--matrix'], nodes: ['v20.20.2', 'v26.10.0'] }), dirs, {
      codeChanges: () => [],
    });
    const partials = await snapshot(dirs.generated);
    const results = await readdir(dirs.results);
    // Slides worded by older code, and a README block edited by hand: both come back as rendered now.
    await rm(dirs.generated, { recursive: true });
    await writeFile(dirs.readme!, README);
    const cli = fileURLToPath(new URL('../src/cli/render.ts', import.meta.url));
    const env = {
      ...process.env,
      BENCH_RESULTS_DIR: dirs.results,
      BENCH_GENERATED_DIR: dirs.generated,
      BENCH_README: dirs.readme!,
    };
    const out = spawnSync(process.execPath, ['--import', 'tsx', cli], { encoding: 'utf8', env });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^full: 2026-11-30T10:00:00\.000Z → \d+ files\nmatrix: /);
    const again = await snapshot(dirs.generated);
    // commits.json names the commit; the fake runs have none git knows, so compare the rest byte for byte.
    delete again['commits.json'];
    delete partials['commits.json'];
    expect(again).toEqual(partials);
    expect(await readdir(dirs.results)).toEqual(results);
    expect(await readFile(dirs.readme!, 'utf8')).toMatch(/<!-- bench:start -->\n\n_Method: /);
    const empty = { ...env, BENCH_RESULTS_DIR: join(dir, 'none') };
    const none = spawnSync(process.execPath, ['--import', 'tsx', cli], { encoding: 'utf8', env: empty });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no latest run');
  }, 30_000);
});
