/** A step of a fake single-server queue, for the capacity search's tests (no load is run). */
import type { StepMeasure } from '../src/latency/verdict.js';

/**
 * p99 = 0.5 ms ÷ (1 − rate / capacity), the queueing knee of a single server: with a 5 ms SLO it
 * meets the target up to 90 % of its capacity, exactly; at or past capacity the pool fills.
 */
export function queueStep(rate: number, capacity: number): StepMeasure {
  const rho = rate / capacity;
  const p99 = rho >= 1 ? 10_000 : 0.5 / (1 - rho);
  return {
    offeredRate: rate,
    corrected: { p50: p99 / 4, p90: p99 / 2, p99, p999: p99 * 2, mean: p99 / 4, max: p99 * 3 },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    dispatchLag: { p99: 0.05, max: 0.3 },
    generatorBusy: 0.5,
    connections: 100,
    connectionsEnough: rho < 1,
    inFlightOnWire: rho < 1 ? 20 : 100,
  };
}
