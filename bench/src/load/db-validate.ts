/**
 * The database scenarios' checks before load, beyond status, type and headers: the shape of the
 * random answers (TechEmpower's `World` rows) and, as TechEmpower's verifier does, the statements
 * PostgreSQL ran for one request, counted by pg_stat_statements. An app that batches the rows into
 * one `IN` query or serves them from a cache does less work than the scenario claims to measure,
 * so it fails validation and is never measured.
 */
import type { StatementCounter, WorldStatementCounts } from '@repo/db';
import type { BaseScenario } from '../model/scenario-list.js';

/** Rows per request in `queries` and `updates` (TechEmpower's bench uses 1–20; 20 shows the database most). */
export const DB_QUERIES = 20;

/** World's ids and randomNumbers are 1–10000. */
const WORLD_MAX = 10_000;

function rowProblem(row: unknown): string | null {
  if (typeof row !== 'object' || row === null || Array.isArray(row))
    return `${JSON.stringify(row)} is not an object`;
  const keys = Object.keys(row);
  if (keys.join() !== 'id,randomNumber')
    return `keys ${JSON.stringify(keys)}, expected ["id","randomNumber"]`;
  for (const v of Object.values(row))
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > WORLD_MAX)
      return `${JSON.stringify(row)}: values must be integers in 1–${WORLD_MAX}`;
  return null;
}

/**
 * What is wrong with a database answer's body: one world row (`rows` null) or an array of exactly
 * `rows` of them. Null when it is right.
 *
 * @example worldsProblem('{"id":3,"randomNumber":77}', null) // null
 */
export function worldsProblem(body: string, rows: number | null): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `body is not JSON (${JSON.stringify(body.slice(0, 60))})`;
  }
  if (rows === null) {
    const p = rowProblem(parsed);
    return p && `body: ${p}`;
  }
  if (!Array.isArray(parsed)) return `body is not an array of ${rows} rows`;
  if (parsed.length !== rows) return `body has ${parsed.length} rows, expected ${rows}`;
  for (const row of parsed) {
    const p = rowProblem(row);
    if (p) return `body: ${p}`;
  }
  return null;
}

/** What one request of the scenario must run: one SELECT per row, plus one UPDATE for `updates`. */
export function expectedCounts(base: BaseScenario): WorldStatementCounts | null {
  if (base === 'queries') return { selects: DB_QUERIES, updates: 0, all: DB_QUERIES };
  if (base === 'updates') return { selects: DB_QUERIES, updates: 1, all: DB_QUERIES + 1 };
  return null;
}

/**
 * Resets the statement counts, lets `request` send one request, and compares what PostgreSQL ran
 * with {@link expectedCounts}. Null when it matches (or the scenario is not counted), else the reason.
 */
export async function queryCountProblem(
  base: BaseScenario,
  counter: StatementCounter,
  request: () => Promise<unknown>,
): Promise<string | null> {
  const expected = expectedCounts(base);
  if (!expected) return null;
  await counter.reset();
  await request();
  const got = await counter.worldCounts();
  if (got.selects === expected.selects && got.updates === expected.updates && got.all === expected.all)
    return null;
  const path = `/${base}?queries=${DB_QUERIES}`;
  return (
    `GET ${path} ran ${got.selects} SELECTs and ${got.updates} UPDATEs on world (pg_stat_statements), ` +
    `expected ${expected.selects} single-row SELECTs${expected.updates ? ' and 1 UPDATE' : ''}: ` +
    `one query per row, no batching (IN/ANY) or caching`
  );
}
