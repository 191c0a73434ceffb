/**
 * "One query per row", counted the way TechEmpower's verifier counts it: pg_stat_statements, read on
 * a connection of its own. Shared by the conformance suite, this package's tests and the bench's
 * validation, so all three count the same statements the same way.
 */
import postgres from 'postgres';

/** Calls of statements on the `world` table since the last reset, by kind. */
export interface WorldStatementCounts {
  selects: number;
  updates: number;
  all: number;
}

export interface StatementCounter {
  /** Forgets every statement counted so far (`pg_stat_statements_reset()`). */
  reset(): Promise<void>;
  /** Calls per statement on `world` since the last reset. */
  worldCounts(): Promise<WorldStatementCounts>;
  /** Rows the SELECTs on `world` returned since the last reset. */
  worldRowsRead(): Promise<number>;
  /** Closes its connection. */
  end(): Promise<void>;
}

/**
 * Opens one connection to `url`, creating the extension if needed (the server must preload
 * `pg_stat_statements`, as @repo/harness's startPostgres does).
 *
 * @example
 * const counter = await openStatementCounter(url);
 * await counter.reset(); await fetch(`${app}/queries?queries=20`);
 * await counter.worldCounts() // { selects: 20, updates: 0, all: 20 }
 */
export async function openStatementCounter(url: string): Promise<StatementCounter> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;
  } catch (err) {
    await sql.end({ timeout: 1 });
    throw err;
  }
  return {
    reset: async () => {
      await sql`SELECT pg_stat_statements_reset()`;
    },
    worldCounts: async () => {
      const rows = await sql<{ query: string; calls: string }[]>`
        SELECT query, calls FROM pg_stat_statements WHERE query ILIKE '%world%'`;
      const sum = (re: RegExp) =>
        rows.filter((r) => re.test(r.query)).reduce((n, r) => n + Number(r.calls), 0);
      return { selects: sum(/^SELECT/i), updates: sum(/^UPDATE/i), all: sum(/./) };
    },
    worldRowsRead: async () => {
      const [row] = await sql<{ rows: string | null }[]>`
        SELECT sum(rows) AS rows FROM pg_stat_statements WHERE query ILIKE 'SELECT%world%'`;
      return Number(row?.rows ?? 0);
    },
    end: () => sql.end({ timeout: 1 }),
  };
}
