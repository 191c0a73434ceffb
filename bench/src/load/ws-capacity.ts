/**
 * ws-capacity, websocket-shootout style: add clients in steps; after each step run broadcast waves
 * for a moment and stop once the p95 broadcast round trip passes 500 ms, a message is lost, a
 * client cannot connect, or the cap is reached. The answer is the largest client count that held,
 * and the p95 at every step: when every app reaches the cap, that curve is the comparison.
 *
 * Clients sit in rooms of {@link ROOM_SIZE}: one room of 20,000 would cost 2×10⁸ `chat.joined`
 * notifications while ramping (each join tells every member). A wave is one `chat.send` in every
 * room at once, so it reaches every client, like the shootout's broadcast; the round trip is send →
 * result, which the server sends after fanning the message out. The next wave starts when the
 * last one is acknowledged (and never sooner than the per-socket pacing allows).
 */
import type WebSocket from 'ws';
import { percentileOfSorted } from '../stats/stats.js';
import { textOf, WsClient } from '@repo/harness';
import { closeAll, MIN_SEND_INTERVAL_MS, openMany, type RpcMessage } from './ws-client.js';
import type { LoadOptions, LoadOutcome, LoadSession } from '../model/load-types.js';
import type { CapacityStep } from '../model/schema.js';

export const ROOM_SIZE = 100;
export const P95_LIMIT_MS = 500;

interface Room {
  name: string;
  members: WebSocket[];
  /** Last acknowledged message id; every member must have seen it. */
  lastId: number;
  sentAt: number;
  waiting: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A ws-capacity session: `run` is the whole ramp; there is no warm-up. */
export function openWsCapacity(port: number): LoadSession {
  const sockets: WebSocket[] = [];
  const rooms: Room[] = [];
  const seen = new Map<WebSocket, number>();
  const problems = new Set<string>();
  let onAck: ((room: Room, msg: RpcMessage) => void) | null = null;

  async function addClients(count: number): Promise<void> {
    const fresh = await openMany(port, count);
    sockets.push(...fresh);
    const placed = fresh.map((ws) => {
      let room = rooms.at(-1);
      if (!room || room.members.length === ROOM_SIZE) {
        room = { name: `cap-${rooms.length}`, members: [], lastId: 0, sentAt: 0, waiting: false };
        rooms.push(room);
      }
      room.members.push(ws);
      return { ws, room, nick: `c${room.members.length}` };
    });
    // No wave runs while clients join, so a room's lastId is where each newcomer starts counting.
    await Promise.all(placed.map(({ ws, room, nick }) => join(ws, room, nick)));
  }

  async function join(ws: WebSocket, room: Room, nick: string): Promise<void> {
    const reply = await WsClient.over(ws).call('chat.join', { room: room.name, nick }, 10_000);
    if (reply.error) throw new Error(`chat.join failed: ${reply.error.message}`);
    ws.removeAllListeners('message');
    seen.set(ws, room.lastId);
    ws.on('message', (data) => {
      // Presence notifications (a join tells every member) are most of the ramp's traffic; they
      // are not part of the measurement, so they are not parsed.
      if (textOf(data).includes('"chat.joined"')) return;
      let msg: RpcMessage;
      try {
        msg = JSON.parse(textOf(data)) as RpcMessage;
      } catch {
        return void problems.add('a client received invalid JSON');
      }
      if (msg.method === 'chat.message') {
        const id = Number(msg.params?.id);
        if (id !== (seen.get(ws) ?? 0) + 1)
          problems.add(`a client in ${room.name} missed a message (got ${id})`);
        seen.set(ws, id);
      } else if (!msg.method && room.members[0] === ws) onAck?.(room, msg);
    });
    ws.on('close', () => problems.add('the server closed a client socket'));
  }

  /** One wave: every room's first member sends; resolves with each room's round trip (ms). */
  function wave(signal: AbortSignal): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const rtts: number[] = [];
      const fail = (why: string) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', stopped);
        reject(new Error(why));
      };
      const timer = setTimeout(() => fail('a broadcast was not acknowledged within 10 s'), 10_000);
      // Ctrl-C or the server gone: no acknowledgement will come.
      const stopped = () => fail('stopped');
      signal.addEventListener('abort', stopped, { once: true });
      onAck = (room, msg) => {
        if (!room.waiting) return;
        room.waiting = false;
        if (msg.error) problems.add(`chat.send error ${msg.error.code} ${msg.error.message}`);
        room.lastId = Number((msg.result as { id?: unknown } | undefined)?.id);
        rtts.push(performance.now() - room.sentAt);
        if (rtts.length === rooms.length) {
          clearTimeout(timer);
          signal.removeEventListener('abort', stopped);
          resolve(rtts);
        }
      };
      for (const room of rooms) {
        room.waiting = true;
        room.sentAt = performance.now();
        room.members[0]!.send(`{"jsonrpc":"2.0","id":1,"method":"chat.send","params":{"text":"wave"}}`);
      }
    });
  }

  async function ramp(options: LoadOptions): Promise<LoadOutcome> {
    const { max, step, holdSeconds } = options.capacity ?? { max: 20_000, step: 5_000, holdSeconds: 0.5 };
    const steps: CapacityStep[] = [];
    let held = 0;
    let stop = `reached the ${max}-client cap`;
    while (sockets.length < max && !options.signal.aborted) {
      const target = Math.min(max, sockets.length + step);
      try {
        await addClients(target - sockets.length);
      } catch (err) {
        stop = `connecting client ${sockets.length + 1} failed: ${(err as Error).message}`;
        break;
      }
      const rtts: number[] = [];
      const holdEnd = performance.now() + holdSeconds * 1000;
      try {
        // At least one wave per step, however short the hold.
        do {
          const started = performance.now();
          rtts.push(...(await wave(options.signal)));
          await sleep(Math.max(0, started + MIN_SEND_INTERVAL_MS - performance.now()));
        } while (performance.now() < holdEnd && !options.signal.aborted && problems.size === 0);
      } catch (err) {
        problems.add((err as Error).message);
      }
      await sleep(200); // let the last wave's deliveries land before checking them
      const behind = rooms.reduce(
        (n, r) => n + r.members.filter((ws) => seen.get(ws) !== r.lastId).length,
        0,
      );
      if (behind > 0) problems.add(`${behind} clients did not receive every broadcast`);
      const sorted = rtts.sort((a, b) => a - b);
      const at = (p: number) => (sorted.length > 0 ? percentileOfSorted(sorted, p) : null);
      const p95 = at(95);
      const ok = problems.size === 0 && p95 !== null && p95 <= P95_LIMIT_MS;
      steps.push({ clients: sockets.length, p50: at(50), p95, p99: at(99), held: ok });
      options.onRate?.(sockets.length);
      if (problems.size > 0) {
        stop = `at ${sockets.length} clients: ${[...problems].join('; ')}`;
        break;
      }
      if (!ok) {
        stop = `p95 broadcast round trip ${p95?.toFixed(0) ?? '–'} ms at ${sockets.length} clients`;
        break;
      }
      held = sockets.length;
    }
    const last = steps.filter((s) => s.held).at(-1);
    return {
      value: held,
      p50: last?.p50 ?? NaN,
      p99: last?.p99 ?? NaN,
      mean: NaN,
      throughputMBs: null,
      problems: [],
      notes: [],
      capacity: { steps, stop, capped: held === max },
    };
  }

  return { run: ramp, close: () => closeAll(sockets) };
}
