/**
 * The database part that needs a real PostgreSQL: the app's built entry runs with DATABASE_URL (so
 * the variable's wiring is under test too), and this file opens its own connection to read what the
 * app did. One PostgreSQL per app test file; skipped locally without PostgreSQL, a failure under CI.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DB_POOL_SIZE,
  openStatementCounter,
  QUERY_TIMEOUT_S,
  seedDatabase,
  type StatementCounter,
} from '@repo/db';
import { listen, type AppOptions } from '@repo/core';
import { skipWithoutPostgres, startPostgres, type PostgresServer } from '@repo/harness';
import { spawnEntry, stopEntry, type Spawned } from './built-entry.js';
import { expectError } from './assertions.js';
import { getRows } from './db-checks.js';
import { connectionsOf, expectReleased, loadQueries, namedUrl } from './db-connections.js';
import type { Target } from './types.js';

/** A database route answers 503 within this once PostgreSQL is gone: the client's statement backstop, plus slack. */
export const UNAVAILABLE_WITHIN_MS = QUERY_TIMEOUT_S * 1000 + 1000;

const DB_ROUTES = ['/db', '/queries?queries=5', '/updates?queries=5', '/db/fortunes'];

/**
 * Registers the PostgreSQL checks for one app: rows /updates returned are stored, one query per row
 * (pg_stat_statements, as TechEmpower's verifier counts), and 503 while the database is down with
 * the other routes serving, then recovery without restarting the app.
 */
export function describeDatabaseConformance(target: Target): void {
  describe.skipIf(skipWithoutPostgres())(`${target.name} with DATABASE_URL (PostgreSQL)`, () => {
    let pg: PostgresServer | undefined;
    let app: Spawned | undefined;
    let sql: postgres.Sql | undefined;
    let counter: StatementCounter | undefined;
    beforeAll(async () => {
      pg = await startPostgres();
      await seedDatabase(pg.url);
      app = await spawnEntry(target.builtEntry, { DATABASE_URL: pg.url }, 20_000);
      sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      counter = await openStatementCounter(pg.url);
    }, 60_000);
    afterAll(async () => {
      await counter?.end();
      await sql?.end({ timeout: 1 });
      if (app) await stopEntry(app.child);
      await pg?.stop();
    });

    const counts = () => counter!.worldCounts();

    it('GET /queries?queries=20 called k times runs 20·k single-row SELECTs; /updates adds one UPDATE per call', async () => {
      await counter!.reset();
      for (let k = 0; k < 3; k++) await getRows(`${app!.url}queries?queries=20`, 20);
      expect(await counts()).toEqual({ selects: 60, updates: 0, all: 60 });
      await counter!.reset();
      for (let k = 0; k < 2; k++) await getRows(`${app!.url}updates?queries=20`, 20);
      expect(await counts()).toEqual({ selects: 40, updates: 2, all: 42 });
    });

    it('the rows GET /updates answers are what PostgreSQL holds afterwards (read on another connection)', async () => {
      const rows = await getRows(`${app!.url}updates?queries=50`, 50);
      // A row drawn twice reports the number stored last, so each id has one expected value.
      const answered = new Map(rows.map((r) => [r.id, r.randomNumber]));
      const stored = await sql!<{ id: number; randomNumber: number }[]>`
        SELECT id, randomnumber AS "randomNumber" FROM world WHERE id = ANY(${[...answered.keys()]})`;
      expect(new Map(stored.map((r) => [r.id, r.randomNumber]))).toEqual(answered);
    });

    it('GET /db/fortunes reads the fortune table on each request: a row inserted is on the page, sorted and escaped', async () => {
      await sql!`INSERT INTO fortune (id, message) VALUES (9999, ${'<b>A row inserted by the test</b>'})`;
      try {
        const html = await (await fetch(`${app!.url}db/fortunes`)).text();
        expect(html).toContain(
          '<tr><td>9999</td><td>&lt;b&gt;A row inserted by the test&lt;/b&gt;</td></tr>',
        );
        // Sorted by message: "<" sorts before the letters of every seeded message.
        expect(html.indexOf('9999')).toBeLessThan(html.indexOf('<td>0</td>'));
      } finally {
        await sql!`DELETE FROM fortune WHERE id = 9999`;
      }
    });

    it('close() releases its PostgreSQL connections (in-process createServer, at most one pool of 8)', async () => {
      const name = `${target.name}-close`;
      // An HTTP app's createServer takes @repo/http-app's options; Target only knows core's.
      const options: AppOptions & { databaseUrl: string } = { databaseUrl: namedUrl(pg!.url, name) };
      const app = await target.createServer(options);
      try {
        const port = await listen(app.server, 0, '127.0.0.1');
        await loadQueries(`http://127.0.0.1:${port}/`);
        const open = await connectionsOf(sql!, name);
        expect(open).toBeGreaterThan(0);
        expect(open).toBeLessThanOrEqual(DB_POOL_SIZE);
      } finally {
        await app.close();
      }
      await expectReleased(sql!, name);
    }, 30_000);

    it(`PostgreSQL killed: the database routes answer 503 within ${UNAVAILABLE_WITHIN_MS} ms while / and /json serve; back without restarting the app`, async () => {
      await pg!.kill();
      for (const path of DB_ROUTES) {
        const started = performance.now();
        const res = await fetch(`${app!.url}${path.slice(1)}`);
        const ms = performance.now() - started;
        await expectError(res, 503, 'SERVICE_UNAVAILABLE');
        expect(ms, `${path} answered in ${ms.toFixed(0)} ms`).toBeLessThan(UNAVAILABLE_WITHIN_MS);
      }
      for (const path of ['', 'json']) expect((await fetch(`${app!.url}${path}`)).status).toBe(200);
      await pg!.start();
      await getRows(`${app!.url}queries?queries=5`, 5);
      for (const path of DB_ROUTES)
        expect((await fetch(`${app!.url}${path.slice(1)}`)).status, path).toBe(200);
    }, 60_000);
  });
}
