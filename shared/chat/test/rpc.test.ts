import { describe, expect, it } from 'vitest';
import { ChatService } from '../src/chat-service.js';

// Every edge of the JSON-RPC 2.0 envelope, through the same path the hub uses (no sockets).
function setup(rateLimit = { burst: 1000, perSecond: 1000 }) {
  const chat = new ChatService({ rateLimit });
  const session = chat.createSession({ send: () => {} });
  const reply = async (text: string): Promise<unknown> => {
    const out = await chat.handleText(session, text);
    return out === null ? null : JSON.parse(out);
  };
  return { reply, raw: (text: string) => chat.handleText(session, text) };
}

const err = (id: unknown, code: number) => ({
  jsonrpc: '2.0',
  id,
  error: expect.objectContaining({ code, message: expect.any(String) }),
});

describe('JSON-RPC envelope', () => {
  it("answers websocat's exact say_hello envelope byte for byte", async () => {
    const { raw } = setup();
    expect(await raw('{"jsonrpc":"2.0","id":1, "method":"say_hello", "params":[]}')).toBe(
      '{"jsonrpc":"2.0","id":1,"result":"Hello, World!"}',
    );
  });

  it('answers invalid JSON (websocat line "say_hello Bob") with -32700 and id null', async () => {
    const { reply } = setup();
    expect(await reply('{"jsonrpc":"2.0","id":1, "method":"say_hello", "params":[Bob]}')).toEqual(
      err(null, -32700),
    );
  });

  it('answers an unknown method with -32601 and the request id', async () => {
    const { reply } = setup();
    expect(await reply('{"jsonrpc":"2.0","id":"a","method":"nope"}')).toEqual(err('a', -32601));
  });

  it.each([
    ['{"method":1} without id', '{"jsonrpc":"2.0","method":1,"params":"bar"}'],
    ['null', 'null'],
    ['a number', '1'],
    ['a string', '"foo"'],
    ['no jsonrpc member', '{"method":"say_hello"}'],
    ['jsonrpc 1.0', '{"jsonrpc":"1.0","method":"say_hello"}'],
    ['scalar params', '{"jsonrpc":"2.0","method":"say_hello","params":5}'],
    ['null params', '{"jsonrpc":"2.0","method":"say_hello","params":null}'],
    ['an object id', '{"jsonrpc":"2.0","method":"say_hello","id":{}}'],
    ['a response object', '{"jsonrpc":"2.0","method":"say_hello","result":1}'],
  ])('answers %s with a single -32600 (id null)', async (_name, text) => {
    const { reply } = setup();
    expect(await reply(text)).toEqual(err(null, -32600));
  });

  it('keeps a usable id on an invalid request', async () => {
    const { reply } = setup();
    expect(await reply('{"jsonrpc":"2.0","method":1,"id":7}')).toEqual(err(7, -32600));
  });

  it('answers [] with a single -32600 object, not an array', async () => {
    const { reply } = setup();
    expect(await reply('[]')).toEqual(err(null, -32600));
  });

  it('answers [1] with an array holding one -32600', async () => {
    const { reply } = setup();
    expect(await reply('[1]')).toEqual([err(null, -32600)]);
  });

  it('answers [null] and [1,2,3] with one -32600 per entry', async () => {
    const { reply } = setup();
    expect(await reply('[null]')).toEqual([err(null, -32600)]);
    expect(await reply('[1,2,3]')).toEqual([err(null, -32600), err(null, -32600), err(null, -32600)]);
  });

  it('answers a one-request batch with a one-element array', async () => {
    const { reply } = setup();
    expect(await reply('[{"jsonrpc":"2.0","id":1,"method":"say_hello"}]')).toEqual([
      { jsonrpc: '2.0', id: 1, result: 'Hello, World!' },
    ]);
  });

  it('answers a mixed batch with one reply per non-notification', async () => {
    const { reply } = setup();
    const out = await reply(
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'say_hello', params: ['A'] },
        { jsonrpc: '2.0', method: 'say_hello' },
        { foo: 'boo' },
        { jsonrpc: '2.0', id: '2', method: 'nope' },
        { jsonrpc: '2.0', id: 3, method: 'say_hello', params: { name: 'B' } },
      ]),
    );
    expect(out).toEqual(
      expect.arrayContaining([
        { jsonrpc: '2.0', id: 1, result: 'Hello, A!' },
        err(null, -32600),
        err('2', -32601),
        { jsonrpc: '2.0', id: 3, result: 'Hello, B!' },
      ]),
    );
    expect(out).toHaveLength(4);
  });

  it('sends nothing for a notification, even one that fails', async () => {
    const { raw } = setup();
    expect(await raw('{"jsonrpc":"2.0","method":"say_hello"}')).toBeNull();
    expect(await raw('{"jsonrpc":"2.0","method":"nope"}')).toBeNull();
    expect(await raw('{"jsonrpc":"2.0","method":"say_hello","params":[1]}')).toBeNull();
  });

  it('sends nothing for a batch of notifications', async () => {
    const { raw } = setup();
    expect(
      await raw('[{"jsonrpc":"2.0","method":"say_hello"},{"jsonrpc":"2.0","method":"nope"}]'),
    ).toBeNull();
  });

  it('answers id null requests (they are not notifications)', async () => {
    const { reply } = setup();
    expect(await reply('{"jsonrpc":"2.0","id":null,"method":"say_hello"}')).toEqual({
      jsonrpc: '2.0',
      id: null,
      result: 'Hello, World!',
    });
  });

  it('answers a batch of 20 and refuses 21 with one -32600 (the default maxBatchSize)', async () => {
    const { reply } = setup();
    const batch = (n: number) =>
      JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'say_hello' })));
    expect(await reply(batch(20))).toHaveLength(20);
    const refused = await reply(batch(21));
    expect(refused).toEqual(err(null, -32600));
    expect((refused as { error: { message: string } }).error.message).toMatch(/batch of 21 exceeds 20/);
  });

  it('refuses a batch with two chat.join entries whole, before running any of it', async () => {
    const chat = new ChatService({ rateLimit: { burst: 1000, perSecond: 1000 } });
    const session = chat.createSession({ send: () => {} });
    const join = (id: number, nick: string) => ({
      jsonrpc: '2.0',
      id,
      method: 'chat.join',
      params: ['r', nick],
    });
    const out = await chat.handleText(session, JSON.stringify([join(1, 'a'), join(2, 'b')]));
    expect(JSON.parse(out!)).toEqual(err(null, -32600));
    expect(JSON.parse(out!).error.message).toMatch(/at most 1 chat\.join, got 2/);
    expect(chat.rooms.size).toBe(0); // not even the first join ran
    const one = JSON.parse((await chat.handleText(session, JSON.stringify([join(3, 'a')])))!);
    expect(one[0].result.members).toEqual(['a']);
  });

  it('answers -32603 without internals when a method throws unexpectedly', async () => {
    const logged: unknown[] = [];
    // A broken clock is the simplest way to make a real method throw something that is not a ChatError.
    const broken = new ChatService({
      now: () => new Date(NaN),
      logError: (e) => logged.push(e),
      rateLimit: { burst: Infinity, perSecond: Infinity },
    });
    const s = broken.createSession({ send: () => {} });
    await broken.handleText(
      s,
      '{"jsonrpc":"2.0","id":1,"method":"chat.join","params":{"room":"r","nick":"n"}}',
    );
    const out = JSON.parse(
      (await broken.handleText(s, '{"jsonrpc":"2.0","id":2,"method":"chat.send","params":["x"]}'))!,
    );
    expect(out).toEqual({ jsonrpc: '2.0', id: 2, error: { code: -32603, message: 'Internal error' } });
    expect(logged).toEqual([expect.any(RangeError)]);
  });
});

