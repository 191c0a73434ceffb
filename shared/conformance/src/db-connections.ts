/**
 * Counting an app's PostgreSQL connections from outside: each test names its app's connections with
 * `application_name` in the DATABASE_URL (postgres.js passes unknown URL parameters on to the server),
 * so pg_stat_activity tells them apart from the test's own and from other apps on the same server.
 */
import type postgres from 'postgres';
import { getRows } from './db-checks.js';

/** A connection closed by the client is gone from pg_stat_activity within this (its backend exits). */
export const RELEASED_WITHIN_MS = 3_000;

/** `url` with `application_name=name`, so the app's connections can be counted. */
export function namedUrl(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

/** Client connections PostgreSQL holds for `name` right now. */
export async function connectionsOf(sql: postgres.Sql, name: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${name}`;
  return row?.n ?? 0;
}

/** Resolves once `name` holds no connection, or rejects naming how many are left after the bound. */
export async function expectReleased(sql: postgres.Sql, name: string): Promise<void> {
  const end = Date.now() + RELEASED_WITHIN_MS;
  for (;;) {
    const left = await connectionsOf(sql, name);
    if (left === 0) return;
    if (Date.now() > end)
      throw new Error(
        `${left} PostgreSQL connection(s) of ${name} still open ${RELEASED_WITHIN_MS} ms after close`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `rounds` bursts of `concurrency` concurrent GET /queries?queries=20: enough queries waiting at once
 * that every pool opens all its connections (postgres.js opens them as queries queue).
 */
export async function loadQueries(baseUrl: string, concurrency = 40, rounds = 3): Promise<void> {
  for (let r = 0; r < rounds; r++)
    await Promise.all(Array.from({ length: concurrency }, () => getRows(`${baseUrl}queries?queries=20`, 20)));
}
