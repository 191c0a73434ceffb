/**
 * "One query per row", proven the way TechEmpower's verifier does it: pg_stat_statements counts the
 * statements PostgreSQL ran.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/index.js';
import { noPostgres, openPostgres } from './backends.js';

describe.skipIf(noPostgres)('query counts through postgres.js (pg_stat_statements)', () => {
  let db: Database;
  let done: () => Promise<void>;
  let stats: postgres.Sql;
  beforeAll(async () => {
    const opened = await openPostgres();
    ({ db, done } = opened);
    stats = postgres(opened.server.url, { max: 1, onnotice: () => {} });
    await stats`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;
  }, 60_000);
  afterAll(async () => {
    await stats?.end();
    await done?.();
  });

  /** Calls per statement on the world table since the last reset, by kind. */
  const counts = async () => {
    const rows = await stats<{ query: string; calls: string }[]>`
      SELECT query, calls FROM pg_stat_statements WHERE query ILIKE '%world%'`;
    const sum = (re: RegExp) => rows.filter((r) => re.test(r.query)).reduce((n, r) => n + Number(r.calls), 0);
    return { selects: sum(/^SELECT/i), updates: sum(/^UPDATE/i), all: sum(/./) };
  };
  const reset = () => stats`SELECT pg_stat_statements_reset()`;

  it('worlds(20) called k times runs 20·k single-row selects and nothing else', async () => {
    await reset();
    for (let k = 0; k < 5; k++) await db.worlds(20);
    expect(await counts()).toEqual({ selects: 100, updates: 0, all: 100 });
    const [row] = await stats<{ rows: string }[]>`
      SELECT sum(rows) AS rows FROM pg_stat_statements WHERE query ILIKE 'SELECT%world%'`;
    expect(Number(row!.rows)).toBe(100);
  });

  it('updateWorlds(20) runs its 20 selects and one update', async () => {
    await reset();
    for (let k = 0; k < 3; k++) await db.updateWorlds(20);
    expect(await counts()).toEqual({ selects: 60, updates: 3, all: 63 });
  });
});
