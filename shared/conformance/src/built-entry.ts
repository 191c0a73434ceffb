/** Starts an app's built entry with plain `node`, as `npm start` and the bench do. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

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
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} printed no URL in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = () => {
      const match = /http:\/\/[^\s/]+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
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
