/**
 * How noisy the machine was during a run, from two measurements taken while it ran: the canary's
 * spread on the server core (the host, independent of any app) and the baseline's own spread
 * between samples (the whole path: loopback, generator, server). Quiet means both were low enough
 * that ±5 % intervals are within reach — and that the intervals came out so: a run whose tables
 * carry † (wider than the target) on most of their rows is noisy whatever the canary said, since a
 * table like that cannot rank anything (issue 20: no table may carry † on most of its cells). The
 * canary alone missed it: a run of 2026-12-06 (21-26-06) had canary CV 2.2 % and † on 9 of 10
 * plaintext rows.
 */
import { NOISY_BASELINE_CV, QUIET_CANARY_CV } from '../model/defaults.js';
import { cv, median } from './stats.js';
import type { Block, Run } from '../model/schema.js';

/**
 * The run's noise summary from its blocks (capacity blocks carry neither figure) and the tables
 * whose rows mostly missed the interval target (`wideTables`).
 */
export function noiseOf(blocks: readonly Block[], wide: readonly string[] = []): Run['noise'] {
  const canaryCv = cv(blocks.flatMap((b) => b.canaryMs));
  const cvs = blocks.map((b) => b.baselineCv).filter((c): c is number => c !== null);
  const baselineCv = cvs.length > 0 ? median(cvs) : null;
  const level =
    canaryCv === null || baselineCv === null
      ? 'unknown'
      : canaryCv <= QUIET_CANARY_CV && baselineCv <= NOISY_BASELINE_CV
        ? wide.length > 0
          ? 'noisy'
          : 'quiet'
        : 'noisy';
  return { level, canaryCv, baselineCv, ...(wide.length > 0 && { wide: [...wide] }) };
}

/**
 * The tables on most of whose rows (more than half; the baseline, failed rows and rows without an
 * interval not counted) the ratio stayed wider than the target: `converged` is false there.
 *
 * @example wideTables([{ table: 'plaintext', converged: false }, …]) // ['plaintext']
 */
export function wideTables(rows: readonly { table: string; converged: boolean | null }[]): string[] {
  const count = new Map<string, { wide: number; n: number }>();
  for (const r of rows) {
    if (r.converged === null) continue;
    const c = count.get(r.table) ?? { wide: 0, n: 0 };
    c.n += 1;
    if (!r.converged) c.wide += 1;
    count.set(r.table, c);
  }
  return [...count].filter(([, c]) => c.wide * 2 > c.n).map(([table]) => table);
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

/** "machine noise: canary CV 2.1 %, node-http-app CV 4.3 % (median over scenarios): quiet". */
export function noiseText(noise: Run['noise']): string {
  const wide = noise.wide?.length ? `; † on most rows of ${noise.wide.join(', ')}` : '';
  return `machine noise: canary CV ${pct(noise.canaryCv)} on the server core, baseline CV ${pct(noise.baselineCv)} (median over scenarios)${wide}: ${noise.level}`;
}
