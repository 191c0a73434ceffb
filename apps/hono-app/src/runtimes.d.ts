/**
 * The few Bun and Deno globals bun.ts and deno.ts use, declared by hand so the entries type-check under
 * the repo's strict config without `bun-types` or Deno's lib (neither runtime is a dependency: both are
 * fetched on demand, see @repo/runtimes).
 */
declare namespace Bun {
  interface Server {
    readonly port: number;
    stop(closeActiveConnections?: boolean): Promise<void>;
  }
}
declare const Bun: {
  readonly version: string;
  serve(options: {
    port: number;
    hostname: string;
    /** Seconds an HTTP connection may sit idle (Bun has this one timeout, no separate head timeout). */
    idleTimeout?: number;
    fetch(req: Request, server: Bun.Server): Response | Promise<Response | undefined> | undefined;
    websocket: object;
  }): Bun.Server;
};

declare namespace Deno {
  interface UpgradeWebSocketOptions {
    protocol?: string;
    /** Seconds without a pong before Deno closes the socket (it pings on its own). */
    idleTimeout?: number;
  }
  interface HttpServer {
    readonly addr: { hostname: string; port: number };
    readonly finished: Promise<void>;
    shutdown(): Promise<void>;
  }
}
declare const Deno: {
  readonly version: { readonly deno: string };
  serve(
    options: {
      port: number;
      hostname: string;
      signal?: AbortSignal;
      onListen?(addr: { hostname: string; port: number }): void;
    },
    handler: (req: Request) => Response | Promise<Response>,
  ): Deno.HttpServer;
  addSignalListener(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  exit(code?: number): never;
};
