/**
 * How noisy the machine was during a run, from two measurements taken while it ran: the canary's
 * spread on the server core (the host, independent of any app) and the baseline's own spread
 * between samples (the whole path: loopback, generator, server). Quiet means both were low enough
 * that ±5 % intervals are within reach.
 */
import { NOISY_BASELINE_CV, QUIET_CANARY_CV } from '../model/defaults.js';
import { cv, median } from './stats.js';
import type { Block, Run } from '../model/schema.js';

/** The run's noise summary from its blocks (capacity blocks carry neither figure). */
export function noiseOf(blocks: readonly Block[]): Run['noise'] {
  const canaryCv = cv(blocks.flatMap((b) => b.canaryMs));
  const cvs = blocks.map((b) => b.baselineCv).filter((c): c is number => c !== null);
  const baselineCv = cvs.length > 0 ? median(cvs) : null;
  const level =
    canaryCv === null || baselineCv === null
      ? 'unknown'
      : canaryCv <= QUIET_CANARY_CV && baselineCv <= NOISY_BASELINE_CV
        ? 'quiet'
        : 'noisy';
  return { level, canaryCv, baselineCv };
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

/** "machine noise: canary CV 2.1 %, node-http-app CV 4.3 % (median over scenarios): quiet". */
export function noiseText(noise: Run['noise']): string {
  return `machine noise: canary CV ${pct(noise.canaryCv)} on the server core, baseline CV ${pct(noise.baselineCv)} (median over scenarios): ${noise.level}`;
}
