import { ChatHub, chatOptionsFromEnv, RedisChat, type ChatOptions } from '@repo/chat';
import { defaultLogError, loadTemplates, type AppOptions, type Templates } from '@repo/core';
import { DatabaseUnavailableError, openDatabase, type Database } from '@repo/db';

/** What an HTTP app's `createServer` accepts: core's options plus the chat's and the database's. */
export interface HttpAppOptions extends AppOptions {
  /** Limits of the WebSocket chat (tests shorten the heartbeat, for example). */
  chat?: ChatOptions;
  /** Rooms in this Redis, shared across processes (default `REDIS_URL`; empty = in-process rooms). */
  redisUrl?: string;
  /** A seeded PostgreSQL for the database routes (default `DATABASE_URL`; empty = embedded PGlite). */
  databaseUrl?: string;
}

/** What every HTTP app's `createApp` is built from, made once per server by {@link loadDeps}. */
export interface AppDeps {
  templates: Templates;
  logError: (err: unknown) => void;
  hub: ChatHub;
  /** The database routes' database; the server's close closes it. */
  db: Database;
}

/** Compiles the templates, creates the chat hub and opens the database (rejects naming what failed). */
export async function loadDeps(options: HttpAppOptions = {}): Promise<AppDeps> {
  const templates = await loadTemplates(options.templatesDir);
  const logError = options.logError ?? defaultLogError;
  const chat = { ...chatOptionsFromEnv(), ...options.chat };
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  // Rejects naming DATABASE_URL when PostgreSQL is unreachable or unseeded, as for REDIS_URL below.
  const db = databaseUrl ? await openDatabase({ url: databaseUrl }) : embeddedDatabase();
  try {
    // Rejects naming REDIS_URL when Redis is unreachable: never a one-process chat that looks shared.
    const redis = redisUrl ? await RedisChat.connect(redisUrl, { ...chat, logError }) : undefined;
    return { templates, logError, db, hub: new ChatHub({ ...chat, ...(redis && { redis }) }) };
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}

interface Embedded {
  /** Set on first use: PGlite is not started for a process that never serves a database route. */
  opening?: Promise<Database>;
  ready?: Database;
  users: number;
  closed: boolean;
}

let embedded: Embedded | undefined;

/**
 * The embedded PGlite, one per process and started on the first database call: it takes about 3 s
 * and 700 MB of RSS, tests create many servers in one process, and the bench's other scenarios should
 * measure the apps without it. Each server gets a handle whose close() releases it; the last release
 * closes the database, and the next server starts from a fresh one.
 */
function embeddedDatabase(): Database {
  const shared = (embedded ??= { users: 0, closed: false });
  shared.users++;
  const open = (): Promise<Database> =>
    (shared.opening ??= openDatabase().then(
      // A close() meanwhile closes it: it awaits `opening`.
      (db) => (shared.ready = db),
      (err: unknown) => {
        // Not kept: the next request tries again.
        shared.opening = undefined;
        throw new DatabaseUnavailableError(err);
      },
    ));
  const use = <T>(work: (db: Database) => Promise<T>): Promise<T> => {
    if (shared.closed) return Promise.reject(new DatabaseUnavailableError('the server is closed'));
    return shared.ready ? work(shared.ready) : open().then(work);
  };
  let released = false;
  return {
    world: (id) => use((db) => db.world(id)),
    worlds: (n) => use((db) => db.worlds(n)),
    updateWorlds: (n) => use((db) => db.updateWorlds(n)),
    fortunes: () => use((db) => db.fortunes()),
    close: async () => {
      if (released) return;
      released = true;
      if (--shared.users > 0) return;
      shared.closed = true;
      if (embedded === shared) embedded = undefined;
      await shared.opening?.then(
        (db) => db.close(),
        () => {},
      );
    },
  };
}
