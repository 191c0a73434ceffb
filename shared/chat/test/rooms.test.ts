import { describe, expect, it } from 'vitest';
import { ChatError } from '../src/errors.js';
import { Rooms } from '../src/rooms.js';

const at = new Date('2025-01-01T00:00:00.000Z');

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof ChatError ? e.code : undefined;
  }
  return undefined;
}

describe('Rooms', () => {
  it('joins: members in join order, empty history, others to notify', () => {
    const rooms = new Rooms<string>();
    expect(rooms.join('a', 'lobby', 'ann').result).toEqual({
      room: 'lobby',
      nick: 'ann',
      members: ['ann'],
      history: [],
    });
    const second = rooms.join('b', 'lobby', 'bob');
    expect(second.result.members).toEqual(['ann', 'bob']);
    expect(second.joined).toEqual({ room: 'lobby', nick: 'bob', notify: ['a'] });
    expect(second.left).toBeUndefined();
  });

  it('refuses a nick already in the room (case-insensitively) with -32002 and keeps the old membership', () => {
    const rooms = new Rooms<string>();
    rooms.join('a', 'lobby', 'Ann');
    rooms.join('b', 'other', 'bob');
    expect(codeOf(() => rooms.join('b', 'lobby', 'ann'))).toBe(-32002);
    expect(rooms.membership('b')).toEqual({ room: 'other', nick: 'bob' });
    // The same nick in another room is fine.
    expect(rooms.join('c', 'other', 'ann').result.members).toEqual(['bob', 'ann']);
  });

  it('moving to another room leaves the first, telling the members there', () => {
    const rooms = new Rooms<string>();
    rooms.join('a', 'one', 'ann');
    rooms.join('b', 'one', 'bob');
    const moved = rooms.join('a', 'two', 'ann');
    expect(moved.left).toEqual({ room: 'one', nick: 'ann', notify: ['b'] });
    expect(moved.joined).toEqual({ room: 'two', nick: 'ann', notify: [] });
    expect(rooms.members('one')).toEqual(['bob']);
  });

  it('rejoining the same room with the same nick changes nothing and notifies no one', () => {
    const rooms = new Rooms<string>();
    rooms.join('a', 'one', 'ann');
    rooms.join('b', 'one', 'bob');
    const again = rooms.join('a', 'one', 'ann');
    expect(again.joined).toBeUndefined();
    expect(again.left).toBeUndefined();
    expect(again.result.members).toEqual(['ann', 'bob']);
  });

  it('may change the case of its own nick in the same room', () => {
    const rooms = new Rooms<string>();
    rooms.join('a', 'one', 'ann');
    expect(rooms.join('a', 'one', 'Ann').result.nick).toBe('Ann');
  });

  it('sends to every member, the sender included, with increasing ids per room', () => {
    const rooms = new Rooms<string>();
    rooms.join('a', 'one', 'ann');
    rooms.join('b', 'one', 'bob');
    rooms.join('c', 'two', 'cat');
    const first = rooms.send('a', 'hi', at);
    expect(first).toEqual({
      message: { id: 1, room: 'one', nick: 'ann', text: 'hi', at: '2025-01-01T00:00:00.000Z' },
      recipients: ['a', 'b'],
    });
    expect(rooms.send('b', 'yo', at).message.id).toBe(2);
    expect(rooms.send('c', 'elsewhere', at).message.id).toBe(1);
  });

  it('refuses to send before joining with -32001', () => {
    expect(codeOf(() => new Rooms<string>().send('a', 'hi', at))).toBe(-32001);
  });

  it('keeps the last historySize messages and returns them on join', () => {
    const rooms = new Rooms<string>({ historySize: 50, roomRateLimit: { burst: 100, perSecond: 1 } });
    rooms.join('a', 'one', 'ann');
    for (let i = 1; i <= 60; i++) rooms.send('a', `m${i}`, at);
    const history = rooms.join('b', 'one', 'bob').result.history;
    expect(history).toHaveLength(50);
    expect(history[0]?.text).toBe('m11');
    expect(history.at(-1)?.text).toBe('m60');
  });

  it('deletes a room when its last member leaves, history and ids included', () => {
    const rooms = new Rooms<string>();
    rooms.join('a', 'one', 'ann');
    rooms.send('a', 'hi', at);
    expect(rooms.size).toBe(1);
    expect(rooms.leave('a')).toEqual({ room: 'one', nick: 'ann', notify: [] });
    expect(rooms.size).toBe(0);
    expect(rooms.membership('a')).toBeUndefined();
    rooms.join('b', 'one', 'bob');
    expect(rooms.send('b', 'again', at).message.id).toBe(1);
    expect(rooms.join('c', 'one', 'cat').result.history.map((m) => m.text)).toEqual(['again']);
  });

  it('does not grow with abandoned rooms', () => {
    const rooms = new Rooms<number>();
    for (let i = 0; i < 1000; i++) {
      rooms.join(i, `room-${i}`, 'n');
      rooms.leave(i);
    }
    expect(rooms.size).toBe(0);
  });

  it('leaving frees the nick', () => {
    const rooms = new Rooms<string>();
    rooms.join('a', 'one', 'ann');
    rooms.join('b', 'one', 'bob');
    rooms.leave('a');
    expect(rooms.join('c', 'one', 'ANN').result.members).toEqual(['bob', 'ANN']);
    expect(rooms.leave('zzz')).toBeUndefined();
  });
});
