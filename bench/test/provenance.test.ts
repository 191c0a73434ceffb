/**
 * The git side of results, against a real repository in a temp folder: which changes count as the
 * measured code (for a dirty tree and for staleness), and the stale notes the slides build shows.
 * Then the check for other work before a run, with injected /proc/stat readings.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesFor, codeChanges, recordCommits, staleResults } from '../src/output/provenance.js';
import {
  gitCommit,
  gitState,
  measureOtherWork,
  parseProcStat,
  type CpuTimes,
} from '../src/targets/env-info.js';
import { busyWarning } from '../src/run/run-bench.js';

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
async function put(file: string, text: string) {
  await mkdir(dirname(join(repo, file)), { recursive: true });
  await writeFile(join(repo, file), text);
}
/** Writes the files, commits them, returns the commit. */
async function commit(files: Record<string, string>): Promise<string> {
  for (const [f, t] of Object.entries(files)) await put(f, t);
  git('add', '-A');
  git('commit', '-q', '-m', Object.keys(files).join(' '));
  return git('rev-parse', 'HEAD');
}

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'bench-provenance-'));
  git('init', '-q');
  await commit({
    'apps/express-app/src/app.ts': 'a',
    'apps/express-app/README.md': 'r',
    'bench/results/latest.json': '{}',
    'bench/src/run/x.ts': 'x',
    'README.md': 'readme',
    'package-lock.json': '{}',
  });
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe('the measured code', () => {
  it('a tree dirty only in results and READMEs is clean; a change under apps/ or bench/src is not', async () => {
    await put('bench/results/latest.json', '{"new":1}');
    await put('README.md', 'new block');
    await put('apps/express-app/README.md', 'r2');
    expect(gitState(repo)?.dirty).toEqual([]);
    expect(gitCommit(repo)).toMatch(/^[0-9a-f]{12}$/);
    await put('apps/express-app/src/app.ts', 'b');
    await put('bench/src/run/new.ts', 'untracked');
    expect(gitState(repo)?.dirty).toEqual(['apps/express-app/src/app.ts', 'bench/src/run/new.ts']);
    expect(gitCommit(repo)).toMatch(/^[0-9a-f]{12}-dirty$/);
    const state = gitState(repo)!;
    expect(state.short).toBe(state.commit.slice(0, 7));
    git('checkout', '-q', '--', '.');
    git('clean', '-qfd');
  });

  it('a README-only or results-only commit does not change the measured code; an app commit does', async () => {
    const measured = git('rev-parse', 'HEAD');
    await commit({ 'README.md': 'results block', 'bench/results/latest.json': '{"x":2}' });
    expect(codeChanges(measured, 'HEAD', repo)).toEqual([]);
    // The conformance suite and the e2e tests run no server and no load: not measured code.
    await commit({ 'shared/conformance/src/abuse-checks.ts': 'bound', 'shared/e2e/src/x.ts': 'e2e' });
    expect(codeChanges(measured, 'HEAD', repo)).toEqual([]);
    // Nor does the wording of tables and titles: it renders what a run stored.
    await commit({
      'bench/src/report/takeaway.ts': 'words',
      'bench/src/output/outputs.ts': 'files',
      'bench/src/targets/env-info.ts': 'what counts',
      'bench/src/cli/render.ts': 'reads runs',
    });
    expect(codeChanges(measured, 'HEAD', repo)).toEqual([]);
    await commit({ 'bench/src/stats/stats.ts': 'intervals' });
    expect(codeChanges(measured, 'HEAD', repo)).toEqual(['bench/src/stats/stats.ts']);
    const stats = git('rev-parse', 'HEAD');
    await commit({ 'apps/express-app/src/app.ts': 'changed', 'package-lock.json': '{"v":2}' });
    expect(codeChanges(stats, 'HEAD', repo)).toEqual(['apps/express-app/src/app.ts', 'package-lock.json']);
    expect(codeChanges('0'.repeat(40), 'HEAD', repo)).toBeNull();
  });

  it('the slides build gets a note for each scenario measured on code that changed since', async () => {
    const before = git('rev-parse', 'HEAD');
    const generated = join(repo, 'generated');
    await mkdir(generated);
    const env = {
      git: { commit: before, short: before.slice(0, 7), dirty: [] },
      gitCommit: before.slice(0, 12),
    };
    await recordCommits(generated, ['plaintext', 'json'], env);
    const at = (g: string) => (from: string, to: string) => codeChanges(from, to, g);
    expect(await staleResults(generated, at(repo))).toEqual(new Map());
    await commit({ 'bench/src/run/x.ts': 'y', 'apps/express-app/src/app.ts': 'again' });
    const after = git('rev-parse', 'HEAD');
    await recordCommits(generated, ['json'], {
      ...env,
      git: { ...env.git, commit: after, short: after.slice(0, 7) },
    });
    expect(await staleResults(generated, at(repo))).toEqual(
      new Map([
        ['plaintext', `⚠ measured on ${before.slice(0, 7)}; apps/express-app and bench changed since`],
      ]),
    );
  });
});

