/**
 * The machine's own noise, measured while the bench runs: a process pinned to the server core runs a
 * fixed CPU-bound loop (no I/O, no allocation) between rounds and reports how long it took. Its
 * spread across rounds is what the host (steal time, frequency, neighbours) did to the server core,
 * independent of any app; the method line prints it so a reader knows whether the run was quiet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { track } from '../targets/server-process.js';

/** About 45 ms of work on the development machine: short beside a round, long beside timer noise. */
export const CANARY_ITERATIONS = 3_000_000;

// CommonJS under `node -e`. The result is printed so the loop cannot be optimised away.
const SCRIPT = `
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', () => {
  const t = performance.now();
  let x = 1;
  for (let i = 0; i < ${CANARY_ITERATIONS}; i++) x = (x * 1103515245 + 12345) % 2147483648;
  process.stdout.write((performance.now() - t).toFixed(3) + ' ' + (x & 1) + '\\n');
});`;

/** A running canary; `run` resolves with one loop's milliseconds (null if the canary died). */
export interface Canary {
  run(): Promise<number | null>;
  stop(): void;
}

/**
 * Starts the canary with the server's command prefix (`taskset -c 0`), on the Node running the
 * bench so its figure means the same in every run. Resolves null when it cannot start.
 */
export async function startCanary(prefix: readonly string[]): Promise<Canary | null> {
  const [command, ...args] = [...prefix, process.execPath, '-e', SCRIPT];
  let child: ChildProcess;
  try {
    child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
  track(child);
  child.stdin!.on('error', () => {}); // a dead canary is reported as null, not thrown
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((ms: number | null) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(Number(line.split(' ')[0])));
  child.once('exit', () => waiting.splice(0).forEach((w) => w(null)));
  child.on('error', () => waiting.splice(0).forEach((w) => w(null)));
  const canary: Canary = {
    run: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
        waiting.push(resolve);
        child.stdin!.write('go\n');
      }),
    stop: () => {
      child.stdin!.end();
      child.kill('SIGTERM');
    },
  };
  // The first loop compiles the function: not a measurement.
  return (await canary.run()) === null ? null : canary;
}
