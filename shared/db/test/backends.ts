/**
 * The two databases every test runs against: a throwaway PostgreSQL (seeded through seedDatabase)
 * and the embedded PGlite. PostgreSQL is skipped locally when missing and required under CI=true.
 */
import { skipWithoutPostgres, startPostgres, type PostgresServer } from '@repo/harness';
import { openDatabase, seedDatabase, type Database } from '../src/index.js';

export const noPostgres = skipWithoutPostgres();

export interface Backend {
  name: string;
  skip: boolean;
  open(): Promise<{ db: Database; server?: PostgresServer; done: () => Promise<void> }>;
}

export async function openPostgres() {
  const server = await startPostgres();
  await seedDatabase(server.url);
  const db = await openDatabase({ url: server.url });
  return {
    db,
    server,
    done: async () => {
      await db.close();
      await server.stop();
    },
  };
}

export const BACKENDS: Backend[] = [
  { name: 'PostgreSQL (postgres.js)', skip: noPostgres, open: () => openPostgres() },
  {
    name: 'PGlite',
    skip: false,
    open: async () => {
      const db = await openDatabase();
      return { db, done: () => db.close() };
    },
  },
];
