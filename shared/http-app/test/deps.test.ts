/** loadDeps' database: one embedded PGlite per process, shared by every server, closed by the last. */
import { describe, expect, it } from 'vitest';
import { loadDeps } from '../src/index.js';

describe('the embedded database (no DATABASE_URL)', () => {
  it('is one per process: a second server sees what the first wrote, and starts without a new PGlite', async () => {
    let started = performance.now();
    const a = await loadDeps({ databaseUrl: '' });
    const first = performance.now() - started;
    started = performance.now();
    const b = await loadDeps({ databaseUrl: '' });
    const second = performance.now() - started;
    try {
      // Each PGlite seeds its own random numbers: b reading a's writes means they are the same one.
      for (const row of await a.db.updateWorlds(20)) expect(await b.db.world(row.id)).toEqual(row);
      // Measured here: about 3 s for the first (PGlite start and seed), tens of ms after.
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
    await expect(b.db.world(1)).rejects.toThrow();
    const c = await loadDeps({ databaseUrl: '' });
    try {
      expect(await c.db.worlds(3)).toHaveLength(3);
    } finally {
      await c.db.close();
    }
  }, 60_000);
});
