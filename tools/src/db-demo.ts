/**
 * `npm run dev:db`: the database routes against a real PostgreSQL. Starts a throwaway PostgreSQL
 * (the harness's: temp dir, copied from a cached initdb template) and seeds it, or uses
 * `DATABASE_URL` if set (as it is: never seeded here, seeding drops the tables), then every HTTP app
 * in @repo/fixtures' APPS (or only those named: `npm run dev:db -- express-app hono-app`) on its
 * default port (`PORT` when one app is named) with that DATABASE_URL. Ctrl-C stops the apps, then
 * PostgreSQL. Mirrors dev:cluster.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { seedDatabase } from '@repo/db';
import { builtFile } from '@repo/fixtures';
import { demoApps } from './demo-apps.js';
import { postgresBinDir, startPostgres, type PostgresServer } from '@repo/harness';

const named = process.argv.slice(2);
const apps = demoApps(named);

let url = process.env.DATABASE_URL;
// Checked before anything starts, so a machine without PostgreSQL gets one line that says what to do.
if (!url && !postgresBinDir()) {
  console.error(
    'dev:db: PostgreSQL not found (apt-get install -y postgresql, or set PG_BIN to the folder with initdb and postgres, or DATABASE_URL to a seeded server)',
  );
  process.exit(1);
}

const children: ChildProcess[] = [];
let postgres: PostgresServer | undefined;
let stopping = false;

const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  // The apps drain and close their pools first (they exit within 5 s whatever the clients do), so
  // PostgreSQL never sees its clients vanish mid-query.
  const drained = Promise.all(running.map((child) => once(child, 'exit')));
  await Promise.race([drained, new Promise((r) => setTimeout(r, 6_000))]);
  await postgres?.stop().catch(() => {});
  process.exit(code);
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

if (!url) {
  try {
    // A fixed port (not a free one) so the URL printed is the same every time the demo runs.
    const port = Number(process.env.DEMO_PG_PORT || 5440);
    postgres = await startPostgres({ port, dirPrefix: 'db-demo-postgres-' });
    await seedDatabase(postgres.url);
  } catch (err) {
    console.error(
      `dev:db: PostgreSQL could not start (${err instanceof Error ? err.message : String(err)}); or set DATABASE_URL`,
    );
    await postgres?.stop().catch(() => {});
    process.exit(1);
  }
  url = postgres.url;
  console.log(`postgres on ${url} (temp dir ${postgres.dir}, seeded: world 10,000 rows, fortune 12)`);
}

// One app may take PORT, as with `npm run dev`; several keep their own ports, which cannot clash.
const portOf = (defaultPort: number) =>
  apps.length === 1 && process.env.PORT ? process.env.PORT : String(defaultPort);
for (const app of apps) {
  const child = spawn(process.execPath, [builtFile(app.name)], {
    env: { ...process.env, DATABASE_URL: url, PORT: portOf(app.defaultPort) },
    stdio: 'inherit',
  });
  children.push(child);
  child.once('exit', (code) => code !== 0 && void stop(1));
}
