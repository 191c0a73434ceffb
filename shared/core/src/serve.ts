import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { isClusterWorker, readWorkers, runPrimary } from './cluster.js';
import { HTTP_TIMEOUTS } from './limits.js';
import { exitOnSignals, listenAddress, startLine } from './startup.js';

/**
 * Options every app factory accepts (tcp-app included); production leaves them all at their defaults.
 * The HTTP apps take more (the chat's), see @repo/http-app.
 */
export interface AppOptions {
  /** Where the handlebars templates live (tests point it at broken copies). */
  templatesDir?: string;
  /** Called once for every unexpected error (a 500). */
  logError?: (err: unknown) => void;
}

/**
 * What each app's `createServer()` returns: a Node server that is **not yet listening**, and a
 * graceful `close()` (stop accepting, let in-flight requests finish, say goodbye to WebSockets).
 */
export interface AppServer {
  readonly server: Server;
  close(): Promise<void>;
}

export type CreateServer = (options?: AppOptions) => Promise<AppServer>;

export const defaultLogError = (err: unknown): void => console.error(err);

/** Listens and resolves with the bound port (pass 0 for an ephemeral one). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** `server.close()` as a promise; Node ≥ 19 also drops idle keep-alive sockets at once. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) =>
      err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve(),
    );
  });
}

/**
 * Graceful HTTP close with a deadline: stop accepting, close idle keep-alive connections now, give
 * requests in flight `graceMs`, then cut every connection still open (a half-sent head, a client that
 * never reads) so shutdown always ends.
 */
export async function drainHttp(
  server: HttpServer,
  close: () => Promise<void> = () => closeServer(server),
  graceMs: number = HTTP_TIMEOUTS.shutdownGraceMs,
): Promise<void> {
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    const closed = close();
    server.closeIdleConnections();
    await closed;
  } finally {
    clearTimeout(cut);
  }
}

export interface RunOptions {
  /** The app's package name: the start-up line's label and its row in APPS (the default port). */
  name: string;
  createServer: CreateServer;
  /** Whether the app also serves `/ws` (printed in the start-up line). */
  websocket?: boolean;
}

/**
 * The entry every `server.ts` calls: reads `PORT` (default: the app's port in APPS) and `HOST` (default
 * 127.0.0.1), listens, prints one
 * line with the URLs, and on SIGINT/SIGTERM closes gracefully and exits 0. Shared so that start-up
 * and shutdown behave identically in every app; the frameworks differ only in `createServer`.
 */
export async function runServer(options: RunOptions): Promise<void> {
  let app: AppServer;
  let host: string;
  let port: number;
  try {
    const workers = readWorkers(process.env.WORKERS);
    if (workers > 1 && !isClusterWorker()) return runPrimary(options.name, workers, options.websocket);
    const address = listenAddress(options.name);
    host = address.hostname;
    app = await options.createServer();
    port = await listen(app.server, address.port, host);
  } catch (err) {
    // A bad setting or an unreachable REDIS_URL: one clear line, not a stack trace.
    console.error(`${options.name}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  // In a cluster the primary prints the line once, with the worker count.
  if (!isClusterWorker()) console.log(startLine(options.name, host, port, options.websocket === true));

  exitOnSignals((signal) => {
    // close() has its own deadlines (grace, then cut); this only catches a bug in them.
    const force = setTimeout(() => {
      console.error(`${options.name}: still busy 5 s after ${signal}, exiting`);
      process.exit(1);
    }, 5_000);
    force.unref();
    return app.close();
  });
}
