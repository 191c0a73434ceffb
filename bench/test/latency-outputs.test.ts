/** What a latency run writes, and what it leaves alone, in temporary folders (no load is run here). */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeLatencyRun } from '../src/testing/fake-latency.js';
import {
  feedLatencyReadme,
  LATENCY_README_END,
  LATENCY_README_START,
  writeLatencyOutputs,
} from '../src/output/latency.js';
import { README_END, README_START } from '../src/output/feeds.js';
import type { OutputDirs } from '../src/output/feeds.js';

const COMMIT = 'a'.repeat(40);
let tmp: string;
let dirs: OutputDirs;
const readme = () => readFile(dirs.readme!, 'utf8');
const latencyFiles = async () =>
  (await readdir(dirs.generated).catch(() => [])).filter((f) => f.startsWith('latency-'));

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'latency-outputs-'));
  dirs = { results: join(tmp, 'results'), generated: join(tmp, 'generated'), readme: join(tmp, 'README.md') };
  await writeFile(
    dirs.readme!,
    `# x\n\n${README_START}\n\nclosed loop\n\n${README_END}\n\n${LATENCY_README_START}\n\nold\n\n${LATENCY_README_END}\n`,
  );
});
afterEach(() => rm(tmp, { recursive: true, force: true }));

describe('writeLatencyOutputs', () => {
  it("writes a whole quiet run's report, slide partials, charts, commits and README block", async () => {
    const run = fakeLatencyRun({ commit: COMMIT });
    const out = await writeLatencyOutputs(run, dirs, { codeChanges: () => [] });
    expect(out.report).toBe(join(dirs.results, 'latest-latency.md'));
    expect((await latencyFiles()).sort()).toEqual(
      run.scenarios
        .flatMap((s) => ['md', 'svg', 'takeaway.md'].map((e) => `latency-${s.scenario}.${e}`))
        .sort(),
    );
    const commits = JSON.parse(await readFile(join(dirs.generated, 'commits.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(commits)).toEqual(
      expect.arrayContaining(run.scenarios.map((s) => `latency-${s.scenario}`)),
    );
    expect(out.skipped).toEqual([]);
  });

  it('writes no slide partials and no README block for a quick run, and says why', async () => {
    const run = fakeLatencyRun({ quick: true, lifetimes: 1 });
    const out = await writeLatencyOutputs(run, dirs, { codeChanges: () => [] });
    expect(await latencyFiles()).toEqual([]);
    expect(await readme()).toContain('old');
    expect(out.report).toBe(join(dirs.results, 'latest-latency-quick.md'));
    expect(await readFile(out.report, 'utf8')).toContain('(quick run)');
    expect(out.skipped.join(' ')).toContain('--quick');
  });

  it('keeps a quiet run on the deck when a noisy one of the same code comes after it', async () => {
    const quiet = fakeLatencyRun({ commit: COMMIT, date: '2026-12-07T03:00:00.000Z' });
    const noisy = fakeLatencyRun({ commit: COMMIT, noisy: true, date: '2026-12-07T04:00:00.000Z' });
    await writeLatencyOutputs(quiet, dirs, { codeChanges: () => [] });
    const takeaway = await readFile(join(dirs.generated, 'latency-plaintext.takeaway.md'), 'utf8');
    const out = await writeLatencyOutputs(noisy, dirs, { codeChanges: () => [] });
    const latest = JSON.parse(await readFile(join(dirs.results, 'latest-latency.json'), 'utf8')) as {
      env: { date: string };
    };
    expect(latest.env.date).toBe(quiet.env.date);
    expect(await readFile(join(dirs.generated, 'latency-plaintext.takeaway.md'), 'utf8')).toBe(takeaway);
    expect(out.report).toBe(join(dirs.results, 'latest-latency-not-promoted.md'));
    expect(out.skipped.join(' ')).toContain('was quiet');
    // The noisy run's JSON is kept all the same.
    expect(await readdir(dirs.results)).toContain('2026-12-07T04-00-00-000Z-latency.json');
  });

  it('of two noisy runs of the same code keeps the less noisy one (lower canary CV)', async () => {
    const less = fakeLatencyRun({ commit: COMMIT, noisy: true, date: '2026-12-07T03:00:00.000Z' });
    less.noise.canaryCv = 0.06;
    const more = fakeLatencyRun({ commit: COMMIT, noisy: true, date: '2026-12-07T04:00:00.000Z' });
    await writeLatencyOutputs(less, dirs, { codeChanges: () => [] });
    const out = await writeLatencyOutputs(more, dirs, { codeChanges: () => [] });
    const latest = JSON.parse(await readFile(join(dirs.results, 'latest-latency.json'), 'utf8')) as {
      env: { date: string };
    };
    expect(latest.env.date).toBe(less.env.date);
    expect(out.skipped.join(' ')).toContain('noisier (canary CV 14.0 %)');
    // …and the less noisy of the two does replace the noisier one.
    await writeLatencyOutputs(more, dirs, { codeChanges: () => [] });
    const again = fakeLatencyRun({ commit: COMMIT, noisy: true, date: '2026-12-07T05:00:00.000Z' });
    again.noise.canaryCv = 0.05;
    await writeLatencyOutputs(again, dirs, { codeChanges: () => [] });
    expect(
      (
        JSON.parse(await readFile(join(dirs.results, 'latest-latency.json'), 'utf8')) as {
          env: { date: string };
        }
      ).env.date,
    ).toBe(again.env.date);
  });

  it('lets a noisy run replace a quiet one when the measured code changed since', async () => {
    await writeLatencyOutputs(fakeLatencyRun({ commit: COMMIT }), dirs, { codeChanges: () => [] });
    const noisy = fakeLatencyRun({ commit: 'b'.repeat(40), noisy: true, date: '2026-12-07T05:00:00.000Z' });
    await writeLatencyOutputs(noisy, dirs, { codeChanges: () => ['apps/express-app/src/app.ts'] });
    const latest = JSON.parse(await readFile(join(dirs.results, 'latest-latency.json'), 'utf8')) as {
      env: { date: string };
    };
    expect(latest.env.date).toBe(noisy.env.date);
  });
});

describe('the README latency block', () => {
  it('replaces only what is between the latency markers', async () => {
    const run = fakeLatencyRun({ commit: COMMIT });
    await writeLatencyOutputs(run, dirs, { codeChanges: () => [] });
    const text = await readme();
    const block = text.slice(text.indexOf(LATENCY_README_START), text.indexOf(LATENCY_README_END));
    expect(block).not.toContain('old');
    for (const s of run.scenarios) expect(block).toContain(`slides/generated/latency-${s.scenario}.svg`);
    expect(block).toContain('| app');
    expect(text).toContain(`${README_START}\n\nclosed loop\n\n${README_END}`);
  });

  it('says no latency run is committed when there is none', async () => {
    await feedLatencyReadme(null, dirs.readme);
    expect(await readme()).toContain(
      `${LATENCY_README_START}\n\n_No latency run committed yet._\n\n${LATENCY_README_END}`,
    );
  });
});
