/**
 * Which code a result measured, and whether that code has moved on since: the git side of results.
 * The bench asks it when it promotes a run and writes the README block; the slides build asks it
 * (as `bench/provenance`) for every results slide, so a deck built after the apps changed says so.
 * Nothing here fails a build: when git cannot tell, the answer is null and nothing is claimed.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measuredCommit, shortCommit, staleNote } from '../report/method.js';
import { CODE_PATHSPECS } from '../targets/env-info.js';
import { ROOT_DIR } from '../targets/targets.js';
import type { RunEnv } from '../model/schema.js';

/** Measured-code files changed between two commits; [] when none, null when git cannot tell. */
export type CodeChangesFn = (from: string, to: string) => string[] | null;

/**
 * The files of the measured code (CODE_PATHSPECS: apps, shared, the bench's code, the lock file;
 * not Markdown, tests or results) that differ between `from` and `to`; null outside git or when
 * either commit is unknown here (a shallow clone).
 */
export function codeChanges(from: string, to: string, cwd = ROOT_DIR): string[] | null {
  try {
    const out = execFileSync('git', ['diff', '--name-only', from, to, '--', ...CODE_PATHSPECS], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\n').filter((l) => l !== '');
  } catch {
    return null;
  }
}

/**
 * Files only a latency run executes (its run and lifetimes, its open-loop generator and search, its
 * schema): a closed-loop result depends on none of them, so a change there must not mark the
 * closed-loop slides stale, nor make a noisier closed-loop run of otherwise the same code the headline.
 */
const LATENCY_ONLY: readonly RegExp[] = [
  /^bench\/src\/latency\//,
  /^bench\/src\/run\/latency-[^/]+\.ts$/,
  /^bench\/src\/model\/latency\.ts$/,
];

/** The changes that matter to a result of this kind: a closed-loop one ignores latency-only files. */
export function changesFor(
  changed: readonly string[] | null,
  kind: 'latency' | 'closed-loop',
): string[] | null {
  if (changed === null) return null;
  return kind === 'latency' ? [...changed] : changed.filter((f) => !LATENCY_ONLY.some((r) => r.test(f)));
}

/** `codeChanges` as a closed-loop result (full, matrix, runtimes) sees them: latency-only files dropped. */
export const closedLoopChanges: CodeChangesFn = (from, to) =>
  changesFor(codeChanges(from, to), 'closed-loop');

/** Beside the slide partials: which commit each results slide measured, by scenario id. */
export const COMMITS_FILE = 'commits.json';

interface MeasuredCommit {
  commit: string;
  short: string;
}

async function readCommits(generatedDir: string): Promise<Record<string, MeasuredCommit>> {
  const text = await readFile(join(generatedDir, COMMITS_FILE), 'utf8').catch(() => null);
  if (text === null) return {};
  try {
    return JSON.parse(text) as Record<string, MeasuredCommit>;
  } catch {
    return {};
  }
}

/** Records (or, outside git, forgets) the commit behind the partials of `ids`, forgets `removed`; returns the file. */
export async function recordCommits(
  generatedDir: string,
  ids: readonly string[],
  env: Pick<RunEnv, 'git' | 'gitCommit'>,
  removed: readonly string[] = [],
): Promise<string> {
  const commits = await readCommits(generatedDir);
  for (const id of removed) delete commits[id];
  const commit = measuredCommit(env);
  const short = shortCommit(env);
  for (const id of ids) {
    if (commit && short) commits[id] = { commit, short };
    else delete commits[id];
  }
  const sorted = Object.fromEntries(Object.entries(commits).sort(([a], [b]) => a.localeCompare(b)));
  const file = join(generatedDir, COMMITS_FILE);
  await writeFile(file, `${JSON.stringify(sorted, null, 2)}\n`);
  return file;
}

/**
 * For every scenario in `<generatedDir>/commits.json` whose measured code changed in commits since:
 * "⚠ measured on abc1234; apps/express-app changed since". One git call per distinct commit.
 */
export async function staleResults(
  generatedDir: string,
  changes: CodeChangesFn = (from, to) => codeChanges(from, to),
): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  const byCommit = new Map<string, string[] | null>();
  for (const [id, m] of Object.entries(await readCommits(generatedDir))) {
    if (!byCommit.has(m.commit)) byCommit.set(m.commit, changes(m.commit, 'HEAD'));
    const changed = changesFor(
      byCommit.get(m.commit) ?? null,
      id.startsWith('latency-') ? 'latency' : 'closed-loop',
    );
    if (changed && changed.length > 0) notes.set(id, staleNote(m.short, changed));
  }
  return notes;
}
