import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  postgresAvailable,
  postgresBinDir,
  skipWithoutPostgres,
  startPostgres,
  type PostgresServer,
} from '../src/index.js';

describe('finding PostgreSQL', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('PG_BIN wins, and a PG_BIN without the binaries means none', () => {
    vi.stubEnv('PG_BIN', '/nonexistent');
    expect(postgresBinDir()).toBeUndefined();
    expect(postgresAvailable()).toBe(false);
  });

  it('missing: skipped with a message locally, a failure under CI=true', () => {
    vi.stubEnv('PG_BIN', '/nonexistent');
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(skipWithoutPostgres()).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('skipping the PostgreSQL tests'));
    vi.stubEnv('CI', 'true');
    expect(() => skipWithoutPostgres()).toThrow(/CI=true/);
    warn.mockRestore();
  });
});

describe.skipIf(skipWithoutPostgres())('startPostgres', () => {
  let pg: PostgresServer | undefined;
  afterAll(() => pg?.stop());
  // One connection per query so a killed server shows up as a failed connect, not a stale socket.
  const query = async (url: string, sql: string) => {
    const client = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      return await client.unsafe(sql);
    } finally {
      await client.end({ timeout: 0 });
    }
  };

  it('starts, answers, loses everything on kill and recovers its data on start', async () => {
    pg = await startPostgres();
    expect(pg.url).toBe(`postgres://postgres@127.0.0.1:${pg.port}/postgres`);
    await query(pg.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    const [ext] = await query(pg.url, `SHOW shared_preload_libraries`);
    expect(ext!.shared_preload_libraries).toBe('pg_stat_statements');

    await pg.kill();
    await expect(query(pg.url, 'SELECT 1')).rejects.toThrow();

    await pg.start();
    expect(await query(pg.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
  }, 60_000);

  it('kill takes the backends along: a busy one would hold the shared memory and block start()', async () => {
    const server = await startPostgres();
    const client = postgres(server.url, { max: 1, onnotice: () => {} });
    try {
      await client`SELECT 1`;
      // CPU-bound, so the backend does not notice the dead postmaster until it finishes.
      const busy = client`SELECT count(*) FROM generate_series(1, 1e10)`.catch((e: Error) => e);
      await new Promise((r) => setTimeout(r, 300));
      await server.kill();
      expect(await busy).toBeInstanceOf(Error);
      await server.start();
      expect(await query(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await client.end({ timeout: 0 });
      await server.stop();
    }
  }, 60_000);

  it('stop removes the temp dir; a second server in the process starts from the template', async () => {
    const other = await startPostgres({ settings: { max_connections: 20 } });
    const [row] = await query(other.url, 'SHOW max_connections');
    expect(row!.max_connections).toBe('20');
    expect(existsSync(other.dir)).toBe(true);
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
  }, 60_000);
});
