import { readFortunes } from '@repo/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERIES, type Database, type World } from '../src/index.js';
import { BACKENDS } from './backends.js';

const isWorld = (w: World) =>
  Object.keys(w).sort().join() === 'id,randomNumber' &&
  Number.isInteger(w.id) &&
  Number.isInteger(w.randomNumber) &&
  w.id >= 1 &&
  w.id <= 10_000 &&
  w.randomNumber >= 1 &&
  w.randomNumber <= 10_000;

describe.each(BACKENDS)('$name', (backend) => {
  let db: Database;
  let done: () => Promise<void> = async () => {};
  beforeAll(async () => {
    if (backend.skip) return;
    ({ db, done } = await backend.open());
  }, 60_000);
  afterAll(() => done());

  it.skipIf(backend.skip)('world(id) is that row, as numbers', async () => {
    const w = await db.world(42);
    expect(w.id).toBe(42);
    expect(isWorld(w)).toBe(true);
  });

  it.skipIf(backend.skip)('is seeded with 10,000 rows spread over 1–10000', async () => {
    expect(isWorld(await db.world(1))).toBe(true);
    expect(isWorld(await db.world(10_000))).toBe(true);
    await expect(db.world(10_001)).rejects.toThrow('The database is unavailable');
  });

  it.skipIf(backend.skip)('worlds(n) gives n random rows that differ across calls', async () => {
    const a = await db.worlds(20);
    const b = await db.worlds(20);
    expect(a).toHaveLength(20);
    expect(a.every(isWorld)).toBe(true);
    // 20 draws out of 10,000 twice in the same order: a fixed result would repeat.
    expect(a.map((w) => w.id)).not.toEqual(b.map((w) => w.id));
    expect(new Set(a.map((w) => w.id)).size).toBeGreaterThan(15);
    expect(await db.worlds(MAX_QUERIES)).toHaveLength(MAX_QUERIES);
  });

  it.skipIf(backend.skip)('updateWorlds(n) returns new numbers that are stored', async () => {
    const updated = await db.updateWorlds(20);
    expect(updated).toHaveLength(20);
    expect(updated.every(isWorld)).toBe(true);
    for (const w of updated) expect(await db.world(w.id)).toEqual(w);
  });

  it.skipIf(backend.skip)('updateWorlds gives the rows it reads new numbers', async () => {
    // Two batches of 500 share ~25 ids; the second must have changed what the first stored (the
    // odds of drawing the same number again are 1/10,000 per row).
    const first = new Map((await db.updateWorlds(MAX_QUERIES)).map((w) => [w.id, w.randomNumber]));
    const shared = (await db.updateWorlds(MAX_QUERIES)).filter((w) => first.has(w.id));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.some((w) => w.randomNumber !== first.get(w.id))).toBe(true);
  });

  it.skipIf(backend.skip)('concurrent batches do not deadlock (rows are locked in id order)', async () => {
    const batches = await Promise.all(Array.from({ length: 8 }, () => db.updateWorlds(MAX_QUERIES)));
    expect(batches.flat()).toHaveLength(8 * MAX_QUERIES);
  });

  it.skipIf(backend.skip)('fortunes() are the 12 rows of the fixture', async () => {
    const rows = await db.fortunes();
    const expected = await readFortunes();
    expect([...rows].sort((a, b) => a.id - b.id)).toEqual(expected);
  });
});
