/**
 * Validation before WebSocket load: a say_hello round trip and a chat join/send/receive between two
 * clients, checked field by field. An app whose /ws does not do this is failed, not measured.
 */
import { HELLO_TEXT } from '@repo/fixtures';
import { WsClient } from '@repo/harness';
import { closeAll, openSocket, type RpcMessage } from './ws-client.js';

function describe(msg: unknown): string {
  return JSON.stringify(msg).slice(0, 120);
}

async function check(port: number): Promise<void> {
  const a = WsClient.over(await openSocket(port));
  const b = WsClient.over(await openSocket(port));
  try {
    const hello = await a.call('say_hello', []);
    if (hello.result !== HELLO_TEXT) throw new Error(`say_hello answered ${describe(hello)}`);

    const room = `bench-check-${Math.random().toString(36).slice(2, 10)}`;
    const joinA = await a.call('chat.join', { room, nick: 'bench-a' });
    const joinB = await b.call('chat.join', { room, nick: 'bench-b' });
    for (const [join, nick] of [
      [joinA, 'bench-a'],
      [joinB, 'bench-b'],
    ] as const) {
      const r = join.result as
        { room?: unknown; nick?: unknown; members?: unknown; history?: unknown } | undefined;
      if (
        r?.room !== room ||
        r.nick !== nick ||
        !Array.isArray(r.members) ||
        !r.members.includes(nick) ||
        !Array.isArray(r.history)
      ) {
        throw new Error(`chat.join answered ${describe(join)}`);
      }
    }

    const text = 'bench validation message';
    const sent = await a.call('chat.send', { text });
    const ack = sent.result as { id?: unknown; at?: unknown } | undefined;
    if (typeof ack?.id !== 'number' || typeof ack.at !== 'string')
      throw new Error(`chat.send answered ${describe(sent)}`);
    for (const [client, who] of [
      [a, 'sender'],
      [b, 'other member'],
    ] as const) {
      const got = await client
        .waitFor((m: RpcMessage) => m.method === 'chat.message' && m.params?.id === ack.id)
        .catch(() => {
          throw new Error(`the ${who} got no chat.message notification`);
        });
      const frame = got;
      const p = frame.params!;
      if (
        frame.jsonrpc !== '2.0' ||
        'id' in frame ||
        p.room !== room ||
        p.nick !== 'bench-a' ||
        p.text !== text ||
        p.at !== ack.at
      ) {
        throw new Error(`the ${who} got ${describe(got)}`);
      }
    }
  } finally {
    closeAll([a.ws, b.ws]);
  }
}

/** Returns null when /ws passes, else the reason (prefixed so tables read "validation: …"). */
export async function validateWs(port: number): Promise<string | null> {
  try {
    await check(port);
    return null;
  } catch (err) {
    return `ws validation: ${(err as Error).message}`;
  }
}
