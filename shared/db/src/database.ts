/**
 * What TechEmpower's database routes need, written once over a driver that only runs one statement:
 * the per-row queries, the batched update and the overload bound live here, the driver file only
 * connects and maps its errors.
 */
import type { Fortune } from '@repo/fixtures';
import { DatabaseUnavailableError } from './errors.js';
import { randomWorldId } from './random.js';
import { SELECT_FORTUNES_SQL, SELECT_WORLD_SQL, UPDATE_WORLDS_SQL } from './sql.js';

export interface World {
  id: number;
  randomNumber: number;
}

export interface Database {
  /** One row by id. */
  world(id: number): Promise<World>;
  /** `n` random rows: `n` single-row SELECTs run concurrently on the pool (never `IN`). */
  worlds(n: number): Promise<World[]>;
  /**
   * `n` random rows read one by one, each given a new random number, written with one UPDATE;
   * resolves with the new values once that UPDATE has committed.
   */
  updateWorlds(n: number): Promise<World[]>;
  /** The rows of `fortune`, in table order (the route adds its own row and sorts). */
  fortunes(): Promise<Fortune[]>;
  close(): Promise<void>;
}

/**
 * Queries started but not settled, across the pool. postgres.js queues without a limit, so beyond
 * this the database answers DatabaseUnavailableError at once instead of growing memory: 16,384
 * covers TechEmpower's heaviest load (512 connections × 20 queries) with room to spare.
 */
export const MAX_PENDING_QUERIES = 16_384;

/** A driver: runs one parameterised statement (prepared where the driver can) and returns its rows. */
export interface Driver {
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  /** Runs several statements at once (the schema), with no parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** The Database over a driver; every failure becomes DatabaseUnavailableError. */
export function databaseOver(driver: Driver, maxPending = MAX_PENDING_QUERIES): Database {
  let pending = 0;
  const run = async <T>(count: number, work: () => Promise<T>): Promise<T> => {
    if (pending + count > maxPending)
      throw new DatabaseUnavailableError(`more than ${maxPending} queries waiting`);
    pending += count;
    try {
      return await work();
    } catch (err) {
      throw err instanceof DatabaseUnavailableError ? err : new DatabaseUnavailableError(err);
    } finally {
      pending -= count;
    }
  };
  const selectWorld = async (id: number) => {
    const [row] = await driver.query<World>(SELECT_WORLD_SQL, [id]);
    if (!row) throw new DatabaseUnavailableError(`world ${id} is missing: is the database seeded?`);
    return row;
  };
  const randomWorlds = (n: number) =>
    Promise.all(Array.from({ length: n }, () => selectWorld(randomWorldId())));

  return {
    world: (id) => run(1, () => selectWorld(id)),
    worlds: (n) => run(n, () => randomWorlds(n)),
    updateWorlds: (n) =>
      run(n + 1, async () => {
        const worlds = await randomWorlds(n);
        // A Map keeps one new number per id, so a row drawn twice reports what was stored.
        const next = new Map<number, number>();
        for (const w of worlds) next.set(w.id, randomWorldId());
        const ids = [...next.keys()].sort((a, b) => a - b);
        await driver.query(UPDATE_WORLDS_SQL, [ids, ids.map((id) => next.get(id)!)]);
        return worlds.map((w) => ({ id: w.id, randomNumber: next.get(w.id)! }));
      }),
    fortunes: () => run(1, () => driver.query<Fortune>(SELECT_FORTUNES_SQL, [])),
    close: () => driver.close(),
  };
}
