/** Starts an app's built entry with plain `node`, as `npm start` and the bench do. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import { HELLO_TEXT } from '@repo/fixtures';

export interface Spawned {
  child: ChildProcess;
  /** The `http://host:port/` URL from the app's start-up line. */
  url: string;
  output: () => string;
}

/** Spawns `node <entry>` with PORT=0 and waits for the start-up line. */
export function spawnEntry(entry: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 10_000): Promise<Spawned> {
  return spawnCommand(process.execPath, [entry], env, timeoutMs);
}

/** Spawns any command (an entry on Bun or Deno, say) with PORT=0 and waits for the start-up line. */
export async function spawnCommand(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 10_000,
): Promise<Spawned> {
  const entry = args.at(-1) ?? command;
  const child = spawn(command, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} printed no URL in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = () => {
      const match = /http:\/\/[^\s/]+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match[0]);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before listening:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

/** Sends a signal and resolves with the exit code. */
export async function stopEntry(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

/**
 * The spawned server answers `GET /` with the hello text and names itself in its start-up line;
 * with `webSocket`, a client connected to `/ws` is told 1001 (going away) when SIGTERM stops it,
 * and the process exits 0 either way. Stops the process whatever happens.
 */
export async function expectHelloThenGoodbye(
  { child, url, output }: Spawned,
  name: string,
  webSocket: boolean,
): Promise<void> {
  let socket: WebSocket | undefined;
  try {
    const res = await fetch(url);
    expect(await res.text()).toBe(HELLO_TEXT);
    expect(output()).toContain(name);
    if (webSocket) {
      socket = new WebSocket(`${url.replace('http', 'ws')}ws`);
      await once(socket, 'open');
    }
  } finally {
    const closed = socket ? once(socket, 'close') : undefined;
    expect(await stopEntry(child)).toBe(0);
    if (closed) expect((await closed)[0]).toBe(1001);
  }
}
