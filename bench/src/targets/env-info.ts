/** The machine and software a run measured on, for the results' `env` and the method line. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { BENCH_DIR, packageVersion, ROOT_DIR } from './targets.js';
import type { Pinning } from './pinning.js';
import type { RunEnv } from '../model/schema.js';
import type { NodeBinary } from '../model/target.js';

/** The checked-out commit, with `-dirty` when the tree has changes; null outside git. */
export function gitCommit(cwd = ROOT_DIR): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return null;
  }
}

const TOOLS = ['autocannon', 'ws', 'express', 'fastify', 'hono', '@hono/node-server', 'koa'];

/** Collects `env` for the results file. */
export function collectEnv(
  pinning: Pinning,
  nodes: readonly NodeBinary[],
  fdLimit: number | null,
  loadAverage: number,
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
    gitCommit: gitCommit(),
    versions,
    fdLimit,
    loadAverage,
  };
}