describe('which changes a result kind depends on', () => {
  it('a closed-loop result ignores files only a latency run executes; a latency result does not', () => {
    const changed = [
      'bench/src/latency/capacity.ts',
      'bench/src/run/latency-run.ts',
      'bench/src/model/latency.ts',
      'bench/src/run/runner.ts',
    ];
    expect(changesFor(changed, 'closed-loop')).toEqual(['bench/src/run/runner.ts']);
    expect(changesFor(changed, 'latency')).toEqual(changed);
    expect(changesFor(null, 'closed-loop')).toBeNull();
  });

  it('the slides build marks a latency slide stale for a latency-only change, a closed-loop one not', async () => {
    const generated = await mkdtemp(join(tmpdir(), 'stale-kinds-'));
    try {
      const env = { git: { commit: 'c'.repeat(40), short: 'ccccccc', dirty: [] }, gitCommit: 'c'.repeat(12) };
      await recordCommits(generated, ['plaintext', 'latency-plaintext'], env);
      const notes = await staleResults(generated, () => ['bench/src/latency/capacity.ts']);
      expect([...notes.keys()]).toEqual(['latency-plaintext']);
    } finally {
      await rm(generated, { recursive: true, force: true });
    }
  });
});

describe('other work before a run', () => {
  const STAT = (busy: number, idle: number) =>
    `cpu  ${busy} 0 0 ${idle} 0 0 0 0 0 0\ncpu0 1 0 0 1 0 0 0 0 0 0\nintr 1 2 3\n`;

  it('reads busy and total ticks from /proc/stat (idle and iowait are not busy)', () => {
    expect(parseProcStat('cpu  10 2 3 100 5 1 1 0 0 0\n')).toEqual({ busy: 17, total: 122 });
    expect(parseProcStat('intr 1\n')).toBeNull();
  });

  it('measures the share of all CPUs busy between two readings', async () => {
    const readings: CpuTimes[] = [parseProcStat(STAT(1000, 9000))!, parseProcStat(STAT(1040, 9160))!];
    const other = await measureOtherWork(1, () => readings.shift() ?? null);
    expect(other?.share).toBeCloseTo(0.2, 10);
    expect(await measureOtherWork(1, () => null)).toBeNull();
  });

  it('warns above a tenth of the CPUs, with the figure; an idle machine or no reading says nothing', () => {
    expect(busyWarning({ share: 0.37, seconds: 2.01 })).toBe(
      'the machine was busy before the run: other work used 37 % of the CPUs over 2.0 s (more than 10 %), so numbers are less reliable',
    );
    expect(busyWarning({ share: 0.1, seconds: 2 })).toBeNull();
    expect(busyWarning({ share: 0.02, seconds: 2 })).toBeNull();
    expect(busyWarning(null)).toBeNull();
  });
});
