/**
 * WORKERS × pool against a real PostgreSQL: each worker opens its own pool of DB_POOL_SIZE and the
 * primary none, so WORKERS=2 holds at most 16 connections under load, and SIGTERM releases them all.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_POOL_SIZE, seedDatabase } from '@repo/db';
import { builtFile } from '@repo/fixtures';
import { skipWithoutPostgres, startPostgres, type PostgresServer } from '@repo/harness';
import { spawnEntry, stopEntry } from '../src/built-entry.js';
import { connectionsOf, expectReleased, loadQueries, namedUrl } from '../src/db-connections.js';

describe.skipIf(skipWithoutPostgres())('WORKERS=2 with DATABASE_URL', () => {
  let pg: PostgresServer | undefined;
  let sql: postgres.Sql | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
    await seedDatabase(pg.url);
    sql = postgres(pg.url, { max: 1, onnotice: () => {} });
  }, 60_000);
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
    await pg?.stop();
  });

  it(`GET /queries?queries=20 under load opens at most 2 × ${DB_POOL_SIZE} connections; SIGTERM releases them`, async () => {
    const name = 'koa-app-workers';
    const app = await spawnEntry(
      builtFile('koa-app'),
      { DATABASE_URL: namedUrl(pg!.url, name), WORKERS: '2' },
      20_000,
    );
    try {
      await loadQueries(app.url, 40, 4);
      const open = await connectionsOf(sql!, name);
      // More than one pool's worth: both workers served and each opened its own.
      expect(open).toBeGreaterThan(DB_POOL_SIZE);
      expect(open).toBeLessThanOrEqual(2 * DB_POOL_SIZE);
    } finally {
      expect(await stopEntry(app.child)).toBe(0);
    }
    expect(app.output()).not.toContain('database per worker');
    await expectReleased(sql!, name);
  }, 60_000);
});

describe('WORKERS=2 without DATABASE_URL', () => {
  it('the start-up line says each worker has its own database (an embedded PGlite each)', async () => {
    const app = await spawnEntry(builtFile('koa-app'), { DATABASE_URL: undefined, WORKERS: '2' }, 20_000);
    try {
      expect(app.output()).toMatch(/with 2 workers, .*, database per worker: set DATABASE_URL to share it/);
    } finally {
      expect(await stopEntry(app.child)).toBe(0);
    }
  }, 30_000);
});
