/** loadDeps' database: one embedded PGlite per process, started on first use, shared by every server, closed by the last. */
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '@repo/db';
import { loadDeps } from '../src/index.js';

describe('the embedded database (no DATABASE_URL)', () => {
  it('is one per process, started on first use: a second server sees what the first wrote, without a new PGlite', async () => {
    let started = performance.now();
    const a = await loadDeps({ databaseUrl: '' });
    const b = await loadDeps({ databaseUrl: '' });
    // Measured here: a few ms; PGlite (about 3 s) is not started before a database call.
    expect(performance.now() - started).toBeLessThan(1000);
    try {
      started = performance.now();
      const written = await a.db.updateWorlds(20);
      const first = performance.now() - started;
      started = performance.now();
      // Each PGlite seeds its own random numbers: b reading a's writes means they are the same one.
      for (const row of written) expect(await b.db.world(row.id)).toEqual(row);
      const second = performance.now() - started;
      expect(second).toBeLessThan(first / 5);
    } finally {
      await a.db.close();
      await b.db.close();
    }
  }, 60_000);

  it('closing one server keeps it open for the others; after the last close the next server gets a new one', async () => {
    const a = await loadDeps({ databaseUrl: '' });
    const b = await loadDeps({ databaseUrl: '' });
    await a.db.close();
    await a.db.close(); // twice is still one release
    expect(await b.db.worlds(3)).toHaveLength(3);
    await b.db.close();
    await expect(b.db.world(1)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const c = await loadDeps({ databaseUrl: '' });
    try {
      expect(await c.db.worlds(3)).toHaveLength(3);
    } finally {
      await c.db.close();
    }
  }, 60_000);
});
