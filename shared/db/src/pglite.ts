/**
 * The embedded database: PostgreSQL compiled to WebAssembly, in this process, so an app runs its
 * database routes with no server to install. Seeded at start-up with the same SQL as the real one.
 */
import { PGlite } from '@electric-sql/pglite';
import type { Driver } from './database.js';

export async function pgliteDriver(): Promise<Driver> {
  const db = await PGlite.create();
  return {
    query: async <T>(text: string, params: unknown[]) => (await db.query<T>(text, params)).rows,
    exec: async (text: string) => {
      await db.exec(text);
    },
    close: () => db.close(),
  };
}
