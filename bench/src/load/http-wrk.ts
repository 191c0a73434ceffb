/**
 * The HTTP scenarios' closed-loop load with wrk (load/wrk.ts), and which HTTP generator a run uses.
 * wrk runs as its own process pinned to the generator's CPUs, so its CPU share is its own; any wrk
 * error, non-2xx or timeout is a problem of the sample (an invalid sample, never a number).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { httpPath } from './http-scenarios.js';
import { loadWrk, toLoadOutcome, wrkAvailable, WrkMissingError } from './wrk.js';
import type { BaseScenario } from '../model/scenario-list.js';
import type { HttpGenerator, LoadOptions, LoadOutcome } from '../model/load-types.js';

/**
 * wrk's -d takes whole seconds: a load phase of `seconds` runs this long with wrk (at least 1 s).
 *
 * @example wrkSeconds(0.4) // 1
 */
export const wrkSeconds = (seconds: number): number => Math.max(1, Math.round(seconds));

/**
 * wrk threads for `connections` over `cpus` generator CPUs: the most threads ≤ cpus that divide the
 * connections (wrk silently drops a remainder).
 *
 * @example wrkThreads(100, 3) // 2
 */
export function wrkThreads(connections: number, cpus: number): number {
  for (let t = Math.max(1, Math.min(cpus, connections)); t > 1; t--) if (connections % t === 0) return t;
  return 1;
}

/** `wrk 4.1.0` from `wrk -v` (which exits 1 after printing its version). */
function wrkVersion(path: string): string {
  let out = '';
  try {
    out = execFileSync(path, ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    out = (err as { stdout?: string }).stdout ?? '';
  }
  const version = /(\d+\.\d+(?:\.\d+)?)/.exec(out)?.[1];
  return version ? `wrk ${version}` : 'wrk';
}

/** `autocannon 9.0.0`, from its package.json. */
export function autocannonLabel(): string {
  try {
    const pkg = createRequire(import.meta.url)('autocannon/package.json') as { version: string };
    return `autocannon ${pkg.version}`;
  } catch {
    return 'autocannon';
  }
}

/**
 * The HTTP generator for a run: wrk when asked for and installed, else autocannon. A fallback from
 * wrk is said out loud through `warn` (with how to install wrk), and the run then is not full.
 */
export function chooseHttpGenerator(
  wanted: 'wrk' | 'autocannon',
  cpus: string | null,
  warn: (line: string) => void,
): HttpGenerator {
  if (wanted === 'wrk') {
    const path = wrkAvailable();
    if (path) return { tool: 'wrk', label: wrkVersion(path), cpus };
    warn(
      `${new WrkMissingError().message}. Falling back to autocannon: it cannot saturate the fastest servers, so this run will not feed the deck or the README.`,
    );
  }
  return { tool: 'autocannon', label: autocannonLabel(), cpus: null };
}

/**
 * One wrk phase against the scenario's path. wrk's failures (it could not connect, it was killed)
 * become problems of the sample like its error counts, so the cell is invalid, not the run.
 */
export async function loadHttpWrk(
  base: BaseScenario,
  options: LoadOptions,
  generator: HttpGenerator,
): Promise<LoadOutcome> {
  const seconds = wrkSeconds(options.seconds);
  const threads = wrkThreads(options.connections, options.workers ?? 1);
  try {
    const result = await loadWrk(`http://127.0.0.1:${options.port}${httpPath(base)}`, {
      connections: options.connections,
      seconds,
      threads,
      signal: options.signal,
      ...(generator.cpus !== null && { cpus: generator.cpus }),
    });
    options.onRate?.(result.rate);
    return {
      ...toLoadOutcome(result),
      seconds: result.seconds,
      ...(result.cpuShare !== null && { generatorCpu: result.cpuShare }),
    };
  } catch (err) {
    return {
      value: 0,
      p50: NaN,
      p99: NaN,
      mean: NaN,
      throughputMBs: null,
      problems: [`wrk: ${(err as Error).message}`],
      notes: [],
    };
  }
}
