/**
 * Start-up and shutdown pieces that every entry shares, on Node (`runServer`) and on Bun and Deno
 * (hono-app's bun.ts and deno.ts): the port from APPS or `PORT`, the start-up line tools parse, and a
 * once-only stop on SIGTERM/SIGINT. Nothing here touches node:http, so the Bun and Deno entries can
 * use it as it is.
 */
import { APPS } from '@repo/fixtures';

/** `PORT` as a port number (0 = ephemeral), else `fallback`; throws on anything else. */
export function readPort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

/** The app's default port: its row in APPS, the one place ports are defined. */
export function defaultPortOf(name: string): number {
  const app = APPS.find((a) => a.name === name);
  if (!app) throw new Error(`${name} is not in APPS (shared/fixtures/src/apps.ts)`);
  return app.defaultPort;
}

/**
 * Where the app listens: `PORT` (default: its port in APPS) and `HOST` (default 127.0.0.1).
 *
 * @example const { port, hostname } = listenAddress('hono-app');
 */
export function listenAddress(name: string): { port: number; hostname: string } {
  return { port: readPort(process.env.PORT, defaultPortOf(name)), hostname: process.env.HOST || '127.0.0.1' };
}

/**
 * The start-up line. Its first URL is the one tools read (spawnEntry, the bench): keep it first and
 * keep its shape; the others are for people.
 */
export function startLine(label: string, host: string, port: number, websocket = true): string {
  const origin = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const urls = websocket
    ? `http://${origin}/ (chat page http://${origin}/chat, WebSocket ws://${origin}/ws)`
    : `http://${origin}/`;
  return `${label} listening on ${urls}`;
}

/**
 * How a runtime delivers a signal and ends the process (Node and Bun: `process`; Deno: `Deno`).
 * Plain functions, not methods: `exitOnSignals` calls them detached from the object.
 */
export interface SignalHooks {
  onSignal: (signal: 'SIGTERM' | 'SIGINT', stop: () => void) => void;
  exit: (code: number) => void;
}

const nodeHooks: SignalHooks = {
  onSignal: (signal, stop) => process.once(signal, stop),
  exit: (code) => process.exit(code),
};

/**
 * On the first SIGTERM or SIGINT (later ones are ignored): runs `close` and exits 0, or logs its
 * error and exits 1. `close` carries its own deadlines; it gets the signal's name for its messages.
 */
export function exitOnSignals(
  close: (signal: 'SIGTERM' | 'SIGINT') => Promise<unknown>,
  { onSignal, exit }: SignalHooks = nodeHooks,
): void {
  let closing = false;
  const stop = (signal: 'SIGTERM' | 'SIGINT') => {
    if (closing) return;
    closing = true;
    close(signal).then(
      () => exit(0),
      (err: unknown) => {
        console.error(err);
        exit(1);
      },
    );
  };
  onSignal('SIGTERM', () => stop('SIGTERM'));
  onSignal('SIGINT', () => stop('SIGINT'));
}
