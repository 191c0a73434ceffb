/**
 * The real PostgreSQL driver, postgres.js, kept to this one file (the only one that knows the
 * client). Measured against `pg` on /queries?queries=20 it served 2.6× the requests on the same
 * pool (root README, dependency notes). Timeouts are in seconds, as postgres.js takes them.
 */
import postgres from 'postgres';
import type { Driver } from './database.js';

/**
 * Connections per process. postgres.js pipelines up to 100 queries on each connection, so a few keep
 * PostgreSQL's backends busy on this 2-core machine; 8 per process leaves a cluster of workers far
 * below PostgreSQL's default max_connections (100) and matches what TechEmpower's Node entries use.
 */
export const DB_POOL_SIZE = 8;
/** A connection that is not up within this is a failure, not a wait (refused ports fail at once). */
export const CONNECT_TIMEOUT_S = 2;
/**
 * The server cancels a statement running longer (enforced by PostgreSQL itself). Measured on a
 * statement stuck behind a table lock: cancelled after ~4 s with prepared statements (~2 s with
 * `prepare: false`; the doubling was not investigated), so still inside QUERY_TIMEOUT_S.
 */
export const STATEMENT_TIMEOUT_MS = 2_000;
/** A query waiting this long for a connection is rejected without being sent. */
export const QUEUE_TIMEOUT_S = 2;
/**
 * The backstop when the server does not answer: waiting plus running, every statement settles within
 * this many seconds. Our own timer, not postgres.js's `query_timeout`: with 4.2.0 a SELECT blocked on
 * a lock (statement_timeout off) still hung after 8 s with `query_timeout: 2`.
 */
export const QUERY_TIMEOUT_S = 5;

export function postgresJsDriver(url: string): Driver {
  // #region pool
  const sql = postgres(url, {
    max: DB_POOL_SIZE, // 8 connections per process, each pipelining queries
    prepare: true,
    connect_timeout: CONNECT_TIMEOUT_S, // 2 s
    queue_timeout: QUEUE_TIMEOUT_S, // 2 s waiting for a connection
    connection: { statement_timeout: STATEMENT_TIMEOUT_MS }, // 2 s, enforced by PostgreSQL
    // #elide its default backoff kept a recovered database "down" for up to 20 s
    // postgres.js's default backoff grows to 20 s after repeated failed connects, and until it
    // passes every query fails at once with the last error: a database back after a minute stayed
    // "down" for the app (the recovery test failed that way). It opens one connection at a time
    // while failing, so retrying at once costs one connect per waiting batch, not a storm.
    // #endelide
    backoff: 0,
    onnotice: () => {},
  });
  // #endregion
  return {
    query: <T>(text: string, params: unknown[]) =>
      backstop(sql.unsafe(text, params as never[], { prepare: true }) as unknown as Promise<T[]>),
    exec: async (text: string) => {
      await sql.unsafe(text);
    },
    close: () => sql.end({ timeout: 1 }),
  };
}

/** Rejects when `work` has not settled within QUERY_TIMEOUT_S; its late outcome is dropped. */
function backstop<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${QUERY_TIMEOUT_S} s`)),
      QUERY_TIMEOUT_S * 1000,
    );
  });
  work.catch(() => {});
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
