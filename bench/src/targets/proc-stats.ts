/**
 * Server CPU time and memory from Linux's /proc (no extra process per sample), summed over the
 * server's process tree so a cluster's workers count. Elsewhere every reading is null and the
 * tables say "–".
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times (100 on almost every Linux). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** One reading of a process: CPU seconds used so far (user + system) and resident memory. */
export interface ProcSample {
  cpuSeconds: number;
  rssMB: number;
}

/**
 * CPU seconds of every thread of a process from `/proc/<pid>/task/<tid>/schedstat` (nanoseconds):
 * a one-second sample of a server at 15 % CPU is 0.15 s, which clock ticks (10 ms) would
 * quantise by 7 %. Null when schedstat is not there (the caller falls back to ticks).
 */
function schedCpuSeconds(pid: number): number | null {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
    return Number.isFinite(ns) ? ns / 1e9 : null;
  } catch {
    return null;
  }
}

/**
 * The process and its descendants (a `node:cluster` primary and its workers), from
 * `/proc/<pid>/task/<tid>/children`; just the process where that file is missing.
 */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const tid of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${tid}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // gone, or no children file: count what we have
    }
  }
  return out;
}

/**
 * CPU seconds and resident memory of a server: the process and, for a cluster, its workers. Null
 * when the process itself is gone or there is no /proc; a worker gone mid-read is left out.
 */
export function readProc(pid: number, precise = false): ProcSample | null {
  const [self, ...rest] = processTree(pid).map((p) => readOne(p, precise));
  if (!self) return null;
  return rest.reduce<ProcSample>(
    (sum, s) => (s ? { cpuSeconds: sum.cpuSeconds + s.cpuSeconds, rssMB: sum.rssMB + s.rssMB } : sum),
    self,
  );
}

/** Reads /proc/<pid>/stat and status; null when the process is gone or there is no /proc. */
function readOne(pid: number, precise: boolean): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15)
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
    if (!Number.isFinite(ticks) || !Number.isFinite(rssKB)) return null;
    const cpuSeconds = (precise ? schedCpuSeconds(pid) : null) ?? ticks / CLK_TCK;
    return { cpuSeconds, rssMB: rssKB / 1024 };
  } catch {
    return null;
  }
}

/**
 * CPU seconds of a process family that forks short-lived children, PostgreSQL's postmaster and its
 * backends: every live member's (schedstat, as for servers) plus the children the root has reaped
 * (`cutime` + `cstime` of its /proc stat, ticks), so a backend that exits mid-sample still counts.
 * Null when the root is gone or there is no /proc.
 */
export function familyCpuSeconds(pid: number): number | null {
  const live = readProc(pid, true);
  if (!live) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const reaped = Number(fields[13]) + Number(fields[14]); // cutime + cstime (fields 16 and 17)
    return live.cpuSeconds + (Number.isFinite(reaped) ? reaped / CLK_TCK : 0);
  } catch {
    return null;
  }
}

/** An open-files limit of a process (`self` for this one); null when unknown. */
export function readFdLimit(pid: number | 'self', which: 'soft' | 'hard' = 'soft'): number | null {
  try {
    const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
    const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
    const value = which === 'soft' ? match?.[1] : match?.[2];
    if (value === 'unlimited') return Number.MAX_SAFE_INTEGER;
    return value === undefined ? null : Number(value);
  } catch {
    return null;
  }
}

/** What a sampler saw between start and stop. */
export interface ProcWindow {
  cpuSeconds: number | null;
  peakRssMB: number | null;
}

/**
 * Samples a process every `intervalMs` while a round runs: peak RSS is the highest reading, CPU is
 * the difference between the first and the last one.
 *
 * @example
 * const sampler = new ProcSampler(child.pid);
 * await runLoad();
 * const { cpuSeconds, peakRssMB } = sampler.stop();
 */
export class ProcSampler {
  readonly #pid: number;
  readonly #first: ProcSample | null;
  #peak: number | null;
  readonly #timer: NodeJS.Timeout;

  constructor(pid: number, intervalMs = 200) {
    this.#pid = pid;
    this.#first = readProc(pid, true);
    this.#peak = this.#first?.rssMB ?? null;
    this.#timer = setInterval(() => this.#peakOf(readProc(this.#pid)), intervalMs);
    this.#timer.unref();
  }

  #peakOf(sample: ProcSample | null): void {
    if (sample) this.#peak = Math.max(this.#peak ?? 0, sample.rssMB);
  }

  stop(): ProcWindow {
    clearInterval(this.#timer);
    // CPU is the difference of two precise readings (schedstat), never of a precise and a ticks one.
    const last = readProc(this.#pid, true);
    this.#peakOf(last);
    const cpu = this.#first && last ? last.cpuSeconds - this.#first.cpuSeconds : null;
    return { cpuSeconds: cpu, peakRssMB: this.#peak };
  }
}
