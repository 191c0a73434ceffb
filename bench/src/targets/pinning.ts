/**
 * CPU pinning with taskset: the server gets one core, this process (the ws clients, autocannon) and
 * wrk the others, so neither steals the other's CPU. Node core's own benchmarks do the same. With more
 * than one core left for the generator, HTTP load runs in that many wrk threads or autocannon workers
 * (up to {@link MAX_GENERATOR_THREADS}), so the generator is not the ceiling of a fast server.
 */
import { execFileSync } from 'node:child_process';

/** How servers are started and what the results say about it. */
export interface Pinning {
  pinned: boolean;
  /** For the method line, e.g. "server cpu0, load cpu1 (taskset)". */
  description: string;
  /** Prepended to the server command, e.g. `taskset -c 0`. */
  serverPrefix: string[];
  /** CPUs the generator may use; its HTTP load runs in this many threads (1: in this process). */
  generatorThreads: number;
  /** The generator's CPUs as a taskset list (e.g. '1'), for wrk; null when unpinned. */
  generatorCpus: string | null;
}

/** More autocannon workers than this add coordination, not load, against one server core. */
export const MAX_GENERATOR_THREADS = 4;

/**
 * Generator threads for the CPUs left once the server has one: 1 on a 2-core machine (autocannon in
 * the bench process), otherwise one worker per CPU up to {@link MAX_GENERATOR_THREADS}.
 *
 * @example generatorThreadsFor(8) // 4
 */
export function generatorThreadsFor(loadCpus: number): number {
  return Math.max(1, Math.min(MAX_GENERATOR_THREADS, loadCpus));
}

/** Expands an affinity list like `0-2,5` into `[0, 1, 2, 5]`. */
export function parseCpuList(list: string): number[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const [from, to] = part.split('-').map(Number);
      if (from === undefined || !Number.isInteger(from)) return [];
      return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
    });
}

/**
 * Pins this process (all its threads, `taskset -a`) to every allowed CPU but the first and returns
 * the prefix that starts servers on the first. Falls back to unpinned, saying why, when pinning is
 * off, not on Linux, taskset is missing or only one CPU is allowed.
 */
export function setUpPinning(wanted: boolean): Pinning {
  const unpinned = (why: string): Pinning => ({
    pinned: false,
    description: `unpinned (${why})`,
    serverPrefix: [],
    generatorThreads: 1,
    generatorCpus: null,
  });
  if (!wanted) return unpinned('--no-pin');
  if (process.platform !== 'linux') return unpinned(`no taskset on ${process.platform}`);
  let cpus: number[];
  try {
    const out = execFileSync('taskset', ['-cp', String(process.pid)], { encoding: 'utf8' });
    cpus = parseCpuList(out.slice(out.lastIndexOf(':') + 1));
  } catch {
    return unpinned('taskset not available');
  }
  const [server, ...load] = cpus;
  if (server === undefined || load.length === 0) return unpinned('only one CPU available');
  try {
    execFileSync('taskset', ['-a', '-cp', load.join(','), String(process.pid)], { stdio: 'ignore' });
  } catch {
    return unpinned('taskset -p failed');
  }
  const threads = generatorThreadsFor(load.length);
  const cpusText = load.length === 1 ? `cpu${load[0]}` : `cpus ${load.join(',')}`;
  return {
    pinned: true,
    description: `server cpu${server}, load generator ${cpusText}${threads > 1 ? ` (${threads} generator threads)` : ''} (taskset)`,
    serverPrefix: ['taskset', '-c', String(server)],
    generatorThreads: threads,
    generatorCpus: load.join(','),
  };
}
