/**
 * The database part of the contract (TechEmpower's `/db`, `/queries`, `/updates`, `/db/fortunes`),
 * against whatever database the app opened (the embedded PGlite in tests). Answers are random, so
 * the checks assert shapes, ranges, counts and that rows differ, never exact bodies; `/db/fortunes`
 * is not random and must equal the golden file. What needs a real server (rows persisted, query
 * counts, losing the database) is in db-postgres.ts.
 */
import { expect } from 'vitest';
import { CONTENT_TYPE } from '@repo/fixtures';
import { expectCommonHeaders, expectGoldenFortunes } from './assertions.js';
import type { Check } from './types.js';

/** World's ids and randomNumbers are 1–10000 (TechEmpower's `World` table). */
const WORLD_MAX = 10_000;

export interface WorldRow {
  id: number;
  randomNumber: number;
}

/** Asserts one `{"id":n,"randomNumber":m}` row: exactly those keys, integers in 1–10000. */
export function expectWorld(row: unknown): asserts row is WorldRow {
  expect(row).toBeTypeOf('object');
  expect(Object.keys(row as object)).toEqual(['id', 'randomNumber']);
  for (const value of Object.values(row as object)) {
    expect(Number.isInteger(value), `${JSON.stringify(row)}: integers`).toBe(true);
    expect(value).toBeGreaterThanOrEqual(1);
    expect(value).toBeLessThanOrEqual(WORLD_MAX);
  }
}

/** GETs a JSON database route and checks the headers every JSON route sends. */
export async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  const text = await res.text();
  expect(res.status, `${url}: ${text}`).toBe(200);
  expectCommonHeaders(res.headers, CONTENT_TYPE.json, text);
  return JSON.parse(text) as unknown;
}

/** GETs `/queries` or `/updates` and checks it is an array of `n` rows. */
export async function getRows(url: string, n: number): Promise<WorldRow[]> {
  const rows = await getJson(url);
  expect(Array.isArray(rows), `${url}: an array`).toBe(true);
  expect(rows as unknown[], url).toHaveLength(n);
  for (const row of rows as unknown[]) expectWorld(row);
  return rows as WorldRow[];
}

/**
 * Every check's limit: whichever runs first also waits for the embedded PGlite to start (about 3 s
 * alone, several times that on a loaded 2-core machine).
 */
const DB_CHECK_MS = 30_000;

const FORTY_DIGITS = '1234567890'.repeat(4);

/**
 * The `queries` rule (README, Routes): the first value, percent-decoded, only plain digits count;
 * missing, empty, not an integer or < 1 → 1, > 500 → 500. [query string, rows expected].
 */
export const QUERIES_CASES: readonly (readonly [string, number])[] = [
  ['', 1],
  ['?queries=', 1],
  ['?queries=foo', 1],
  ['?queries=0', 1],
  ['?queries=-1', 1],
  ['?queries=1.5', 1],
  ['?queries=1e3', 1],
  ['?queries=20abc', 1],
  ['?queries=2', 2],
  ['?queries=20', 20],
  ['?queries=501', 500],
  [`?queries=${FORTY_DIGITS}`, 500],
  ['?queries=3&queries=7', 3],
  ['?foo=9&queries=4&queries=', 4],
  ['?queries=%32%30', 20],
];

export const dbChecks: Check[] = [
  {
    name: 'GET /db answers one {"id","randomNumber"} row, integers in 1–10000, as JSON with Content-Length',
    scope: 'http',
    timeout: DB_CHECK_MS,
    async run({ baseUrl }) {
      expectWorld(await getJson(`${baseUrl}/db`));
    },
  },
  {
    name: 'GET /db rows differ across calls (a random id per request)',
    scope: 'http',
    timeout: DB_CHECK_MS,
    async run({ baseUrl }) {
      const ids = new Set<number>();
      for (let i = 0; i < 10; i++) ids.add(((await getJson(`${baseUrl}/db`)) as WorldRow).id);
      // Ten draws of 10,000 all equal has probability 10⁻³⁶: one id means it is not random.
      expect(ids.size).toBeGreaterThan(1);
    },
  },
  {
    name: 'GET /queries: the queries parameter rule (first value, digits only, clamped to 1–500)',
    scope: 'http',
    timeout: DB_CHECK_MS,
    async run({ baseUrl }) {
      for (const [search, n] of QUERIES_CASES) await getRows(`${baseUrl}/queries${search}`, n);
    },
  },
  {
    name: 'GET /queries?queries=20: rows differ within a call and across calls',
    scope: 'http',
    timeout: DB_CHECK_MS,
    async run({ baseUrl }) {
      const a = await getRows(`${baseUrl}/queries?queries=20`, 20);
      const b = await getRows(`${baseUrl}/queries?queries=20`, 20);
      expect(new Set(a.map((r) => r.id)).size).toBeGreaterThan(1);
      expect(b.map((r) => r.id)).not.toEqual(a.map((r) => r.id));
    },
  },
  {
    name: 'GET /updates follows the same parameter rule and answers rows',
    scope: 'http',
    timeout: DB_CHECK_MS,
    async run({ baseUrl }) {
      for (const [search, n] of [
        ['', 1],
        ['?queries=foo', 1],
        ['?queries=5&queries=9', 5],
        ['?queries=%32%30', 20],
        ['?queries=501', 500],
      ] as const)
        await getRows(`${baseUrl}/updates${search}`, n);
    },
  },
  {
    name: 'GET /updates twice on the same rows: reads see the numbers the last update wrote',
    scope: 'http',
    timeout: DB_CHECK_MS,
    async run({ baseUrl }) {
      // Through HTTP alone: /queries?queries=500 then reads rows; any id /updates returned that it
      // meets again must carry the new number (db-postgres.ts checks every row on its own connection).
      const updated = new Map(
        (await getRows(`${baseUrl}/updates?queries=500`, 500)).map((r) => [r.id, r.randomNumber]),
      );
      let seen = 0;
      for (let i = 0; i < 10 && seen < 20; i++) {
        for (const row of await getRows(`${baseUrl}/queries?queries=500`, 500)) {
          const expected = updated.get(row.id);
          if (expected === undefined) continue;
          expect(row.randomNumber, `world ${row.id}`).toBe(expected);
          seen++;
        }
      }
      expect(seen, 'rows of the update read back').toBeGreaterThan(0);
    },
  },
  {
    name: 'GET /db/fortunes (rows from the database) equals the golden file byte for byte',
    scope: 'http',
    timeout: DB_CHECK_MS,
    async run({ baseUrl }) {
      await expectGoldenFortunes(`${baseUrl}/db/fortunes`);
    },
  },
  {
    name: 'HEAD /db sends the headers of GET /db without a body',
    scope: 'http',
    timeout: DB_CHECK_MS,
    async run({ baseUrl }) {
      const res = await fetch(`${baseUrl}/db`, { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(CONTENT_TYPE.json);
      expect(await res.text()).toBe('');
    },
  },
];
