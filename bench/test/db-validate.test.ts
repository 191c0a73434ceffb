/**
 * The database scenarios' validation: the shape of the random answers, and (against a real
 * PostgreSQL, skipped locally without one, required under CI=true) the statement counts of one
 * request, so an app that batches its rows into one query fails before it is measured.
 */
import { createServer, type Server } from 'node:http';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPE } from '@repo/fixtures';
import { openStatementCounter, seedDatabase, type StatementCounter } from '@repo/db';
import { skipWithoutPostgres, startPostgres, type PostgresServer } from '@repo/harness';
import { DB_QUERIES, queryCountProblem, worldsProblem } from '../src/load/db-validate.js';
import { httpGet, validateHttp } from '../src/load/http-scenarios.js';
import { parseScenarioId } from '../src/model/scenario-list.js';

const row = (id: number) => ({ id, randomNumber: 1 + ((id * 7) % 10_000) });
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i + 1));

describe('database answers by shape', () => {
  it('parses the four database scenarios (db-fortunes is not a pipelined "db")', () => {
    for (const id of ['db', 'queries', 'updates', 'db-fortunes'])
      expect(parseScenarioId(id)).toEqual({ base: id, pipelining: 1 });
    expect(parseScenarioId('queries-p10')).toEqual({ base: 'queries', pipelining: 10 });
  });

  it('/db: one object with integer id and randomNumber in 1–10000', () => {
    expect(worldsProblem(JSON.stringify(row(3)), null)).toBeNull();
    expect(worldsProblem(JSON.stringify([row(3)]), null)).toMatch(/not an object/);
    expect(worldsProblem('{"id":0,"randomNumber":5}', null)).toMatch(/integers in 1–10000/);
    expect(worldsProblem('{"id":1.5,"randomNumber":5}', null)).toMatch(/integers/);
    expect(worldsProblem('{"id":"1","randomNumber":5}', null)).toMatch(/integers/);
    expect(worldsProblem('{"id":1,"randomnumber":5}', null)).toMatch(/keys/);
    expect(worldsProblem('nope', null)).toMatch(/not JSON/);
  });

  it('/queries and /updates: an array of exactly 20 such rows', () => {
    expect(worldsProblem(JSON.stringify(rows(20)), 20)).toBeNull();
    expect(worldsProblem(JSON.stringify(rows(19)), 20)).toMatch(/19 rows, expected 20/);
    expect(worldsProblem(JSON.stringify(row(1)), 20)).toMatch(/not an array/);
    expect(worldsProblem(JSON.stringify([...rows(19), { id: 1 }]), 20)).toMatch(/keys/);
  });
});

describe('validateHttp on the database routes', () => {
  let server: Server | null = null;
  afterEach(() => {
    server?.close();
    server = null;
  });
  async function serve(body: string, type: string = CONTENT_TYPE.json): Promise<number> {
    server = createServer((req, res) =>
      res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  it('passes a right answer and fails a wrong shape with the reason', async () => {
    expect(await validateHttp('queries', await serve(JSON.stringify(rows(20))))).toBeNull();
    server!.close();
    expect(await validateHttp('queries', await serve(JSON.stringify(rows(5))))).toBe(
      `GET /queries?queries=${DB_QUERIES} body has 5 rows, expected 20`,
    );
    server!.close();
    expect(await validateHttp('db', await serve(JSON.stringify(row(1)), CONTENT_TYPE.text))).toMatch(
      /content-type/,
    );
    server!.close();
    expect(await validateHttp('db-fortunes', await serve('<p>hi</p>', CONTENT_TYPE.html))).toMatch(
      /differs from the fixture/,
    );
  });
});

describe.skipIf(skipWithoutPostgres())('query counts before load (pg_stat_statements)', () => {
  let pg: PostgresServer;
  let sql: postgres.Sql;
  let counter: StatementCounter;
  let server: Server;
  let port = 0;
  /** How the fake app reads its rows: one SELECT per row (right), or one `IN`/`ANY` query (batching). */
  let batch = false;
  beforeAll(async () => {
    pg = await startPostgres({ dirPrefix: 'bench-test-postgres-' });
    await seedDatabase(pg.url);
    sql = postgres(pg.url, { max: 2, onnotice: () => {} });
    counter = await openStatementCounter(pg.url);
    server = createServer((req, res) => {
      const ids = Array.from({ length: DB_QUERIES }, (_, i) => i + 1);
      const read = batch
        ? sql`SELECT id, randomnumber AS "randomNumber" FROM world WHERE id = ANY(${ids})`
        : Promise.all(
            ids.map(
              async (id) =>
                (await sql`SELECT id, randomnumber AS "randomNumber" FROM world WHERE id = ${id}`)[0]!,
            ),
          );
      void read.then((found) => {
        const body = JSON.stringify([...found].map((r) => ({ id: r.id, randomNumber: r.randomNumber })));
        res.writeHead(200, { 'content-type': CONTENT_TYPE.json }).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  }, 60_000);
  afterAll(async () => {
    server?.close();
    await counter?.end();
    await sql?.end({ timeout: 1 });
    await pg?.stop();
  });

  const check = () =>
    queryCountProblem('queries', counter, () => httpGet(port, `/queries?queries=${DB_QUERIES}`));

  it('an app running one SELECT per row passes', async () => {
    batch = false;
    expect(await check()).toBeNull();
  });

  it('an app that batches the 20 rows into one ANY query fails, saying why', async () => {
    batch = true;
    // Its answer has the right shape: only the count gives it away.
    expect(worldsProblem((await httpGet(port, '/queries?queries=20')).body, DB_QUERIES)).toBeNull();
    expect(await check()).toBe(
      `GET /queries?queries=20 ran 1 SELECTs and 0 UPDATEs on world (pg_stat_statements), expected 20 single-row SELECTs: one query per row, no batching (IN/ANY) or caching`,
    );
  });

  it('/updates must run its 20 SELECTs and one UPDATE', async () => {
    batch = false;
    // The fake serves no update, so /updates fails on the missing UPDATE.
    const problem = await queryCountProblem('updates', counter, () => httpGet(port, '/updates?queries=20'));
    expect(problem).toMatch(/ran 20 SELECTs and 0 UPDATEs .* expected 20 single-row SELECTs and 1 UPDATE/);
  });
});
