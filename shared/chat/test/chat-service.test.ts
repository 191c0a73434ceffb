import { describe, expect, it } from 'vitest';
import { ChatService } from '../src/chat-service.js';

// The methods end to end without sockets: each peer records the frames it was sent.
function setup() {
  const chat = new ChatService({ now: () => new Date('2025-01-01T12:00:00.000Z') });
  let nextId = 1;
  const peer = () => {
    const frames: unknown[] = [];
    const session = chat.createSession({ send: (t) => frames.push(JSON.parse(t)) });
    const call = async (method: string, params?: unknown) => {
      const out = await chat.handleText(
        session,
        JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
      );
      return JSON.parse(out!) as { result?: unknown; error?: { code: number; message: string } };
    };
    return { session, frames, call };
  };
  return { chat, peer };
}

const note = (method: string, params: unknown) => ({ jsonrpc: '2.0', method, params });

describe('say_hello', () => {
  it.each([
    [[], 'Hello, World!'],
    [undefined, 'Hello, World!'],
    [['Bob'], 'Hello, Bob!'],
    [{ name: 'Bob' }, 'Hello, Bob!'],
  ])('%j → %s', async (params, greeting) => {
    expect((await setup().peer().call('say_hello', params)).result).toBe(greeting);
  });

  it.each([[[1]], [['x'.repeat(65)]], [['a', 'b']], [{ nom: 'x' }]])('%j → -32602', async (params) => {
    const reply = await setup().peer().call('say_hello', params);
    expect(reply.error?.code).toBe(-32602);
    expect(reply.error?.message).toMatch(/^Invalid params: (name|params|nom) /);
  });
});

describe('chat methods', () => {
  it('join tells the others; send reaches everyone, sender included; leave tells the others', async () => {
    const { peer } = setup();
    const ann = peer();
    const bob = peer();
    expect((await ann.call('chat.join', { room: 'lobby', nick: 'ann' })).result).toEqual({
      room: 'lobby',
      nick: 'ann',
      members: ['ann'],
      history: [],
    });
    expect((await bob.call('chat.join', ['lobby', 'bob'])).result).toMatchObject({ members: ['ann', 'bob'] });
    expect(ann.frames).toEqual([note('chat.joined', { room: 'lobby', nick: 'bob' })]);
    expect(bob.frames).toEqual([]);

    const sent = await bob.call('chat.send', { text: '<b>hi</b>' });
    expect(sent.result).toEqual({ id: 1, at: '2025-01-01T12:00:00.000Z' });
    const message = note('chat.message', {
      id: 1,
      room: 'lobby',
      nick: 'bob',
      text: '<b>hi</b>',
      at: '2025-01-01T12:00:00.000Z',
    });
    expect(ann.frames.at(-1)).toEqual(message);
    expect(bob.frames).toEqual([message]);

    expect((await bob.call('chat.leave')).result).toEqual({});
    expect(ann.frames.at(-1)).toEqual(note('chat.left', { room: 'lobby', nick: 'bob' }));
  });

  it('history on join holds earlier messages', async () => {
    const { peer } = setup();
    const ann = peer();
    await ann.call('chat.join', { room: 'h', nick: 'ann' });
    await ann.call('chat.send', ['one']);
    await ann.call('chat.send', ['two']);
    const joined = (await peer().call('chat.join', { room: 'h', nick: 'cat' })).result as {
      history: { text: string }[];
    };
    expect(joined.history.map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('rooms are isolated', async () => {
    const { peer } = setup();
    const ann = peer();
    const bob = peer();
    await ann.call('chat.join', { room: 'one', nick: 'ann' });
    await bob.call('chat.join', { room: 'two', nick: 'bob' });
    await ann.call('chat.send', ['only one']);
    expect(bob.frames).toEqual([]);
  });

  it('switching rooms sends chat.left to the old room', async () => {
    const { peer } = setup();
    const ann = peer();
    const bob = peer();
    await ann.call('chat.join', { room: 'one', nick: 'ann' });
    await bob.call('chat.join', { room: 'one', nick: 'bob' });
    await bob.call('chat.join', { room: 'two', nick: 'bob' });
    expect(ann.frames.at(-1)).toEqual(note('chat.left', { room: 'one', nick: 'bob' }));
  });

  it('disconnect leaves the room, tells the others and deletes an empty room', async () => {
    const { chat, peer } = setup();
    const ann = peer();
    const bob = peer();
    await ann.call('chat.join', { room: 'd', nick: 'ann' });
    await bob.call('chat.join', { room: 'd', nick: 'bob' });
    chat.disconnect(bob.session);
    expect(ann.frames.at(-1)).toEqual(note('chat.left', { room: 'd', nick: 'bob' }));
    chat.disconnect(ann.session);
    expect(chat.rooms.size).toBe(0);
  });

  it('answers app errors with their codes', async () => {
    const { peer } = setup();
    const ann = peer();
    expect((await ann.call('chat.send', ['hi'])).error?.code).toBe(-32001);
    expect((await ann.call('chat.leave')).error?.code).toBe(-32001);
    await ann.call('chat.join', { room: 'e', nick: 'ann' });
    expect((await peer().call('chat.join', { room: 'e', nick: 'ANN' })).error).toEqual({
      code: -32002,
      message: 'Nick taken: "ANN" is already in room "e"',
      data: { nick: 'ANN', room: 'e' },
    });
  });

  it('answers bad params with -32602 naming the param', async () => {
    const p = setup().peer();
    const cases: [string, unknown, string][] = [
      ['chat.join', { room: 'Bad Room', nick: 'x' }, 'room'],
      ['chat.join', { room: 'ok' }, 'nick'],
      ['chat.join', { room: 'ok', nick: ' x' }, 'nick'],
      ['chat.send', { text: '' }, 'text'],
      ['chat.send', { text: 'x'.repeat(2001) }, 'text'],
      ['chat.leave', ['x'], 'params'],
    ];
    for (const [method, params, param] of cases) {
      const reply = await p.call(method, params);
      expect(reply.error, `${method} ${JSON.stringify(params).slice(0, 40)}`).toMatchObject({
        code: -32602,
        data: { param },
      });
    }
  });
});
