/**
 * CPU pinning with taskset: the server gets one core, this process (the load generator) another, so
 * neither steals the other's CPU. Node core's own benchmarks do the same.
 */
import { execFileSync } from 'node:child_process';

/** How servers are started and what the results say about it. */
export interface Pinning {
  pinned: boolean;
  /** For the method line, e.g. "server cpu0, load cpu1 (taskset)". */
  description: string;
  /** Prepended to the server command, e.g. `taskset -c 0`. */
  serverPrefix: string[];
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
 * Pins this process (all its threads, `taskset -a`) to the second allowed CPU and returns the
 * prefix that starts servers on the first. Falls back to unpinned, saying why, when pinning is off,
 * not on Linux, taskset is missing or only one CPU is allowed.
 */
export function setUpPinning(wanted: boolean): Pinning {
  const unpinned = (why: string): Pinning => ({
    pinned: false,
    description: `unpinned (${why})`,
    serverPrefix: [],
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
  const [server, load] = cpus;
  if (server === undefined || load === undefined) return unpinned('only one CPU available');
  try {
    execFileSync('taskset', ['-a', '-cp', String(load), String(process.pid)], { stdio: 'ignore' });
  } catch {
    return unpinned('taskset -p failed');
  }
  return {
    pinned: true,
    description: `server cpu${server}, load generator cpu${load} (taskset)`,
    serverPrefix: ['taskset', '-c', String(server)],
  };
}
