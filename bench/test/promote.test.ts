/**
 * Only trustworthy runs reach the projector: the promotion rule on its own, then through
 * writeOutputs with fake runs (git replaced by an injected answer), and a noisy run that does reach
 * the deck saying so beside every results title.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classify, writeOutputs, type OutputDirs } from '../src/output/outputs.js';
import { promotion } from '../src/output/promote.js';
import { fakeRun } from '../src/testing/fake-runs.js';
import type { Run } from '../src/model/schema.js';

const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);

/** A fake full run measured at `commit`, quiet or noisy, at `date`. */
function runAt(commit: string, noisy: boolean, date: string): Run {
  const run = fakeRun({ noise: noisy ? 0.3 : 0.03, date, seed: noisy ? 3 : 4 });
  run.env.git = { commit, short: commit.slice(0, 7), dirty: [] };
  run.env.gitCommit = commit.slice(0, 12);
  return run;
}

let dir: string;
let dirs: OutputDirs;
const README = 'intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\noutro\n';

async function snapshot(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(folder)).sort()) out[name] = await readFile(join(folder, name), 'latin1');
  return out;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-promote-'));
  dirs = { results: join(dir, 'results'), generated: join(dir, 'generated'), readme: join(dir, 'README.md') };
  await writeFile(dirs.readme!, README);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the promotion rule', () => {
  const quiet = runAt(OLD, false, '2026-12-06T15:54:30.000Z');
  const noisy = runAt(NEW, true, '2026-12-06T16:13:39.000Z');

  it('the runs it is tested with are what they say', () => {
    expect([quiet.kind, quiet.noise.level, noisy.kind, noisy.noise.level]).toEqual([
      'full',
      'quiet',
      'full',
      'noisy',
    ]);
  });

  it('a quiet run replaces a noisy one; a noisy one never replaces a quiet one of the same code', () => {
    expect(promotion(quiet, noisy, []).promote).toBe(true);
    const kept = promotion(noisy, quiet, []);
    expect(kept.promote).toBe(false);
    expect(kept.why).toMatch(
      /^not promoted: this run was noisy .* the deck's run \(2026-12-06 15:54 UTC, aaaaaaa\) was quiet, on the same measured code/,
    );
  });

  it('a noisy run replaces a quiet one when the measured code changed, and a noisy one always', () => {
    expect(promotion(noisy, quiet, ['apps/express-app/src/app.ts'])).toEqual({
      promote: true,
      why: expect.stringMatching(
        /measured code changed since \(1 file, e\.g\. apps\/express-app\/src\/app\.ts\)/,
      ),
    });
    expect(promotion(noisy, runAt(OLD, true, '2026-12-06T15:00:00.000Z'), []).promote).toBe(true);
    expect(promotion(noisy, null, null).promote).toBe(true);
  });

  it('of two noisy runs of the same code the less noisy one stays on the deck, not the newer', () => {
    const worse = runAt(NEW, true, '2026-12-06T16:23:39.000Z');
    worse.noise = { ...noisy.noise, wide: ['plaintext', 'fortunes'] };
    const better = { ...noisy, noise: { ...noisy.noise, wide: ['plaintext'] } };
    expect(promotion(worse, better, [])).toEqual({
      promote: false,
      why: expect.stringMatching(
        /^not promoted: this run was noisy .* and so was the deck's run of the same measured code, but less/,
      ),
    });
    expect(promotion(better, worse, []).promote).toBe(true);
    // As many wide tables: the canary decides.
    const calmer = { ...worse, noise: { ...worse.noise, canaryCv: (worse.noise.canaryCv ?? 0) / 2 } };
    expect(promotion(worse, calmer, []).promote).toBe(false);
    expect(promotion(calmer, worse, []).promote).toBe(true);
    // Other code: the newer replaces it whatever its noise.
    expect(promotion(worse, better, ['apps/koa-app/src/app.ts']).promote).toBe(true);
  });

  it('when git cannot compare the commits, a noisy run does not replace a quiet one', () => {
    expect(promotion(noisy, quiet, null)).toEqual({
      promote: false,
      why: expect.stringContaining(`git could not compare ${OLD} with ${NEW}`),
    });
  });
});

