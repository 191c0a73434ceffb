/**
 * The same driver over `pg` (node-postgres), only so the team can measure it against postgres.js on
 * /queries?queries=20 (`DB_DRIVER=pg`); the pool size and limits are postgres-js.ts's, so the
 * comparison is the client alone.
 */
import pg from 'pg';
import type { Driver } from './database.js';
import { CONNECT_TIMEOUT_S, DB_POOL_SIZE, QUERY_TIMEOUT_S, STATEMENT_TIMEOUT_MS } from './postgres-js.js';

export function nodePostgresDriver(url: string): Driver {
  const pool = new pg.Pool({
    connectionString: url,
    max: DB_POOL_SIZE,
    // Also bounds the wait for a free client, so the queue is bounded in time as with postgres.js.
    connectionTimeoutMillis: CONNECT_TIMEOUT_S * 1000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_S * 1000,
  });
  // An idle client losing its server emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', () => {});
  // pg prepares a statement only when given a name: one per distinct text.
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `s${names.size + 1}`));
    return name;
  };
  return {
    query: async <T>(text: string, params: unknown[]) =>
      (await pool.query({ name: nameOf(text), text, values: params })).rows as T[],
    exec: async (text: string) => {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}
