/**
 * How one block was measured, in words: the load, the targets' lifetimes, warm-up, rounds and the
 * ratio. The run writes it into the block's `method` (the results keep it), so it lives beside the
 * runner that knows the load's shape (rooms, pacing, the capacity ramp); report/method.ts prints it.
 */
import { BASELINE, FANOUT_ENV } from '../model/defaults.js';
import { P95_LIMIT_MS, ROOM_SIZE } from '../load/ws-capacity.js';
import { SAFE_RATE_PER_SOCKET } from '../load/ws-client.js';
import { int } from '../report/format.js';
import { lifetimes } from '../report/method.js';
import { CAPACITY_HOLD_S } from './plan.js';
import { DB_POOL_SIZE } from '@repo/db';
import { usesDatabase } from '../model/scenario-list.js';
import type { BenchPostgres } from '../targets/postgres.js';
import type { BlockMeasure } from '../model/measure.js';
import type { Settings } from '../model/schema.js';

const lifted = Object.entries(FANOUT_ENV)
  .map(([k, v]) => `${k}=${v}`)
  .join(', ');

/**
 * The database every database scenario read, for its method line: PostgreSQL's version and fixed
 * configuration, the apps' pools, where it ran.
 */
export function databaseMethod(pg: Pick<BenchPostgres, 'version' | 'settings' | 'pinning'>): string {
  const where = pg.pinning === 'unpinned' ? 'unpinned' : `pinned to ${pg.pinning} with the load generator`;
  return (
    `${pg.version} (one for the run, seeded with 10,000 world rows; shared_buffers ${pg.settings.shared_buffers}, ` +
    `max_connections ${pg.settings.max_connections}, fsync off, synchronous_commit on), ${where}; ` +
    `postgres.js pool of ${DB_POOL_SIZE} per process, prepared statements`
  );
}

/** How one block was measured, for its table's method line (`database`: {@link databaseMethod}). */
export function blockMethod(m: BlockMeasure, s: Settings, capacityCap: number, database?: string): string {
  const base = m.plan.variant.base;
  if (base === 'ws-capacity') {
    return (
      `each app ramped once on a fresh process: +${int(s.capacityStep)} clients per step (rooms of ${ROOM_SIZE}) up to ${int(capacityCap)}, ` +
      `after each step broadcast waves for ${CAPACITY_HOLD_S} s (one chat.send per room at once; round trip = send → result); ` +
      `stops when the p95 round trip passes ${P95_LIMIT_MS} ms, a message is lost, a client cannot connect, or at the cap; chat fan-out caps lifted (${lifted})`
    );
  }
  const load =
    base === 'ws-echo'
      ? `${s.connections} callers in a closed loop over 25 sockets each`
      : base === 'ws-broadcast'
        ? `${s.connections} members of one room, each sending in a closed loop (≤ ${SAFE_RATE_PER_SOCKET}/s per socket); chat fan-out caps lifted (${lifted})`
        : `${s.connections} connections${m.plan.variant.pipelining > 1 ? `, ${m.plan.variant.pipelining} pipelined` : ', no pipelining'}`;
  // Every table names what drove its load; pipelined variants stay on autocannon (see load/scenarios.ts).
  const by = m.generator
    ? `, load by ${m.generator}${m.plan.variant.pipelining > 1 && m.generator.startsWith('autocannon') ? ' (wrk pipelines only through a Lua hook)' : ''}`
    : '';
  const adaptive =
    s.maxRounds > s.minRounds
      ? `${s.minRounds} rounds for every target, then rounds for those still wider than ±${(s.target * 100).toFixed(0)} % until the time was up (${m.rounds} in all)`
      : `${m.rounds} rounds`;
  const db = database && usesDatabase(base) ? `; ${database}` : '';
  return (
    `${load}${by}${db}; ${m.cells.length} targets${lifetimes(s)}, ${s.warmupS} s warm-up each time, then ${adaptive} of ${s.sampleS} s samples, ` +
    `each round in a fresh random order with ${BASELINE} in every one; ratio = median of the per-round ratios to ${BASELINE}, ` +
    `with its 95 % order-statistic interval${(s.lives ?? 1) > 1 ? ' widened by the spread between the lifetimes' : ''}`
  );
}
