/**
 * The method lines: one per scenario table (machine, Node, pinning, the generator's ceiling, how the
 * scenario was sampled, the noise measured while it ran, the date), and one for the run. How a block
 * was sampled is written by the run (run/block-method.ts) into its block; this file only reads it.
 */
import { BASELINE } from '../model/defaults.js';
import { noiseText } from '../stats/noise.js';
import { int } from './format.js';
import type { Block, Run, RunEnv, Settings } from '../model/schema.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

/** "started once", or how many fresh processes per target shared the minimum rounds. */
export function lifetimes(s: Settings): string {
  const lives = s.lives ?? 1;
  return lives > 1
    ? ` each started ${lives} times (a fresh process for every ${Math.ceil(s.minRounds / lives)} of the first ${s.minRounds} rounds)`
    : ' started once';
}

function machine(run: Pick<Run, 'env' | 'generator'>): string {
  const { env, generator } = run;
  const ceiling = generator
    ? `; generator ceiling ≈ ${int(generator.ceiling)} req/s (against ${generator.target}: ${int(generator.rate)} req/s at ${pct(generator.cpu)} of its CPU)`
    : '';
  return `${env.cpu}, ${env.cores} cores, ${env.os}; servers on Node ${env.serverNodes.join(', ')}; ${env.pinning}${ceiling}`;
}

function stamp(run: Pick<Run, 'env' | 'quick' | 'partial'>): string {
  const quick = run.quick ? ' — quick run, indicative only' : '';
  return `${run.env.date.slice(0, 16).replace('T', ' ')} UTC${quick}${run.partial ? ' — PARTIAL (interrupted)' : ''}`;
}

/** The method line above one scenario's table (and in its slide partial). */
export function scenarioMethodLine(run: Run, block: Block): string {
  const noise =
    block.compareBy === 'capacity'
      ? `run's machine noise: ${run.noise.level}`
      : `noise while it ran: canary CV ${pct(block.canaryCv)}, ${BASELINE} CV ${pct(block.baselineCv)} (run: ${run.noise.level})`;
  return `Method: ${machine(run)}; ${block.method}; ${noise}; ${stamp(run)}`;
}

/** The run's own method line (README, latest.md head). */
export function methodLine(
  run: Pick<Run, 'env' | 'generator' | 'noise' | 'quick' | 'partial' | 'settings'>,
): string {
  const s = run.settings;
  return (
    `Method: ${machine(run)}; every scenario's targets${lifetimes(s)}, warmed ${s.warmupS} s each time, then sampled ${s.sampleS} s at a time in interleaved rounds ` +
    `(${s.minRounds}${s.maxRounds > s.minRounds ? `–${s.maxRounds}` : ''} per target, ${BASELINE} in every round) until each ratio's 95 % interval${(s.lives ?? 1) > 1 ? ' (widened by the spread between lifetimes)' : ''} is within ±${(s.target * 100).toFixed(0)} % or the time is up; ` +
    `${noiseText(run.noise)}; ${stamp(run)}`
  );
}

/** The commit a run measured, 7 hex digits (`-dirty` kept from older files); null outside git. */
export function shortCommit(env: Pick<RunEnv, 'git' | 'gitCommit'>): string | null {
  if (env.git) return env.git.short;
  return env.gitCommit === null ? null : env.gitCommit.replace(/^([0-9a-f]{7})[0-9a-f]*/, '$1');
}

/** The commit to compare later code against: the full hash, or the older files' 12 digits without `-dirty`. */
export function measuredCommit(env: Pick<RunEnv, 'git' | 'gitCommit'>): string | null {
  return env.git?.commit ?? env.gitCommit?.replace(/-dirty$/, '') ?? null;
}

/** `apps/express-app/src/app.ts` → `apps/express-app`; the bench's own files → `bench`. */
function area(file: string): string {
  const parts = file.split('/');
  if ((parts[0] === 'apps' || parts[0] === 'shared') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0] === 'bench' ? 'bench' : file;
}

/**
 * "⚠ measured on abc1234; apps/express-app and bench changed since": said beside results whose
 * code has moved on (`changed`: the files of the measured code changed in commits since).
 */
export function staleNote(short: string, changed: readonly string[]): string {
  const areas = [...new Set(changed.map(area))];
  const named =
    areas.length <= 3
      ? areas.length === 1
        ? areas[0]!
        : `${areas.slice(0, -1).join(', ')} and ${areas.at(-1)!}`
      : `${areas.slice(0, 3).join(', ')} and ${areas.length - 3} more`;
  return `⚠ measured on ${short}; ${named} changed since`;
}
