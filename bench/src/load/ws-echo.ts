/**
 * ws-echo: N callers call `say_hello` in a closed loop (send, await the reply, send again), like
 * autocannon's N connections. The chat allows 20 messages/s per socket, so each caller owns
 * {@link SOCKETS_PER_CALLER} sockets, takes them in turn and never sends on one more often than
 * 18 times a second: the ceiling (100 × 25 × 18 = 45k calls/s) is above what one core serves, so the
 * server, not the rate limit, sets the pace. Every reply is checked; any error invalidates the round.
 */
import type WebSocket from 'ws';
import { HELLO_TEXT } from '@repo/fixtures';
import { Samples } from '../stats/stats.js';
import { closeAll, MIN_SEND_INTERVAL_MS, openMany, SAFE_RATE_PER_SOCKET } from './ws-client.js';
import { DRAIN_MS, MessageRouter, roundTimers, staggerStarts, type Handler } from './ws-loop.js';
import type { LoadOptions, LoadOutcome, LoadSession } from '../model/load-types.js';

export const SOCKETS_PER_CALLER = 25;

interface Slot {
  ws: WebSocket;
  lastSend: number;
}

interface Caller {
  slots: Slot[];
  next: number;
  id: number;
  sentAt: number;
  busy: boolean;
}

/** Opens the sockets; `run` may then be called for the warm-up and the measured phase. */
export async function openWsEcho(port: number, callers: number): Promise<LoadSession> {
  const sockets = await openMany(port, callers * SOCKETS_PER_CALLER);
  const all: Caller[] = Array.from({ length: callers }, (_, c) => ({
    slots: sockets
      .slice(c * SOCKETS_PER_CALLER, (c + 1) * SOCKETS_PER_CALLER)
      .map((ws) => ({ ws, lastSend: -Infinity })),
    next: 0,
    id: 0,
    sentAt: 0,
    busy: false,
  }));
  const router = new MessageRouter<Caller>();
  for (const caller of all) for (const { ws } of caller.slots) router.listen(ws, caller);

  return {
    close: () => closeAll(sockets),
    run: (options: LoadOptions) =>
      new Promise<LoadOutcome>((resolve) => {
        const samples = new Samples();
        const problems = new Set<string>();
        const start = performance.now();
        const end = start + options.seconds * 1000;
        let calls = 0;
        let stopping = false;
        // Each run has its own handler and flag: a timer left over from the warm-up must not end
        // the measured run.
        let finished = false;
        for (const c of all) c.busy = false;

        const send = (caller: Caller) => {
          if (finished) return;
          if (stopping || options.signal.aborted || performance.now() >= end) return finishIfIdle();
          const slot = caller.slots[caller.next]!;
          const wait = slot.lastSend + MIN_SEND_INTERVAL_MS - performance.now();
          if (wait > 0) return void setTimeout(() => send(caller), wait);
          caller.next = (caller.next + 1) % caller.slots.length;
          caller.busy = true;
          slot.lastSend = caller.sentAt = performance.now();
          slot.ws.send(`{"jsonrpc":"2.0","id":${++caller.id},"method":"say_hello","params":[]}`);
        };
        const handler: Handler<Caller> = (caller, msg, why) => {
          caller.busy = false;
          if (!msg) problems.add(why);
          else if (msg.error) problems.add(`error ${msg.error.code} ${msg.error.message}`);
          else if (msg.id !== caller.id || msg.result !== HELLO_TEXT)
            problems.add(`unexpected reply ${JSON.stringify(msg).slice(0, 80)}`);
          else if (caller.sentAt < end) {
            const now = performance.now();
            samples.add(now - caller.sentAt);
            if (now <= end) calls++;
          }
          if (problems.size > 0) stopping = true;
          send(caller);
        };
        router.current = handler;
        // Drain: wait for replies still in flight, but not forever; Ctrl-C or a dead server: at once.
        const stopTimers = roundTimers(options, () => calls, finish);
        function finishIfIdle() {
          if (all.every((c) => !c.busy)) finish();
        }
        function finish() {
          if (finished) return;
          finished = true;
          if (router.current === handler) router.current = null;
          stopTimers();
          const pending = all.filter((c) => c.busy).length;
          if (pending > 0 && !options.signal.aborted)
            problems.add(`${pending} calls unanswered ${DRAIN_MS / 1000} s after the round`);
          const seconds = Math.min(performance.now(), end) - start;
          const [p50 = NaN, p99 = NaN] = samples.percentiles(50, 99);
          const value = calls / (seconds / 1000);
          const ceiling = all.length * SOCKETS_PER_CALLER * SAFE_RATE_PER_SOCKET;
          const notes =
            value > 0.9 * ceiling
              ? [`within 10% of the pacing ceiling (${ceiling} calls/s): add sockets`]
              : [];
          resolve({
            value,
            p50,
            p99,
            mean: samples.mean(),
            throughputMBs: null,
            problems: [...problems],
            notes,
          });
        }
        staggerStarts(all, send);
      }),
  };
}
