import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexEntries, RUN_INDEX } from '../src/output/run-index.js';
import { writeOutputs, type OutputDirs } from '../src/output/outputs.js';
import { bareEntry, runIndexMarkdown, type IndexEntry } from '../src/report/run-index.js';
import { BENCH_DIR } from '../src/targets/targets.js';
import { fakeEnv, fakeRun } from '../src/testing/fake-runs.js';
import type { Run } from '../src/model/schema.js';

let dir: string;
let dirs: OutputDirs;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bench-index-'));
  dirs = { results: join(dir, 'results'), generated: join(dir, 'generated'), readme: null };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const entry = (date: string, level: string, kind = 'full', shown = false): IndexEntry => ({
  ...bareEntry(`${date}.json`, kind, date, 'abc1234', shown),
  level,
});

/** A full run at `date` with the given noise. */
function runAt(date: string, noise: Run['noise']): Run {
  const run = fakeRun();
  return {
    ...run,
    env: fakeEnv({ date, git: { commit: 'a'.repeat(40), short: 'aaaaaaa', dirty: [] } }),
    noise,
  };
}

describe('the index of committed runs', () => {
  it('counts the quiet runs per kind and the full runs since the last quiet one', () => {
    const md = runIndexMarkdown([
      entry('2026-12-01T10:00:00.000Z', 'quiet'),
      entry('2026-12-02T10:00:00.000Z', 'noisy'),
      entry('2026-12-03T10:00:00.000Z', 'noisy', 'full', true),
      entry('2026-12-03T11:00:00.000Z', 'quiet', 'matrix'),
    ]);
    expect(md).toContain('Runs by kind: full 3 (1 quiet), matrix 1 (1 quiet).');
    expect(md).toContain('Full runs since the last quiet one ([2026-12-01T10:00:00.000Z.json]');
    expect(md).toContain('): 2, none quiet.');
    // Newest first, the deck's run marked.
    const rows = md.split('\n').filter((l) => l.startsWith('| ['));
    expect(rows.map((r) => r.slice(3, 19))).toEqual([
      '2026-12-03 11:00',
      '2026-12-03 10:00',
      '2026-12-02 10:00',
      '2026-12-01 10:00',
    ]);
    expect(rows[1]).toContain('**on the deck**');
    expect(rows.filter((r) => r.includes('on the deck'))).toHaveLength(1);
  });

  it('says so when no full run was ever quiet', () => {
    const md = runIndexMarkdown([entry('2026-12-02T10:00:00.000Z', 'noisy')]);
    expect(md).toContain('No full run so far was quiet (1 in all).');
  });

  it('lists every run the bench writes, with its noise, precision and whether the deck shows it', async () => {
    const quiet = runAt('2026-12-01T10:00:00.000Z', {
      level: 'quiet',
      canaryCv: 0.012,
      baselineCv: 0.04,
      wide: [],
    });
    const noisy = runAt('2026-12-02T10:00:00.000Z', {
      level: 'noisy',
      canaryCv: 0.15,
      baselineCv: 0.2,
      wide: ['plaintext', 'fortunes'],
    });
    await writeOutputs(quiet, dirs, { codeChanges: () => [] });
    const written = await writeOutputs(noisy, dirs, { codeChanges: () => [] });
    // The noisy run of the same code is not promoted, and the index says which run the deck shows.
    expect(written.promotion?.promote).toBe(false);
    expect(written.written).toContain(join(dirs.results, RUN_INDEX));
    const md = await readFile(join(dirs.results, RUN_INDEX), 'utf8');
    const rows = md.split('\n').filter((l) => l.startsWith('| ['));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^\| \[2026-12-02 10:00\]\(2026-12-02T10-00-00-000Z\.json\) \| full \| aaaaaaa \|/,
    );
    expect(rows[0]).toContain('| 15.0 % | 20.0 % | noisy | plaintext, fortunes |');
    expect(rows[0]).not.toContain('on the deck');
    expect(rows[1]).toContain('| 1.2 % | 4.0 % | quiet | none |');
    expect(rows[1]).toMatch(/\d+ of \d+ within ±10 % \| \*\*on the deck\*\* \|$/);
    expect(md).toContain('Runs by kind: full 2 (1 quiet).');
  });

  it('lists a file from an older schema without figures rather than dropping it', async () => {
    await writeOutputs(
      runAt('2026-12-02T10:00:00.000Z', { level: 'quiet', canaryCv: 0.01, baselineCv: 0.02 }),
      dirs,
      {
        codeChanges: () => [],
      },
    );
    await writeFile(join(dirs.results, '2026-11-20T09-08-07-006Z.json'), JSON.stringify({ results: [] }));
    const entries = await indexEntries(dirs.results);
    expect(entries.map((e) => [e.kind, e.date])).toEqual([
      ['full (older schema)', '2026-11-20T09:08:07.006Z'],
      ['full', '2026-12-02T10:00:00.000Z'],
    ]);
    // No noise record in that schema: shown as unknown, not as "none".
    expect(runIndexMarkdown(entries)).toContain('| full (older schema) | – | – | – | – | – | – | – |  |');
  });

  it('the committed runs.md lists every committed results file (the bench rewrites it after each run)', async () => {
    const results = join(BENCH_DIR, 'results');
    const committed = await readFile(join(results, RUN_INDEX), 'utf8');
    expect(committed, 'run `npm run bench:render` and commit bench/results/runs.md').toBe(
      runIndexMarkdown(await indexEntries(results)),
    );
  });
});
