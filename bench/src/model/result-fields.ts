/** Reading a result: its headline number and the interval its block ranks by (statistics and reports alike). */
import type { Block, Interval, Result } from './schema.js';

/** The headline median of a result, whichever field holds it. */
export function headline(r: Result): number | null {
  return (r.rps ?? r.msgs ?? r.clients)?.median ?? null;
}

/** The interval a block ranks by, for one result. */
export function comparison(r: Result, by: Block['compareBy']): Interval | null {
  return by === 'cpuRatio' ? r.cpuRatio : by === 'ratio' ? r.ratio : null;
}
