/**
 * The parent's side of generator-child.ts: forks it on a chosen Node, pins it, and runs one
 * open-loop step at a time. `advanced` serialization keeps NaN and Infinity (a step nothing answered
 * has NaN percentiles and an infinite Little's-law need), which JSON would turn into null.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { track } from '../targets/server-process.js';
import { BENCH_DIR } from '../targets/targets.js';
import type { GeneratorReply } from './generator-child.js';
import type { OpenLoopOptions, OpenLoopResult } from './open-loop.js';

/** The compiled child: the bench runs from dist/, and so does the generator (tests build first). */
export const GENERATOR_CHILD = join(BENCH_DIR, 'dist', 'latency', 'generator-child.js');

/**
 * A young generation big enough that a step's garbage (response buffers, samples) needs few
 * scavenges: each is a pause of the generator's loop, and every send due during it goes out late.
 */
export const GENERATOR_FLAGS = ['--max-semi-space-size=64'];

export class RemoteGenerator {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, { resolve: (r: OpenLoopResult) => void; reject: (e: Error) => void }>();
  #next = 0;
  #exited: string | null = null;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (reply: GeneratorReply) => {
      const w = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if ('error' in reply) w?.reject(new Error(`open-loop generator: ${reply.error}`));
      else w?.resolve(reply.result);
    });
    child.once('exit', (code, signal) => {
      this.#exited = `the open-loop generator exited (${signal ?? `code ${code}`})`;
      for (const w of this.#waiting.values()) w.reject(new Error(this.#exited));
      this.#waiting.clear();
    });
  }

  /**
   * Forks the generator on `nodePath` and pins all its threads to `cpus` (`taskset` syntax; null:
   * unpinned). Rejects when the bench is not built.
   */
  static async start(nodePath: string, cpus: string | null): Promise<RemoteGenerator> {
    if (!existsSync(GENERATOR_CHILD))
      throw new Error(`${GENERATOR_CHILD} is missing: run \`npm run build\` first`);
    const child = fork(GENERATOR_CHILD, [], {
      execPath: nodePath,
      execArgv: GENERATOR_FLAGS,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    track(child);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    if (cpus !== null) execFileSync('taskset', ['-a', '-pc', cpus, String(child.pid)], { stdio: 'ignore' });
    return new RemoteGenerator(child);
  }

  get pid(): number {
    return this.#child.pid!;
  }

  /** One open-loop step in the child. */
  run(options: OpenLoopOptions): Promise<OpenLoopResult> {
    if (this.#exited !== null) return Promise.reject(new Error(this.#exited));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#child.send({ id, options });
    });
  }

  stop(): void {
    if (this.#exited === null) this.#child.kill('SIGTERM');
  }
}
