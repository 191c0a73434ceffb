/** The machine and software a run measured on, for the results' `env` and the method line. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_DIR, packageVersion, ROOT_DIR } from './targets.js';
import type { Pinning } from './pinning.js';
import type { RunEnv } from '../model/schema.js';
import type { NodeBinary } from '../model/target.js';

/**
 * What the bench measures, as git pathspecs from the repository root: the apps, the shared
 * packages, the bench's own code, reference servers and wrk script, and the locked dependencies.
 * Markdown and tests are left out (a README or a test does not change a number), and so are the
 * bench's results, which every run writes. An uncommitted change here keeps a run off the deck; a
 * commit touching it after a result makes that result stale.
 */
export const CODE_PATHSPECS: readonly string[] = [
  'apps',
  'shared',
  'bench/src',
  'bench/reference',
  'bench/wrk',
  'bench/package.json',
  'package-lock.json',
  ':(exclude,glob)**/*.md',
  ':(exclude,glob)**/test/**',
  // Test-only packages: no server and no part of the bench loads them (the bench's load clients come
  // from @repo/harness, which stays in). A tighter conformance bound must not mark the deck stale.
  ':(exclude)shared/conformance',
  ':(exclude)shared/e2e',
  // How results are written and worded (tables, charts, titles, the README block): they render what
  // a run stored and change no measured number; `npm run bench:render` re-renders the committed runs.
  ':(exclude)bench/src/report',
  ':(exclude)bench/src/output',
  // The entry points that only read stored runs: `bench:compare` and `bench:render`; the --help text.
  ':(exclude)bench/src/cli/compare.ts',
  ':(exclude)bench/src/cli/render.ts',
  ':(exclude)bench/src/cli/usage.ts',
  // Fake runs for the report and output tests: nothing under src/ outside this folder imports it.
  ':(exclude)bench/src/testing',
  // This file: it records the machine, the versions, the busy check and this list; nothing in it
  // starts, loads or times a server, so no stored number depends on it.
  ':(exclude)bench/src/targets/env-info.ts',
];

/** git's output, untrimmed: a porcelain line starts with a status column that may be a space. */
function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** The checked-out commit and the measured code it does not hold yet; null outside git. */
export function gitState(cwd = ROOT_DIR): NonNullable<RunEnv['git']> | null {
  try {
    const commit = git(['rev-parse', 'HEAD'], cwd).trim();
    const short = git(['rev-parse', '--short=7', 'HEAD'], cwd).trim();
    // -uall lists untracked files one by one, so a new file names itself, not its folder.
    const status = git(['status', '--porcelain', '-uall', '--', ...CODE_PATHSPECS], cwd);
    const dirty = status
      .split('\n')
      .filter((l) => l.length > 3)
      .map((l) => l.slice(3));
    return { commit, short, dirty };
  } catch {
    return null;
  }
}

/**
 * The checked-out commit (12 hex digits), with `-dirty` when the measured code (CODE_PATHSPECS) has
 * uncommitted changes — not when only results or READMEs do, which every run writes; null outside git.
 */
export function gitCommit(cwd = ROOT_DIR): string | null {
  const state = gitState(cwd);
  return state === null ? null : `${state.commit.slice(0, 12)}${state.dirty.length > 0 ? '-dirty' : ''}`;
}

/** CPU time in clock ticks summed over all CPUs, from /proc/stat's first line. */
export interface CpuTimes {
  busy: number;
  total: number;
}

/** Parses `/proc/stat`; null when it has no `cpu` line. Idle and iowait count as not busy. */
export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  // user nice system idle iowait irq softirq steal (guest and guest_nice are inside user and nice).
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (ticks.length < 4 || ticks.some((t) => !Number.isFinite(t))) return null;
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}

function readCpuTimes(): CpuTimes | null {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The share of all CPUs' time (0–1) that was busy over `ms` while this process sleeps: other work on
 * the machine, since the bench is idle and its previous servers are gone. Null without /proc/stat.
 */
export async function measureOtherWork(
  ms = 2000,
  read: () => CpuTimes | null = readCpuTimes,
): Promise<NonNullable<RunEnv['otherWork']> | null> {
  const before = read();
  const started = performance.now();
  await sleep(ms);
  const after = read();
  if (before === null || after === null || after.total <= before.total) return null;
  return {
    share: (after.busy - before.busy) / (after.total - before.total),
    seconds: (performance.now() - started) / 1000,
  };
}

const TOOLS = ['autocannon', 'ws', 'express', 'fastify', 'hono', '@hono/node-server', 'koa'];

/** Collects `env` for the results file. */
export function collectEnv(
  pinning: Pinning,
  nodes: readonly NodeBinary[],
  fdLimit: number | null,
  loadAverage: number,
  otherWork: RunEnv['otherWork'] = null,
  git: RunEnv['git'] = gitState(),
): RunEnv {
  const versions: Record<string, string> = {};
  for (const pkg of TOOLS) versions[pkg] = packageVersion(pkg, BENCH_DIR);
  return {
    node: process.version,
    serverNodes: nodes.map((n) => n.version),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    // os.cpus(), not availableParallelism(): this process is pinned to one CPU by now.
    cores: os.cpus().length,
    pinned: pinning.pinned,
    pinning: pinning.description,
    generatorThreads: pinning.generatorThreads,
    date: new Date().toISOString(),
    gitCommit: git ? `${git.commit.slice(0, 12)}${git.dirty.length > 0 ? '-dirty' : ''}` : null,
    git,
    versions,
    fdLimit,
    loadAverage,
    otherWork,
  };
}
