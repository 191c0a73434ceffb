/**
 * What one client can make the chat cost (shared/chat/README.md, Limits): a reply's size is bounded
 * before it is built, text must be well-formed, and chat fan-out cannot starve HTTP on the same port.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { Check, CheckContext } from './types.js';
import { isReply, nextFrame, type WsClient } from '@repo/harness';
import { uniqueRoom, withPool } from './ws-pool.js';

/** The history cap: the JSON of a join's `history` array never passes this. */
const HISTORY_MAX_BYTES = 64 * 1024;
/** A join reply is history + ≤ 100 members (≤ 100 bytes each) + a small envelope. */
const JOIN_REPLY_MAX_BYTES = HISTORY_MAX_BYTES + 16 * 1024;
/** What one 64 KiB frame may get back at most (a join, echoed ids, small replies); documented ~160 KiB. */
const FRAME_REPLY_MAX_BYTES = 256 * 1024;
/** 2,000 characters, nearly all \u0001: legal text, but 6 bytes of JSON each (a ~12 KB message). */
const heavy = (i: number): string => `${i} `.padEnd(2000, '\u0001');

/** chat.send's result. */
interface Sent {
  id: number;
  at: string;
}

/** UTF-8 size of the first received frame matching `pred`, as it came off the wire. */
const bytesOf = (client: WsClient, pred: (frame: unknown) => boolean): number =>
  Buffer.byteLength(client.raw[client.frames.findIndex(pred)] ?? '');

/** Load figures for the fan-out check (exported so a script can print them). */
export interface FanOutStats {
  /** `GET /` latencies in ms, sorted. */
  latencies: number[];
  p99: number;
  /** Error replies to chat.send by code. */
  errors: Record<string, number>;
  results: number;
  /** Sockets the server closed during the run. */
  closed: number;
}

/**
 * Puts `members` sockets in one room, makes each send a message every 50 ms (the 20/s per-socket
 * rate) for `ms`, and times `GET /` on a fresh connection every 20 ms meanwhile. The client side only
 * sends and lets WsClient record frames; it never waits per message.
 */
export async function measureFanOut(ctx: CheckContext, members = 100, ms = 3000): Promise<FanOutStats> {
  return withPool(ctx, async (pool) => {
    const room = uniqueRoom('fanout');
    const clients = await pool.connectMany(members);
    await Promise.all(clients.map((c, i) => c.ok('chat.join', { room, nick: `m${i}` })));
    const start = clients.map((c) => c.frames.length);
    const latencies: number[] = [];
    const probes: Promise<void>[] = [];
    const timers = clients.map((c, i) =>
      setTimeout(
        () => {
          let n = 0;
          timers[i] = setInterval(() => {
            if (c.isOpen)
              c.send(`{"jsonrpc":"2.0","id":"f${n++}","method":"chat.send","params":["load ${n}"]}`);
          }, 50);
        },
        (i * 50) / members,
      ),
    );
    const end = Date.now() + ms;
    while (Date.now() < end) {
      probes.push(timeGet(ctx).then((t) => void latencies.push(t)));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const t of timers) clearInterval(t);
    await Promise.all(probes);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the last replies
    const errors: Record<string, number> = {};
    let results = 0;
    for (const [i, c] of clients.entries()) {
      for (const f of c.frames.slice(start[i])) {
        if (!isReply(f)) continue;
        if (f.error) errors[f.error.code] = (errors[f.error.code] ?? 0) + 1;
        else results++;
      }
    }
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? Infinity;
    return { latencies, p99, errors, results, closed: clients.filter((c) => !c.isOpen).length };
  });
}

/** Milliseconds for `GET /` on its own connection; a probe that takes 2 s counts as 2 s. */
function timeGet(ctx: CheckContext): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(new URL('/', ctx.baseUrl), { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(Math.max(2000, performance.now() - started)));
    req.end();
  });
}

