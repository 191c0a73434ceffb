/** Reading a result: the interval its block ranks by (statistics and reports alike). */
import type { Block, Interval, Result } from './schema.js';

/** The interval a block ranks by, for one result. */
export function comparison(r: Result, by: Block['compareBy']): Interval | null {
  return by === 'cpuRatio' ? r.cpuRatio : by === 'ratio' ? r.ratio : null;
}
