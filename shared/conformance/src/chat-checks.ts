/**
 * The chat contract every http app must meet on `/ws` (see shared/chat/README.md): JSON-RPC 2.0 over
 * one WebSocket text frame per message. Checks share one running app, so each uses its own rooms.
 */
import assert from 'node:assert/strict';
import { chatBoundsChecks } from './chat-bounds-checks.js';
import { chatErrorChecks } from './chat-error-checks.js';
import { chatLimitChecks } from './chat-limit-checks.js';
import type { Check } from './types.js';
import { isReply, type JsonFrame, type WsClient } from '@repo/harness';
import { uniqueRoom, withPool } from './ws-pool.js';

interface Message {
  id: number;
  room: string;
  nick: string;
  text: string;
  at: string;
}

/** chat.join's result. */
interface Joined {
  room: string;
  nick: string;
  members: string[];
  history: Message[];
}

/** Waits for `count` chat.message notifications in `room` and checks they are well-formed and in id order. */
async function messagesIn(client: WsClient, room: string, count: number): Promise<Message[]> {
  const frames = await client.waitForCount<{ params: Message }>(
    (f) => f?.method === 'chat.message' && f.params?.room === room,
    count,
    10_000,
    `${count} chat.message notifications in ${room}`,
  );
  const messages = frames.map((f) => f.params);
  messages.forEach((m, i) => {
    assert.equal(typeof m.id, 'number', 'chat.message id is a number');
    assert.ok(
      !Number.isNaN(Date.parse(m.at)) && m.at === new Date(m.at).toISOString(),
      `at is ISO time: ${m.at}`,
    );
    if (i > 0) assert.ok(m.id > messages[i - 1]!.id, `ids increase: ${messages[i - 1]!.id} then ${m.id}`);
  });
  return messages;
}

const line = (m: Message) => `${m.id} ${m.nick}: ${m.text}`;

/** Every member sees the same messages in the same order, and each sender's own in the order sent. */
async function assertFanOut(room: string, members: WsClient[], sent: Map<string, string[]>, total: number) {
  const seen = await Promise.all(members.map((c) => messagesIn(c, room, total)));
  const reference = seen[0]!.map(line);
  assert.equal(reference.length, total);
  for (const other of seen)
    assert.deepEqual(other.map(line), reference, 'every member sees the same sequence');
  for (const [nick, texts] of sent) {
    const own = seen[0]!.filter((m) => m.nick === nick).map((m) => m.text);
    assert.deepEqual(own, texts, `${nick}'s messages arrive in the order sent`);
  }
}

/** Each client sends its share of messages (sequentially, without waiting) and checks each result. */
async function sendAll(clients: { client: WsClient; nick: string }[], perClient: number) {
  const sent = new Map<string, string[]>();
  const calls = clients.flatMap(({ client, nick }) => {
    const texts = Array.from({ length: perClient }, (_, i) => `${nick} says ${i} <b>&amp;</b>`);
    sent.set(nick, texts);
    return texts.map((text) => client.call('chat.send', { text }));
  });
  for (const reply of await Promise.all(calls)) {
    assert.equal(reply.error, undefined, `chat.send failed: ${JSON.stringify(reply.error)}`);
    const result = reply.result as { id: unknown; at: unknown };
    assert.ok(Number.isInteger(result.id) && typeof result.at === 'string', 'chat.send result is {id, at}');
  }
  return sent;
}

