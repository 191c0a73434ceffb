/**
 * `@repo/db`: TechEmpower's database routes (`/db`, `/queries`, `/updates`, `/fortunes`) written once,
 * so apps only route. `openDatabase({ url: process.env.DATABASE_URL })` gives PostgreSQL through
 * postgres.js, or an embedded PGlite without a URL; both run the same SQL.
 */
export { openDatabase, seedDatabase, type OpenDatabaseOptions } from './open-database.js';
export { MAX_PENDING_QUERIES, type Database, type World } from './database.js';
export { DatabaseUnavailableError } from './errors.js';
export { MAX_QUERIES, MIN_QUERIES, parseQueries } from './parse-queries.js';
export { randomWorldId, WORLD_ROWS } from './random.js';
export {
  CONNECT_TIMEOUT_S,
  DB_POOL_SIZE,
  QUERY_TIMEOUT_S,
  QUEUE_TIMEOUT_S,
  STATEMENT_TIMEOUT_MS,
} from './postgres-js.js';
export {
  openStatementCounter,
  type StatementCounter,
  type WorldStatementCounts,
} from './statement-counts.js';
