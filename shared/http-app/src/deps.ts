import { ChatHub, chatOptionsFromEnv, RedisChat, type ChatOptions } from '@repo/chat';
import { defaultLogError, loadTemplates, type AppOptions, type Templates } from '@repo/core';
import { openDatabase, type Database } from '@repo/db';

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
  const db = databaseUrl ? await openDatabase({ url: databaseUrl }) : await embeddedDatabase();
  try {
    // Rejects naming REDIS_URL when Redis is unreachable: never a one-process chat that looks shared.
    const redis = redisUrl ? await RedisChat.connect(redisUrl, { ...chat, logError }) : undefined;
    return { templates, logError, db, hub: new ChatHub({ ...chat, ...(redis && { redis }) }) };
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}

let embedded: { db: Promise<Database>; users: number } | undefined;

/**
 * The embedded PGlite, one per process: it takes about a second and tens of MB to start, and tests
 * create many servers in one process. Each caller gets a handle whose close() releases it; the last
 * release closes the database, and the next caller starts a fresh one.
 */
async function embeddedDatabase(): Promise<Database> {
  const shared = (embedded ??= { db: openDatabase(), users: 0 });
  shared.users++;
  let db: Database;
  try {
    db = await shared.db;
  } catch (err) {
    if (embedded === shared) embedded = undefined;
    throw err;
  }
  let released = false;
  return {
    world: (id) => db.world(id),
    worlds: (n) => db.worlds(n),
    updateWorlds: (n) => db.updateWorlds(n),
    fortunes: () => db.fortunes(),
    close: async () => {
      if (released) return;
      released = true;
      if (--shared.users > 0) return;
      if (embedded === shared) embedded = undefined;
      await db.close();
    },
  };
}
