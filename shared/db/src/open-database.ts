import { databaseOver, type Database } from './database.js';
import { pgliteDriver } from './pglite.js';
import { postgresJsDriver } from './postgres-js.js';
import { seed } from './seed.js';
import { SELECT_WORLD_SQL } from './sql.js';

export interface OpenDatabaseOptions {
  /** `DATABASE_URL`: a seeded PostgreSQL; without it, an embedded PGlite seeded here. */
  url?: string;
  /** Bound on queries started and not settled (default MAX_PENDING_QUERIES). */
  maxPendingQueries?: number;
}

/**
 * Opens the database the routes use. With a URL it checks at once that PostgreSQL answers and is
 * seeded, and rejects with an error naming DATABASE_URL otherwise (apps print that line and exit 1,
 * as for REDIS_URL); a database lost later is DatabaseUnavailableError per call, and postgres.js
 * reconnects by itself for the next one.
 *
 * @example const db = await openDatabase({ url: process.env.DATABASE_URL });
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (!options.url) {
    const driver = await pgliteDriver();
    await seed(driver);
    return databaseOver(driver, options.maxPendingQueries);
  }
  const driver = postgresJsDriver(options.url);
  try {
    const [row] = await driver.query(SELECT_WORLD_SQL, [1]);
    if (!row) throw new Error('table world has no row 1; seed it with seedDatabase()');
  } catch (err) {
    await driver.close().catch(() => {});
    const e = err as Error;
    throw new Error(`DATABASE_URL=${redact(options.url)}: cannot use PostgreSQL (${e.message || e.name})`, {
      cause: err,
    });
  }
  return databaseOver(driver, options.maxPendingQueries);
}

/**
 * (Re)creates and seeds the tables at `url` (the bench and tests call it once before the apps
 * start; it drops the tables, so never point it at data you keep).
 */
export async function seedDatabase(url: string): Promise<void> {
  const driver = postgresJsDriver(url);
  try {
    await seed(driver);
  } finally {
    await driver.close();
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
