/**
 * Does one ladder step meet the latency target, and may it be judged at all?
 *
 * - **generator-limited** (excluded from every verdict): the generator, not the server, decided
 *   the outcome. Either it had no headroom (busy ≥ 90 % of the run: it read answers late, which no
 *   lag shows), or its connections ran out while the server still had headroom (Little's law:
 *   offered rate × mean corrected latency above the connection count, the pool busy ≥ 90 % of the
 *   time, the server's CPU under 90 % — or, when its CPU is unknown, a rate below the baseline's
 *   closed-loop capacity), or it missed the target by no more than its own lateness (dispatch lag
 *   p99 above a tenth of the SLO, and corrected p99 − that lag ≤ SLO).
 * - **misses**: any error, timeout or non-2xx answer, or corrected p99 above the SLO.
 * - **meets**: otherwise — also when the generator ran late: its lateness only adds to the
 *   corrected latency, so a step that met the target despite it met it.
 *
 * Why a late generator does not void a pass: on a shared VM both cores lose a few ms to the host
 * several times a second (a busy loop pinned on either core sees 1.7–3 ms gaps), so the generator's
 * dispatch lag p99 is often over a tenth of a 5 ms SLO while it works a third of the time; voiding
 * every such step would leave nothing judged, and only a miss can be the generator's doing.
 *
 * Why Little's law alone does not make a step generator-limited: with a fixed pool, a server
 * that stalls or is overloaded also leaves requests waiting for a connection — a single-threaded
 * server's queue simply sits in the client instead of its socket buffers, and the corrected
 * latency is the same either way. A stalled server leaves the pool mostly idle between stalls
 * (test/latency-stall.test.ts: 48 needed in flight against 4 connections, 2.4 on the wire), and
 * an overloaded one runs its core flat out (open loop costs a server more per request than closed
 * loop, so it saturates well below its closed-loop capacity); both are the server's misses. Only a
 * pool that is full all the time while the server has CPU to spare says "too few connections".
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
> & {
  /** The server's CPU over the step (1 = its core); null or absent when not measured. */
  serverCpu?: number | null;
};

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

/** A server using this much of its core has no headroom: a full pool is its queue, not the client's. */
export const SERVER_SATURATED = 0.9;

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
  if (m.generatorBusy >= GENERATOR_BUSY_MAX) {
    limited.push(`the generator had no headroom: busy ${Math.round(100 * m.generatorBusy)} % of the run`);
  }
  const poolFull = m.inFlightOnWire >= POOL_FULL * m.connections;
  const serverHadRoom =
    m.serverCpu == null ? m.offeredRate < limits.baselineRps : m.serverCpu < SERVER_SATURATED;
  if (!m.connectionsEnough && poolFull && serverHadRoom) {
    limited.push(
      `${m.connections} connections were too few while the server had headroom (pool ${Math.round((100 * m.inFlightOnWire) / m.connections)} % busy)`,
    );
  }
  if (limited.length > 0) return { verdict: 'generator-limited', reasons: limited };
  const misses: string[] = [];
  const failed = m.errors + m.timeouts + m.non2xx;
  if (failed > 0) misses.push(`${m.errors} errors, ${m.timeouts} timeouts, ${m.non2xx} non-2xx`);
  if (!(m.corrected.p99 <= limits.sloMs))
    misses.push(`corrected p99 ${ms(m.corrected.p99)} > SLO ${ms(limits.sloMs)}`);
  if (misses.length === 0) return { verdict: 'meets' };
  // A latency miss by no more than the generator's own lateness may be the generator's.
  if (failed === 0 && m.dispatchLag.p99 > maxLag && m.corrected.p99 - m.dispatchLag.p99 <= limits.sloMs) {
    return {
      verdict: 'generator-limited',
      reasons: [
        `the generator ran late: dispatch lag p99 ${ms(m.dispatchLag.p99)} > ${ms(maxLag)}, and corrected p99 ${ms(m.corrected.p99)} is within it of the SLO`,
      ],
    };
  }
  return { verdict: 'misses', reasons: misses };
}
