/**
 * Closed-loop HTTP load with wrk (https://github.com/wg/wrk), because the server must be the
 * bottleneck. On the 2-core bench machine (server pinned to cpu0, generator to cpu1) autocannon
 * could not saturate the fastest servers: node:http sat at 81–89 % of its core. wrk 4.x `-t1 -c100`
 * saturates every app (98–100 % of the server's core) at 49–80 % of its own core.
 *
 * wrk's human summary is not parsed: `bench/wrk/report.lua` is wrk's `done()` hook and prints one
 * `WRK_JSON {...}` line (counts, error kinds, latency percentiles in µs, wrk's own CPU ticks). It has
 * no `response()` hook on purpose: wrk counts status > 399 in `errors.status` itself, and a per-response
 * Lua call would slow the generator down. Any error, status ≥ 400, timeout or early stop lands in
 * `problems`: such a cell is a failed cell, never a number.
 *
 * autocannon stays for fixed-rate (open-loop) latency runs and for machines without wrk.
 *
 * @example
 * const result = await loadWrk('http://127.0.0.1:3000/', { connections: 100, seconds: 10, cpus: '1' });
 * if (result.problems.length === 0) console.log(result.rate, result.p99Ms, result.cpuShare);
 */
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadOutcome } from '../model/load-types.js';
import { parseWrkOutput, type WrkResult } from './wrk-result.js';

export type { WrkResult } from './wrk-result.js';

/** From src/load/ and from dist/load/ alike: the script is not copied by tsc. */
const REPORT_LUA = fileURLToPath(new URL('../../wrk/report.lua', import.meta.url));

/** wrk's own per-request timeout: a slower response counts in `errors.timeout` (a problem). */
const TIMEOUT = '10s';

/** wrk is not installed (or not at the given path); the message says how to install it. */
export class WrkMissingError extends Error {
  constructor(path = 'wrk') {
    super(
      `wrk not found (${path}): install it with \`apt-get install -y wrk\` (Debian/Ubuntu) or ` +
        '`brew install wrk` (macOS), or run the bench with autocannon',
    );
    this.name = 'WrkMissingError';
  }
}

export interface WrkOptions {
  connections: number;
  /** Whole seconds (wrk's -d takes no fractions). */
  seconds: number;
  /** wrk threads, default 1; `connections` must be a multiple. */
  threads?: number;
  /** taskset CPU list for wrk (e.g. '1'); ignored, with a note, where taskset is missing. */
  cpus?: string;
  /** SIGINT to wrk: it stops and still prints its summary (a result with an "aborted" problem). */
  signal?: AbortSignal;
  /** Default: `wrk` on PATH. */
  wrkPath?: string;
}

/**
 * The path of an executable on PATH, or null.
 *
 * @example which('taskset') // '/usr/bin/taskset' on Linux, null on macOS
 */
function which(command: string): string | null {
  const dirs = command.includes('/') ? [''] : (process.env.PATH ?? '').split(delimiter);
  for (const dir of dirs) {
    const path = dir ? join(dir, command) : command;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * wrk's path when it is installed, else null (callers fall back to autocannon or skip).
 *
 * @example if (!wrkAvailable()) console.warn(new WrkMissingError().message);
 */
export function wrkAvailable(): string | null {
  return which('wrk');
}

/** Clock ticks per second, for the CPU ticks the Lua hook reads (100 on almost every Linux). */
let clkTck: number | undefined;
function clockTicks(): number {
  try {
    clkTck ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    clkTck = 100;
  }
  return clkTck;
}

function abortError(): Error {
  return new DOMException('wrk was aborted before it printed a result', 'AbortError');
}

/**
 * Runs wrk closed-loop against `url` and returns what it measured. Rejects with
 * `WrkMissingError` when wrk is missing, with an `AbortError` when aborted before wrk could print
 * (an abort once it runs resolves with a result whose problems say so), and with wrk's own message
 * when it fails (e.g. "unable to connect").
 *
 * @example
 * const r = await loadWrk('http://127.0.0.1:3000/plaintext', { connections: 100, seconds: 10, cpus: '1' });
 * console.log(`${r.rate.toFixed(0)} req/s, wrk at ${Math.round((r.cpuShare ?? NaN) * 100)} % of its core`);
 */
export async function loadWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const { connections, seconds, threads = 1, cpus, signal } = options;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be ≥ 1, not ${threads}`);
  if (!Number.isInteger(connections) || connections < threads || connections % threads !== 0) {
    // wrk gives each thread connections / threads and silently drops the remainder.
    throw new RangeError(`connections (${connections}) must be a multiple of threads (${threads})`);
  }
  if (!Number.isInteger(seconds) || seconds < 1)
    throw new RangeError(`seconds must be a whole number ≥ 1, not ${seconds}`);
  const wrk = options.wrkPath ?? wrkAvailable();
  if (!wrk || !which(wrk)) throw new WrkMissingError(wrk ?? 'wrk');
  if (signal?.aborted) throw abortError();

  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', TIMEOUT];
  args.push('-s', REPORT_LUA, url);
  const notes: string[] = [];
  const taskset = cpus === undefined ? null : which('taskset');
  if (cpus !== undefined && !taskset) notes.push(`taskset missing: wrk not pinned to CPU ${cpus}`);
  // taskset execs wrk, so the child's pid is wrk's and SIGINT reaches wrk.
  const child = taskset
    ? spawn(taskset, ['-c', cpus!, wrk, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(wrk, args, { stdio: ['ignore', 'pipe', 'pipe'] });

  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const stop = () => child.kill('SIGINT');
  signal?.addEventListener('abort', stop, { once: true });
  // wrk ends by itself after `seconds` (plus up to one request timeout); a hung wrk is killed.
  const guard = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);

  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    const result = parseWrkOutput(stdout, { threads, clockTicks: clockTicks() });
    if (!result) {
      if (signal?.aborted) throw abortError();
      const message = (stderr || stdout).trim() || `no WRK_JSON line (exit ${code})`;
      throw new Error(`wrk failed (exit ${code}): ${message}`);
    }
    if (signal?.aborted)
      result.problems.push(`stopped early: aborted after ${result.seconds.toFixed(1)} s of ${seconds} s`);
    result.notes.push(...notes);
    return result;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new WrkMissingError(wrk);
    throw error;
  } finally {
    clearTimeout(guard);
    signal?.removeEventListener('abort', stop);
  }
}

/**
 * The bench's `LoadOutcome` from a wrk result: req/s as the value, latencies in ms, MB/s.
 *
 * @example const outcome = toLoadOutcome(await loadWrk(url, { connections: 100, seconds: 10 }));
 */
export function toLoadOutcome(result: WrkResult): LoadOutcome {
  return {
    value: result.rate,
    p50: result.p50Ms,
    p99: result.p99Ms,
    mean: result.meanMs,
    throughputMBs: result.seconds > 0 ? result.bytes / result.seconds / 1e6 : null,
    problems: [...result.problems],
    notes: [...result.notes],
  };
}
