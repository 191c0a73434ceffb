/**
 * ws-broadcast: N members in one room, every one of them a sender. Each sends `chat.send`, awaits
 * its result and sends again, never more than 18 times a second (the limit is 20 per socket); first
 * sends are spread over one interval so the senders do not fire in lockstep. Every member checks
 * that it receives every message, in id order; a gap invalidates the sample. Delivery latency is
 * send → arrival at each member (the text carries the send time; one process, one clock).
 *
 * The chat caps a room at 30 messages/s and a process at 20,000 notification frames/s so that chat
 * cannot starve HTTP; this scenario measures that fan-out, so its servers run with both caps lifted
 * (model/defaults.ts FANOUT_ENV), and a room of 100 stays under the member cap (250). With the caps on,
 * every app would deliver the same 3,000 deliveries/s and the table would only show the cap.
 */
import type WebSocket from 'ws';
import { Samples } from '../stats/stats.js';
import { WsClient } from '@repo/harness';
import { closeAll, MIN_SEND_INTERVAL_MS, openMany, SAFE_RATE_PER_SOCKET } from './ws-client.js';
import { MessageRouter, roundTimers, staggerStarts, type Handler } from './ws-loop.js';
import type { LoadOptions, LoadOutcome, LoadSession } from '../model/load-types.js';

interface Member {
  ws: WebSocket;
  /** The next chat.message id this member must see. */
  expected: number;
  lastSend: number;
  id: number;
  busy: boolean;
}

/** Connects the members and joins them to a fresh room; `run` then measures (warm-up, round). */
export async function openWsBroadcast(port: number, count: number): Promise<LoadSession> {
  const sockets = await openMany(port, count);
  const room = `bench-${Math.random().toString(36).slice(2, 10)}`;
  try {
    await Promise.all(
      sockets.map(async (ws, i) => {
        const client = WsClient.over(ws);
        const reply = await client.call('chat.join', { room, nick: `m${i}` }, 10_000);
        if (reply.error) throw new Error(`chat.join failed: ${reply.error.message}`);
        ws.removeAllListeners('message');
      }),
    );
  } catch (err) {
    closeAll(sockets);
    throw err;
  }
  const members: Member[] = sockets.map((ws) => ({
    ws,
    expected: 1,
    lastSend: -Infinity,
    id: 1000,
    busy: false,
  }));
  const router = new MessageRouter<Member>();
  for (const member of members) router.listen(member.ws, member);
  let lastId = 0;

  return {
    close: () => closeAll(sockets),
    run: (options: LoadOptions) =>
      new Promise<LoadOutcome>((resolve) => {
        const samples = new Samples();
        const problems = new Set<string>();
        const start = performance.now();
        const end = start + options.seconds * 1000;
        let deliveries = 0;
        let sends = 0;
        for (const m of members) m.busy = false;
        // Each run has its own handler and flag: a timer left over from the warm-up must not end
        // the measured run.
        let finished = false;

        const send = (m: Member) => {
          if (finished) return;
          if (problems.size > 0 || options.signal.aborted || performance.now() >= end) return finishIfDone();
          const wait = m.lastSend + MIN_SEND_INTERVAL_MS - performance.now();
          if (wait > 0) return void setTimeout(() => send(m), wait);
          m.busy = true;
          m.lastSend = performance.now();
          sends++;
          m.ws.send(
            `{"jsonrpc":"2.0","id":${++m.id},"method":"chat.send","params":{"text":"${m.lastSend}"}}`,
          );
        };
        const handler: Handler<Member> = (m, msg, why) => {
          if (!msg) problems.add(why);
          else if (msg.method === 'chat.message') {
            const p = msg.params ?? {};
            if (p.id !== m.expected || p.room !== room) {
              problems.add(
                `a member expected message ${m.expected} of ${room}, got ${String(p.id)} of ${String(p.room)}`,
              );
            }
            m.expected = Number(p.id) + 1;
            const now = performance.now();
            const sentAt = Number(p.text);
            if (sentAt < end) samples.add(now - sentAt);
            if (now <= end) deliveries++;
            return finishIfDone();
          } else if (msg.method)
            return; // chat.joined / chat.left: not part of the measurement
          else if (msg.error) problems.add(`error ${msg.error.code} ${msg.error.message}`);
          else if (msg.id !== m.id) problems.add(`unexpected reply ${JSON.stringify(msg).slice(0, 80)}`);
          else lastId = Math.max(lastId, Number((msg.result as { id?: unknown } | undefined)?.id));
          m.busy = false;
          send(m);
        };
        router.current = handler;
        const stopTimers = roundTimers(options, () => deliveries, finish);
        // Done once no send is in flight and every member has seen every acknowledged message.
        function finishIfDone() {
          if (performance.now() < end && !options.signal.aborted && problems.size === 0) return;
          if (members.every((m) => !m.busy && m.expected === lastId + 1)) finish();
        }
        function finish() {
          if (finished) return;
          finished = true;
          if (router.current === handler) router.current = null;
          stopTimers();
          const behind = members.filter((m) => m.expected !== lastId + 1).length;
          if (behind > 0 && !options.signal.aborted)
            problems.add(`${behind} members did not receive every message (last id ${lastId})`);
          const seconds = (Math.min(performance.now(), end) - start) / 1000;
          const [p50 = NaN, p99 = NaN] = samples.percentiles(50, 99);
          const ceiling = members.length * SAFE_RATE_PER_SOCKET;
          const notes =
            sends / seconds > 0.9 * ceiling
              ? [
                  `senders at the per-socket pacing ceiling (${ceiling} messages/s): compare latency and CPU, not rate`,
                ]
              : [];
          resolve({
            value: deliveries / seconds,
            p50,
            p99,
            mean: samples.mean(),
            throughputMBs: null,
            problems: [...problems],
            notes,
          });
        }
        staggerStarts(members, send);
      }),
  };
}