const messagingChecks: Check[] = [
  {
    name: "chat: websocat --jsonrpc's exact say_hello envelope gets the exact reply",
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const c = await pool.connect();
        for (const [id, params, greeting] of [
          [1, '[]', 'Hello, World!'],
          [2, '["Bob"]', 'Hello, Bob!'],
        ] as const) {
          c.send(`{"jsonrpc":"2.0","id":${id}, "method":"say_hello", "params":${params}}`);
          await c.waitFor((f) => isReply(f) && f.id === id);
          const raw = c.raw[c.frames.findIndex((f) => isReply(f) && f.id === id)];
          assert.equal(raw, `{"jsonrpc":"2.0","id":${id},"result":"${greeting}"}`);
        }
      }),
  },
  {
    name: 'chat: two clients in a room get every message in order, the sender included',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const room = uniqueRoom('two');
        const [a, b] = await pool.connectMany(2);
        assert.deepEqual(await a!.ok('chat.join', { room, nick: 'alice' }), {
          room,
          nick: 'alice',
          members: ['alice'],
          history: [],
        });
        const joined = await b!.ok<Joined>('chat.join', { room, nick: 'bob' });
        assert.deepEqual(joined.members, ['alice', 'bob']);
        assert.deepEqual((await a!.waitFor((f) => f?.method === 'chat.joined')).params, {
          room,
          nick: 'bob',
        });
        const sent = await sendAll(
          [
            { client: a!, nick: 'alice' },
            { client: b!, nick: 'bob' },
          ],
          3,
        );
        await assertFanOut(room, [a!, b!], sent, 6);
      }),
  },
  {
    name: 'chat: fifty clients in one room all get every message in the same order',
    scope: 'http',
    timeout: 30_000,
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const room = uniqueRoom('fifty');
        const clients = await pool.connectMany(50);
        for (const [i, c] of clients.entries()) await c.ok('chat.join', { room, nick: `user${i}` });
        const senders = clients.slice(0, 5).map((client, i) => ({ client, nick: `user${i}` }));
        const sent = await sendAll(senders, 4);
        await assertFanOut(room, clients, sent, 20);
      }),
  },
  {
    name: 'chat: rooms are isolated',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const [one, two] = [uniqueRoom('iso-a'), uniqueRoom('iso-b')];
        // a and the marker's sender take the same endpoint (with several processes: the same one), b another.
        const [a, b, marker] = await pool.connectMany(3);
        await b!.ok('chat.join', { room: two, nick: 'bea' });
        await marker!.ok('chat.join', { room: two, nick: 'mark' });
        await a!.ok('chat.join', { room: one, nick: 'bea' }); // same nick, other room: allowed
        await a!.ok('chat.send', { text: 'for room one only' });
        await messagesIn(a!, one, 1); // it was fanned out, to its own room
        // The marker leaves a's process after a's message, through the same fan-out path to b, and
        // one socket keeps order: had a's message leaked to b, it would be in b's frames before it.
        const { id } = await marker!.ok<{ id: number }>('chat.send', { text: 'marker' });
        await b!.waitFor((f) => f?.method === 'chat.message' && f.params?.id === id);
        const leaked = b!.frames.filter(
          (f) => (f as JsonFrame | undefined)?.params?.room === one || JSON.stringify(f).includes('room one'),
        );
        assert.deepEqual(leaked, [], 'nothing from another room reaches a member');
      }),
  },
  {
    name: 'chat: chat.join returns the last 50 messages as history, oldest first',
    scope: 'http',
    timeout: 15_000,
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const room = uniqueRoom('hist');
        const senders = await pool.connectMany(3);
        for (const [i, c] of senders.entries()) await c.ok('chat.join', { room, nick: `s${i}` });
        // 55 messages, sequentially, within each socket's burst (join + at most 19 sends).
        for (let n = 1; n <= 55; n++) await senders[n % 3]!.ok('chat.send', { text: `message ${n}` });
        const late = await pool.connect();
        const { history, members } = await late.ok<Joined>('chat.join', { room, nick: 'late' });
        assert.deepEqual(members, ['s0', 's1', 's2', 'late']);
        assert.equal(history.length, 50, 'history holds 50 messages');
        assert.deepEqual(
          history.map((m: Message) => m.text),
          Array.from({ length: 50 }, (_, i) => `message ${i + 6}`),
        );
        assert.ok(history.every((m: Message) => m.room === room && typeof m.at === 'string'));
      }),
  },
  {
    name: 'chat: chat.leave, joining another room and closing the socket all send chat.left',
    scope: 'http',
    run: (ctx) =>
      withPool(ctx, async (pool) => {
        const [room, other] = [uniqueRoom('left'), uniqueRoom('left-b')];
        const [a, b, c, d] = await pool.connectMany(4);
        for (const [client, nick] of [
          [a, 'ann'],
          [b, 'ben'],
          [c, 'cid'],
          [d, 'dot'],
        ] as const) {
          await client!.ok('chat.join', { room, nick });
        }
        const leftOf = (nick: string) => (f: JsonFrame) =>
          f?.method === 'chat.left' && f.params?.nick === nick;
        assert.deepEqual(await b!.ok('chat.leave'), {});
        assert.deepEqual((await a!.waitFor(leftOf('ben'))).params, { room, nick: 'ben' });
        await c!.ok('chat.join', { room: other, nick: 'cid' });
        assert.deepEqual((await a!.waitFor(leftOf('cid'))).params, { room, nick: 'cid' });
        await d!.close();
        assert.deepEqual((await a!.waitFor(leftOf('dot'))).params, { room, nick: 'dot' });
        assert.equal(b!.notifications('chat.left').length, 0, 'a member who left hears nothing more');
      }),
  },
];

/** Every chat check, in the order they are best read. */
export const chatChecks: Check[] = [
  ...messagingChecks,
  ...chatErrorChecks,
  ...chatLimitChecks,
  ...chatBoundsChecks,
];
