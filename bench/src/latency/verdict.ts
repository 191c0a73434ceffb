/**
 * Does one ladder step meet the latency target, and may it be judged at all?
 *
 * - **generator-limited** (excluded from every verdict): the generator did not keep its schedule.
 *   Either its own event loop ran late (dispatch lag p99 above a tenth of the SLO: that lag is
 *   added to every corrected latency, so more would eat the budget the server is judged on), or it
 *   had no headroom (busy ≥ 90 % of the run: it read answers late, which no lag shows), or
 *   its connections ran out while the server still had headroom (Little's law: offered rate × mean
 *   corrected latency above the connection count, the pool busy ≥ 90 % of the time, at a rate
 *   below the baseline's closed-loop capacity).
 * - **misses**: any error, timeout or non-2xx answer, or corrected p99 above the SLO.
 * - **meets**: otherwise.
 *
 * Why Little's law alone does not make a step generator-limited: with a fixed pool, a server
 * that stalls or is overloaded also leaves requests waiting for a connection — a single-threaded
 * server's queue simply sits in the client instead of its socket buffers, and the corrected
 * latency is the same either way. A stalled server leaves the pool mostly idle between stalls
 * (test/latency-stall.test.ts: 48 needed in flight against 4 connections, 2.4 on the wire), and
 * an overloaded one runs at or above its closed-loop capacity; both are the server's misses. Only a
 * pool that is full all the time below capacity says "too few connections".
 */
import type { OpenLoopResult } from './open-loop.js';

/** What the verdict reads of a step's measurement. */
export type StepMeasure = Pick<
  OpenLoopResult,
  | 'offeredRate'
  | 'corrected'
  | 'errors'
  | 'timeouts'
  | 'non2xx'
  | 'dispatchLag'
  | 'generatorBusy'
  | 'connections'
  | 'connectionsEnough'
  | 'inFlightOnWire'
>;

export interface VerdictLimits {
  sloMs: number;
  /** The baseline's closed-loop capacity, req/s: above it an exhausted pool is the server's overload. */
  baselineRps: number;
  /** Dispatch lag p99 allowed, ms. Default a tenth of the SLO. */
  maxDispatchLagMs?: number;
}

/** A generator working this share of the run has no headroom left to keep a schedule. */
export const GENERATOR_BUSY_MAX = 0.9;

/** A pool busy this much of the time is full: the rate needed more connections. */
export const POOL_FULL = 0.9;

export type StepVerdict =
  | { verdict: 'meets' }
  | { verdict: 'misses'; reasons: string[] }
  | { verdict: 'generator-limited'; reasons: string[] };

const ms = (v: number): string => `${Math.round(v * 100) / 100} ms`;

/**
 * @example stepVerdict(result, { sloMs: 5, baselineRps: 80_000 }) // { verdict: 'misses', reasons: ['corrected p99 7.1 ms > SLO 5 ms'] }
 */
export function stepVerdict(m: StepMeasure, limits: VerdictLimits): StepVerdict {
  const maxLag = limits.maxDispatchLagMs ?? limits.sloMs / 10;
  const limited: string[] = [];
  if (m.dispatchLag.p99 > maxLag) {
    limited.push(`the generator ran late: dispatch lag p99 ${ms(m.dispatchLag.p99)} > ${ms(maxLag)}`);
  }
  if (m.generatorBusy >= GENERATOR_BUSY_MAX) {
    limited.push(`the generator had no headroom: busy ${Math.round(100 * m.generatorBusy)} % of the run`);
  }
  const poolFull = m.inFlightOnWire >= POOL_FULL * m.connections;
  if (!m.connectionsEnough && poolFull && m.offeredRate < limits.baselineRps) {
    limited.push(
      `${m.connections} connections were too few below capacity (pool ${Math.round((100 * m.inFlightOnWire) / m.connections)} % busy)`,
    );
  }
  if (limited.length > 0) return { verdict: 'generator-limited', reasons: limited };
  const misses: string[] = [];
  const failed = m.errors + m.timeouts + m.non2xx;
  if (failed > 0) misses.push(`${m.errors} errors, ${m.timeouts} timeouts, ${m.non2xx} non-2xx`);
  if (!(m.corrected.p99 <= limits.sloMs))
    misses.push(`corrected p99 ${ms(m.corrected.p99)} > SLO ${ms(limits.sloMs)}`);
  return misses.length > 0 ? { verdict: 'misses', reasons: misses } : { verdict: 'meets' };
}