describe('writeOutputs applies the rule', () => {
  it('keeps the quiet run on the deck and in the README; the noisy one still gets its files and says why', async () => {
    const same = { codeChanges: () => [] };
    await writeOutputs(runAt(OLD, false, '2026-12-06T15:54:30.000Z'), dirs, same);
    const partials = await snapshot(dirs.generated);
    const latest = await readFile(join(dirs.results, 'latest.json'), 'utf8');
    const readme = await readFile(dirs.readme!, 'utf8');

    const noisy = runAt(NEW, true, '2026-12-06T16:13:39.000Z');
    const { written, skipped, promotion: p, report } = await writeOutputs(noisy, dirs, same);
    expect(p?.promote).toBe(false);
    expect(await snapshot(dirs.generated)).toEqual(partials);
    expect(await readFile(join(dirs.results, 'latest.json'), 'utf8')).toBe(latest);
    expect(await readFile(dirs.readme!, 'utf8')).toBe(readme);
    expect(written.map((f) => f.slice(dirs.results.length + 1))).toEqual([
      '2026-12-06T16-13-39-000Z.json',
      'latest-not-promoted.json',
      'latest-not-promoted.md',
      'runs.md',
    ]);
    expect(report).toBe(join(dirs.results, 'latest-not-promoted.md'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^slides and README left alone, not promoted: this run was noisy/);
    expect(skipped[0]).toContain('2026-12-06T16-13-39-000Z.json');
  });

  it('a noisy run of changed code reaches the deck with "noisy run" beside every results title', async () => {
    await writeOutputs(runAt(OLD, false, '2026-12-06T15:54:30.000Z'), dirs, { codeChanges: () => [] });
    const changed = { codeChanges: () => ['apps/express-app/src/app.ts'] };
    const noisy = runAt(NEW, true, '2026-12-06T16:13:39.000Z');
    const { promotion: p } = await writeOutputs(noisy, dirs, changed);
    expect(p?.promote).toBe(true);
    expect(JSON.parse(await readFile(join(dirs.results, 'latest.json'), 'utf8')).env.git.commit).toBe(NEW);
    for (const block of noisy.blocks) {
      const takeaway = await readFile(join(dirs.generated, `${block.scenario}.takeaway.md`), 'utf8');
      expect(takeaway.split('\n')[0], block.scenario).toMatch(/\(noisy run\)$/);
      const table = await readFile(join(dirs.generated, `${block.scenario}.md`), 'utf8');
      expect(table, block.scenario).toMatch(/^- ⚠ noisy run: canary CV \d+ %, node-http-app CV \d+ %/m);
    }
  });

  it('a quiet run carries no noisy mark', async () => {
    const quiet = runAt(OLD, false, '2026-12-06T15:54:30.000Z');
    await writeOutputs(quiet, dirs, { codeChanges: () => [] });
    const takeaway = await readFile(join(dirs.generated, 'plaintext.takeaway.md'), 'utf8');
    expect(takeaway).not.toContain('noisy run');
  });
});

describe('results are tied to code', () => {
  it('a run that would be full is a subset when the measured code had uncommitted changes', () => {
    const run = runAt(OLD, false, '2026-12-06T15:54:30.000Z');
    expect(classify(run).kind).toBe('full');
    run.env.git = { commit: OLD, short: 'aaaaaaa', dirty: ['apps/koa-app/src/app.ts'] };
    expect(classify(run)).toEqual({
      kind: 'subset',
      why: 'uncommitted changes in the measured code (apps/koa-app/src/app.ts): commit them, then run again',
    });
  });

  it('slide footers name the short commit; commits.json says which commit each partial measured', async () => {
    const run = runAt(OLD, false, '2026-12-06T15:54:30.000Z');
    await writeOutputs(run, dirs, { codeChanges: () => [] });
    for (const file of ['plaintext.md', 'plaintext.takeaway.md'])
      expect((await readFile(join(dirs.generated, file), 'utf8')).trimEnd().split('\n').at(-1)).toMatch(
        /· 2026-12-06 · aaaaaaa · method: bench\/results\/latest\.md_$/,
      );
    const commits = JSON.parse(await readFile(join(dirs.generated, 'commits.json'), 'utf8'));
    expect(Object.keys(commits).sort()).toEqual(
      [...run.blocks.map((b) => b.scenario), 'framework-tax'].sort(),
    );
    expect(commits.plaintext).toEqual({ commit: OLD, short: 'aaaaaaa' });
  });

  it('the README block says when the code a result measured changed since', async () => {
    const full = runAt(OLD, false, '2026-12-06T15:54:30.000Z');
    await writeOutputs(full, dirs, { codeChanges: () => [] });
    expect(await readFile(dirs.readme!, 'utf8')).not.toContain('changed since');
    // A matrix run later, after the apps changed: the block shows the older full run as stale.
    const matrix = fakeRun({ argv: ['--matrix'], nodes: ['v20.20.2', 'v26.10.0'] });
    matrix.env.git = { commit: NEW, short: 'bbbbbbb', dirty: [] };
    const since = (from: string) =>
      from === OLD ? ['apps/express-app/src/app.ts', 'shared/core/src/serve.ts'] : [];
    await writeOutputs(matrix, dirs, { codeChanges: since });
    const readme = await readFile(dirs.readme!, 'utf8');
    expect(readme).toContain('- **⚠ measured on aaaaaaa; apps/express-app and shared/core changed since**');
    expect(readme).not.toContain('measured on bbbbbbb');
  });
});

describe('run-level warnings reach every slide and the README', () => {
  it('each slide method line and the README block carry every run warning', async () => {
    const run = runAt(OLD, false, '2026-12-06T15:54:30.000Z');
    run.warnings = ['the machine was busy before the run: other work used 37 % of the CPUs over 2.0 s'];
    await writeOutputs(run, dirs, { codeChanges: () => [] });
    for (const block of run.blocks)
      for (const file of [`${block.scenario}.md`, `${block.scenario}.takeaway.md`]) {
        const last = (await readFile(join(dirs.generated, file), 'utf8')).trimEnd().split('\n').at(-1);
        expect(last, file).toContain('· ⚠ the machine was busy before the run: other work used 37 %');
      }
    expect(await readFile(dirs.readme!, 'utf8')).toContain(
      '- ⚠ the machine was busy before the run: other work used 37 % of the CPUs over 2.0 s',
    );
  });
});
