/** Starts test/fixtures/stall-server.mjs in its own process (a stall there must not stall the generator). */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./fixtures/stall-server.mjs', import.meta.url));

export interface StallServer {
  url: string;
  stop(): Promise<void>;
}

/** A server on 127.0.0.1 (a free port) whose event loop busy-waits `stallMs` every second (0: never). */
export async function startStallServer(stallMs: number): Promise<StallServer> {
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, STALL_MS: String(stallMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await Promise.race([
    once(child.stdout!, 'data'),
    once(child, 'exit').then(() => {
      throw new Error('the stall server exited before listening');
    }),
  ])) as [Buffer];
  const port = Number(String(line).trim());
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