describe('rate limiting in the envelope', () => {
  it('answers -32000 once the bucket is empty, with the request id', async () => {
    const { reply } = setup({ burst: 2, perSecond: 1 });
    await reply('{"jsonrpc":"2.0","id":1,"method":"say_hello"}');
    await reply('{"jsonrpc":"2.0","id":2,"method":"say_hello"}');
    expect(await reply('{"jsonrpc":"2.0","id":3,"method":"say_hello"}')).toEqual(err(3, -32000));
  });

  it('charges each batch entry, so a batch cannot bypass the limit', async () => {
    const { reply } = setup({ burst: 3, perSecond: 1 });
    const batch = [1, 2, 3, 4, 5].map((id) => ({ jsonrpc: '2.0', id, method: 'say_hello' }));
    const out = (await reply(JSON.stringify(batch))) as { id: number; error?: { code: number } }[];
    expect(out.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', -32000, -32000]);
  });

  it('charges unparseable frames and drops limited notifications silently', async () => {
    const { reply, raw } = setup({ burst: 1, perSecond: 1 });
    expect(await reply('not json')).toEqual(err(null, -32700));
    expect(await reply('not json')).toEqual(err(null, -32000));
    expect(await raw('{"jsonrpc":"2.0","method":"say_hello"}')).toBeNull();
  });
});
