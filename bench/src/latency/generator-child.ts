/**
 * The open-loop generator's own process. A latency run forks it once, pins it (every thread) on the
 * load CPU and sends it one step at a time over IPC: the bench's own process keeps its timers, /proc
 * sampling and logging off the generator's event loop, whose lateness is part of every corrected
 * latency. One step at a time, so two never compete for the core.
 */
import { openLoop, type OpenLoopOptions, type OpenLoopResult } from './open-loop.js';

export type GeneratorRequest = { id: number; options: OpenLoopOptions };
export type GeneratorReply = { id: number; result: OpenLoopResult } | { id: number; error: string };

if (process.send === undefined) {
  process.stderr.write('generator-child: run it with child_process.fork (it answers over IPC)\n');
  process.exit(2);
}

let queue: Promise<void> = Promise.resolve();
process.on('message', (message: GeneratorRequest) => {
  queue = queue.then(async () => {
    let reply: GeneratorReply;
    try {
      reply = { id: message.id, result: await openLoop(message.options) };
    } catch (err) {
      reply = { id: message.id, error: err instanceof Error ? err.message : String(err) };
    }
    process.send!(reply);
  });
});
// The bench went away (killed, crashed): nothing is left to answer to.
process.on('disconnect', () => process.exit(0));
