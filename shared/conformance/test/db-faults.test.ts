/** DATABASE_URL at start-up, against real processes: a database that is not there stops the app at once. */
import { describe, expect, it } from 'vitest';
import { freePort } from '@repo/harness';
import { builtFile } from '@repo/fixtures';
import { spawnEntry } from '../src/built-entry.js';

describe('DATABASE_URL not reachable at start', () => {
  for (const workers of ['1', '2']) {
    it(`WORKERS=${workers}: exits non-zero with an error naming DATABASE_URL`, async () => {
      const url = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
      const started = spawnEntry(builtFile('koa-app'), { DATABASE_URL: url, WORKERS: workers }, 15_000);
      await expect(started).rejects.toThrow(/exited with 1 before listening/);
      await expect(started).rejects.toThrow(`DATABASE_URL=${url}: cannot use PostgreSQL`);
    }, 20_000);
  }
});