/** Reply size, well-formed text and fan-out checks; registered in `chatChecks`. */
export const chatBoundsChecks: Check[] = [
  {
    name: 'chat: a join reply stays under 64 KiB of history however escape-heavy the messages, newest kept',
    scope: 'http',
    timeout: 10_000,
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const room = uniqueRoom('heavy');
        const [writer, reader] = await pool.connectMany(2);
        await writer!.ok('chat.join', { room, nick: 'writer' });
        let last = 0;
        for (let i = 0; i < 12; i++) last = (await writer!.ok<Sent>('chat.send', [heavy(i)])).id; // ~144 KB
        const reply = await reader!.call('chat.join', { room, nick: 'reader' });
        const history = (reply.result as { history: { id: number; text: string }[] }).history;
        const historyBytes = Buffer.byteLength(JSON.stringify(history));
        assert.ok(historyBytes <= HISTORY_MAX_BYTES, `history is ${historyBytes} bytes of JSON`);
        assert.ok(history.length >= 4, `history still holds what fits (${history.length} messages)`);
        assert.equal(history.at(-1)?.id, last, 'the newest message is kept');
        assert.deepEqual(
          history.map((m) => m.id),
          history.map((_, i) => last - history.length + 1 + i),
          'the newest messages are kept, oldest dropped first',
        );
        const frame = bytesOf(reader!, (f) => isReply(f) && f.id === reply.id);
        assert.ok(frame <= JOIN_REPLY_MAX_BYTES, `join reply frame is ${frame} bytes`);
      }),
  },
  {
    name: 'chat: one frame cannot buy a big reply (20 joins in a batch, a batch of 21 gets one -32600)',
    scope: 'http',
    timeout: 10_000,
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const room = uniqueRoom('amplify');
        const [writer, c] = await pool.connectMany(2);
        await writer!.ok('chat.join', { room, nick: 'writer' });
        for (let i = 0; i < 12; i++) await writer!.ok('chat.send', [heavy(i)]);
        const joins = Array.from({ length: 20 }, (_, i) => ({
          jsonrpc: '2.0',
          id: `j${i}`,
          method: 'chat.join',
          params: [room, `nick${i}`],
        }));
        const at = c!.raw.length;
        await nextFrame(c!, JSON.stringify(joins));
        const bytes = Buffer.byteLength(c!.raw[at] ?? '');
        assert.ok(bytes <= FRAME_REPLY_MAX_BYTES, `20 joins in one frame got a ${bytes}-byte reply`);
        const big = Array.from({ length: 21 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'say_hello' }));
        const refused = await nextFrame(c!, JSON.stringify(big));
        assert.ok(
          isReply(refused) && refused.error?.code === -32600,
          `21 entries: ${JSON.stringify(refused)}`,
        );
        assert.ok(c!.isOpen, 'refusing is not disconnecting');
      }),
  },
  {
    name: 'chat: a lone surrogate in text, nick or name gets -32602 naming the param',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        await c.ok('chat.join', { room: uniqueRoom('utf16'), nick: 'ok' });
        const cases: [string, unknown, string][] = [
          ['chat.send', ['\uD800'.repeat(2000)], 'text'],
          ['chat.send', { text: 'a\uDC00' }, 'text'],
          ['chat.join', { room: 'utf16', nick: 'x\uD83D' }, 'nick'],
          ['say_hello', ['\uDE00'], 'name'],
        ];
        for (const [method, params, param] of cases) {
          const reply = await c.call(method, params); // JSON.stringify writes them as \udXXX escapes
          assert.equal(reply.error?.code, -32602, `${method}: ${JSON.stringify(reply).slice(0, 200)}`);
          assert.match(reply.error.message, new RegExp(param), `${method}: the message names ${param}`);
        }
        assert.equal((await c.call('chat.send', ['🐈 pairs are fine'])).error, undefined);
      }),
  },
  {
    name: 'chat: 100 members sending at 20/s each do not starve GET / (p99 < 500 ms), refused with -32003',
    scope: 'http',
    timeout: 10_000,
    run: async (ctx) => {
      const { p99, errors, results, closed, latencies } = await measureFanOut(ctx);
      const summary = `GET / p99 ${p99.toFixed(1)} ms over ${latencies.length} probes; results ${results}, errors ${JSON.stringify(errors)}`;
      // Loose on purpose: in-process apps share the event loop with these 100 clients. A starved loop
      // also starts fewer probes (one per 20 ms was asked for), which would hide its stalls: count them.
      assert.ok(p99 < 500, summary);
      assert.ok(latencies.length >= 3000 / 20 / 3, `the event loop kept up with the probes: ${summary}`);
      assert.ok((errors['-32003'] ?? 0) > 0, `a room does not take 2,000 messages/s: ${summary}`);
      const unexpected = Object.keys(errors).filter((code) => !['-32000', '-32003', '-32005'].includes(code));
      assert.deepEqual(unexpected, [], `only rate and busy refusals: ${summary}`);
      assert.ok(results > 0, `some messages go through: ${summary}`);
      assert.equal(closed, 0, `no member was dropped: ${summary}`);
    },
  },
];
