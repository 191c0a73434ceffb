/**
 * Starting and stopping the servers under test: plain `node <entry>` (never npm, whose wrapper
 * process would skew CPU and RSS), NODE_ENV=production, a free port, optional taskset, a raised
 * open-files limit. Every child is tracked so none outlives the bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { freePort } from '@repo/harness';
import { readProc } from './proc-stats.js';

/** What to start. */
export interface ServerSpec {
  name: string;
  entry: string;
  nodePath: string;
  /** Runtime arguments before the entry (Deno's permissions) and environment (none for Node). */
  runtimeArgs?: string[];
  runtimeEnv?: Record<string, string>;
}

export interface StartOptions {
  /** Command prefix, e.g. `taskset -c 0` (see pinning.ts). */
  prefix?: string[];
  readyTimeoutMs?: number;
  /** Port picker (tests inject a busy port first). */
  pickPort?: () => Promise<number>;
  /** Extra environment (tests switch fixture behaviour). */
  env?: Record<string, string>;
}

/** Start failures: the message carries the reason and the app's last output lines. */
export class StartError extends Error {}

const live = new Set<ChildProcess>();

/** Adds a helper process (the canary) to the ones killed on exit. */
export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Kills every server still running, synchronously (for `process.on('exit')`). */
export function killAllSync(): void {
  for (const child of live) child.kill('SIGKILL');
}

/** Stops every server still running (SIGTERM, then SIGKILL); for Ctrl-C. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((child) => stopChild(child)));
}

// `ulimit -n` is raised for ws-capacity: to 65536, or to the hard limit when that is lower.
const RAISE_FD_LIMIT = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';

/** A running server; `exit` is set once it has exited (crash or stop). */
export class ServerProcess {
  exit: { code: number | null; signal: string | null } | null = null;
  readonly #lines: string[] = [];
  readonly #exitListeners = new Set<() => void>();
  startupMs = 0;
  idleRssMB: number | null = null;

  constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const collect = (chunk: Buffer) => {
      this.#lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((l) => l.trim() !== ''),
      );
      if (this.#lines.length > 200) this.#lines.splice(0, this.#lines.length - 100);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code, signal) => {
      live.delete(child);
      this.exit = { code, signal };
      for (const listener of this.#exitListeners) listener();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get output(): string {
    return this.#lines.join('\n');
  }

  /**
   * The app's last words for failure reasons: its last lines, led by the first line that names an
   * error (a stack trace's tail alone says little).
   */
  lastLines(n = 4): string {
    const tail = this.#lines.slice(-n);
    const error = this.#lines.find((l) => /\b[A-Z]\w*Error\b|\berror\b/i.test(l));
    return (error && !tail.includes(error) ? [error, '…', ...tail] : tail).join(' | ');
  }

  /** How it exited, for reasons: "exit code 3" or "signal SIGKILL". */
  describeExit(): string {
    if (!this.exit) return 'still running';
    return this.exit.signal ? `killed by ${this.exit.signal}` : `exit code ${this.exit.code}`;
  }

  /** Calls `listener` when the process exits; returns an unsubscribe function. */
  onExit(listener: () => void): () => void {
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  /** Resolves once the process has exited, or after `timeoutMs`, whichever comes first. */
  exited(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const off = this.onExit(done);
      if (this.exit) done();
      function done() {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** One GET /; resolves with the status, or 0 when the connection failed. */
function probe(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a server and waits until it is ready: its start-up line names the port *and* `GET /`
 * answers 200 (a server already on that port cannot pass for it). Start-up time is spawn → first
 * 200; idle RSS is read right then. A port taken meanwhile (EADDRINUSE) is retried on a new one.
 */
export async function startServer(spec: ServerSpec, options: StartOptions = {}): Promise<ServerProcess> {
  const pickPort = options.pickPort ?? (() => freePort());
  const timeoutMs = options.readyTimeoutMs ?? 10_000;
  for (let attempt = 1; ; attempt++) {
    const port = await pickPort();
    const command = [...(options.prefix ?? []), spec.nodePath, ...(spec.runtimeArgs ?? []), spec.entry];
    const started = performance.now();
    const child = spawn('/bin/sh', ['-c', RAISE_FD_LIMIT, 'sh', ...command], {
      env: {
        ...process.env,
        ...spec.runtimeEnv,
        ...options.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group: a terminal Ctrl-C reaches only the bench, which then stops servers itself.
      detached: true,
    });
    live.add(child);
    const server = new ServerProcess(spec, child, port);
    const deadline = started + timeoutMs;
    while (!server.exit && performance.now() < deadline) {
      if (server.output.includes(`:${port}/`) && (await probe(port)) === 200 && !server.exit) {
        server.startupMs = performance.now() - started;
        server.idleRssMB = readProc(server.pid)?.rssMB ?? null;
        return server;
      }
      await sleep(20);
    }
    if (server.exit && /EADDRINUSE/.test(server.output) && attempt < 5) continue;
    const why = server.exit
      ? `exited before ready (${server.describeExit()})`
      : `not ready within ${timeoutMs / 1000} s`;
    await server.stop();
    throw new StartError(`${spec.name} ${why}: ${server.lastLines() || 'no output'}`);
  }
}
