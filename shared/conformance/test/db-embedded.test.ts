/**
 * "`npm ci && npm run dev` with no PostgreSQL serves /db": each built app, started with no
 * DATABASE_URL and a PATH holding only a folder with a link to node (node's own folder may hold
 * PostgreSQL's tools: Debian's /usr/bin has psql), answers GET /db from its embedded PGlite.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APPS, builtFile } from '@repo/fixtures';
import { spawnEntry, stopEntry } from '../src/built-entry.js';
import { getJson } from '../src/db-checks.js';

describe('no PostgreSQL on PATH: the embedded PGlite serves /db', () => {
  const bin = mkdtempSync(join(tmpdir(), 'node-only-path-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  for (const app of APPS.filter((a) => a.http)) {
    it(`${app.name} with PATH holding only node, and no DATABASE_URL`, async () => {
      // undefined drops a variable from the child's environment (spawn skips it).
      const spawned = await spawnEntry(builtFile(app.name), {
        PATH: bin,
        DATABASE_URL: undefined,
        PG_BIN: undefined,
      });
      try {
        expect(await getJson(`${spawned.url}db`)).toMatchObject({ id: expect.any(Number) as number });
      } finally {
        expect(await stopEntry(spawned.child)).toBe(0);
      }
    }, 60_000);
  }
});
