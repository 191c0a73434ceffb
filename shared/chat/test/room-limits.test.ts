import { describe, expect, it } from 'vitest';
import { ChatService } from '../src/chat-service.js';
import { ChatError } from '../src/errors.js';
import { Rooms, type RoomsOptions } from '../src/rooms.js';

const at = new Date('2025-01-01T00:00:00.000Z');

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof ChatError ? e.code : undefined;
  }
  return undefined;
}

/** Rooms on a fake clock, unlimited except for what the test sets. */
function rooms(options: RoomsOptions) {
  let t = 0;
  const clock = { advance: (ms: number) => void (t += ms) };
  const unlimited = { burst: Infinity, perSecond: Infinity };
  const r = new Rooms<string>({
    roomRateLimit: unlimited,
    maxFanOutPerSecond: Infinity,
    clock: () => t,
    ...options,
  });
  return { rooms: r, clock };
}

describe('room limits', () => {
  it('refuses a join into a full room with -32004, keeping the old membership', () => {
    const { rooms: r } = rooms({ maxRoomMembers: 2 });
    r.join('a', 'full', 'ann');
    r.join('b', 'full', 'bob');
    r.join('c', 'other', 'cat');
    expect(codeOf(() => r.join('c', 'full', 'cat'))).toBe(-32004);
    expect(r.membership('c')).toEqual({ room: 'other', nick: 'cat' });
    // A member may still change nick in its own full room: that adds no one.
    expect(r.join('b', 'full', 'bea').result.members).toEqual(['ann', 'bea']);
  });

  it('shares a message rate between all members of a room: over it → -32003, nothing stored', () => {
    const { rooms: r, clock } = rooms({ roomRateLimit: { burst: 3, perSecond: 2 } });
    r.join('a', 'busy', 'ann');
    r.join('b', 'busy', 'bob');
    r.join('c', 'calm', 'cat');
    r.send('a', '1', at);
    r.send('b', '2', at);
    r.send('a', '3', at);
    expect(codeOf(() => r.send('b', '4', at))).toBe(-32003);
    expect(r.send('c', 'other rooms are not affected', at).message.id).toBe(1);
    clock.advance(500); // one message's worth at 2/s
    expect(r.send('b', '4', at).message.id).toBe(4); // the refused one took no id
    expect(codeOf(() => r.send('a', '5', at))).toBe(-32003);
    expect(r.join('d', 'busy', 'dan').result.history.map((m) => m.text)).toEqual(['1', '2', '3', '4']);
  });

  it('charges the process-wide fan-out budget one token per recipient: sends past it → -32005', () => {
    const { rooms: r, clock } = rooms({ maxFanOutPerSecond: 10 });
    for (const m of ['a', 'b', 'c']) r.join(m, 'big', m); // joins cost 2 × others: 0 + 2 + 4 = 6
    r.send('a', 'three frames', at); // 9 spent
    expect(codeOf(() => r.send('a', 'three more', at))).toBe(-32005);
    clock.advance(300); // 3 tokens back
    expect(r.send('b', 'fits again', at).recipients).toHaveLength(3);
  });

  it('makes a join pay for its presence notifications (-32005 when it cannot), so churn is bounded', () => {
    const { rooms: r, clock } = rooms({ maxFanOutPerSecond: 10 });
    for (const m of ['a', 'b', 'c']) r.join(m, 'big', m); // 6 spent
    expect(codeOf(() => r.join('d', 'big', 'd'))).toBe(-32005); // 3 others × 2 = 6 > 4 left
    expect(r.membership('d')).toBeUndefined();
    expect(r.leave('c')?.notify).toEqual(['a', 'b']); // leaving is prepaid, never refused
    clock.advance(1000);
    expect(r.join('d', 'big', 'd').joined?.notify).toEqual(['a', 'b']);
  });
});

describe('limit errors over JSON-RPC', () => {
  it('answers -32003 "Room busy" and -32004 "Room full" with the room in data', async () => {
    const chat = new ChatService({
      rateLimit: { burst: Infinity, perSecond: Infinity },
      roomRateLimit: { burst: 1, perSecond: 1 },
      maxRoomMembers: 1,
      now: () => at,
    });
    const call = async (session: ReturnType<typeof chat.createSession>, method: string, params: unknown) =>
      JSON.parse(
        (await chat.handleText(session, JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })))!,
      );
    const ann = chat.createSession({ send: () => {} });
    const bob = chat.createSession({ send: () => {} });
    await call(ann, 'chat.join', ['r', 'ann']);
    expect((await call(ann, 'chat.send', ['one'])).result).toBeDefined();
    expect((await call(ann, 'chat.send', ['two'])).error).toEqual({
      code: -32003,
      message: expect.stringMatching(/^Room busy: .*retry later$/),
      data: { room: 'r' },
    });
    expect((await call(bob, 'chat.join', ['r', 'bob'])).error).toEqual({
      code: -32004,
      message: expect.stringMatching(/^Room full: /),
      data: { room: 'r' },
    });
  });
});
