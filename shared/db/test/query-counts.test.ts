/**
 * "One query per row", proven the way TechEmpower's verifier does it: pg_stat_statements counts the
 * statements PostgreSQL ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStatementCounter, type Database, type StatementCounter } from '../src/index.js';
import { noPostgres, openPostgres } from './backends.js';

describe.skipIf(noPostgres)('query counts through postgres.js (pg_stat_statements)', () => {
  let db: Database;
  let done: () => Promise<void>;
  let stats: StatementCounter;
  beforeAll(async () => {
    const opened = await openPostgres();
    ({ db, done } = opened);
    stats = await openStatementCounter(opened.server.url);
  }, 60_000);
  afterAll(async () => {
    await stats?.end();
    await done?.();
  });

  const counts = () => stats.worldCounts();
  const reset = () => stats.reset();

  it('worlds(20) called k times runs 20·k single-row selects and nothing else', async () => {
    await reset();
    for (let k = 0; k < 5; k++) await db.worlds(20);
    expect(await counts()).toEqual({ selects: 100, updates: 0, all: 100 });
    expect(await stats.worldRowsRead()).toBe(100);
  });

  it('updateWorlds(20) runs its 20 selects and one update', async () => {
    await reset();
    for (let k = 0; k < 3; k++) await db.updateWorlds(20);
    expect(await counts()).toEqual({ selects: 60, updates: 3, all: 63 });
  });
});
