import { describe, expect, it } from 'vitest';
import { ChatError } from '../src/errors.js';
import { helloName, messageText, nickKey, nickName, readParams, roomName } from '../src/validate.js';

/** Runs `fn`, expecting -32602 whose data names `param` and whose message contains `why`. */
function expectInvalid(fn: () => unknown, param: string, why: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ChatError);
  const e = thrown as ChatError;
  expect(e.code).toBe(-32602);
  expect(e.data).toEqual({ param });
  expect(e.message).toMatch(why);
}

describe('readParams', () => {
  it('reads by position and by name', () => {
    expect(readParams(['lobby', 'ann'], ['room', 'nick'])).toEqual({ room: 'lobby', nick: 'ann' });
    expect(readParams({ nick: 'ann' }, ['room', 'nick'])).toEqual({ nick: 'ann' });
    expect(readParams(undefined, ['room'])).toEqual({});
  });

  it('rejects extra positions and unknown names', () => {
    expectInvalid(() => readParams(['a', 'b'], ['name']), 'params', /at most 1 \(name\), got 2/);
    expectInvalid(() => readParams(['a'], []), 'params', /takes none, got 1/);
    expectInvalid(() => readParams({ rom: 'x' }, ['room', 'nick']), 'rom', /not a parameter/);
  });
});

describe('say_hello name', () => {
  it('defaults to World and accepts 1–64 characters', () => {
    expect(helloName(undefined)).toBe('World');
    expect(helloName('Bob')).toBe('Bob');
    expect(helloName('é'.repeat(64))).toBe('é'.repeat(64));
  });

  it('rejects non-strings, empty and over-long names', () => {
    expectInvalid(() => helloName(5), 'name', /must be a string, got number/);
    expectInvalid(() => helloName(null), 'name', /got null/);
    expectInvalid(() => helloName(''), 'name', /1–64/);
    expectInvalid(() => helloName('x'.repeat(65)), 'name', /got 65/);
  });
});

describe('room', () => {
  it('accepts 1–32 of a-z 0-9 -', () => {
    expect(roomName('a')).toBe('a');
    expect(roomName('room-42')).toBe('room-42');
    expect(roomName('x'.repeat(32))).toBe('x'.repeat(32));
  });

  it.each(['', 'Lobby', 'a b', 'a_b', 'x'.repeat(33), 'é', '../etc'])('rejects %j', (room) => {
    expectInvalid(() => roomName(room), 'room', /a-z, 0-9/);
  });

  it('requires it', () => expectInvalid(() => roomName(undefined), 'room', /is required/));
});

describe('nick', () => {
  it('accepts 1–24 printable characters, counting code points', () => {
    expect(nickName('Ann')).toBe('Ann');
    expect(nickName('Zoë the 🐈')).toBe('Zoë the 🐈');
    expect(nickName('🐈'.repeat(24))).toBe('🐈'.repeat(24));
    expect(nickName('<b>hi</b>')).toBe('<b>hi</b>'); // markup is just text to us
  });

  it('rejects empty and over-long nicks', () => {
    expectInvalid(() => nickName(''), 'nick', /1–24/);
    expectInvalid(() => nickName('x'.repeat(25)), 'nick', /got 25/);
  });

  it.each([
    ['a tab', 'a\tb'],
    ['a newline', 'a\nb'],
    ['NUL', 'a\0'],
    ['a right-to-left override', 'ann\u202Egpj.exe'],
    ['a zero-width space', 'an\u200Bn'],
    ['a line separator', 'a\u2028b'],
  ])('rejects %s', (_name, nick) => {
    expectInvalid(() => nickName(nick), 'nick', /control or invisible/);
  });

  it('rejects leading or trailing whitespace instead of trimming', () => {
    expectInvalid(() => nickName(' ann'), 'nick', /whitespace/);
    expectInvalid(() => nickName('ann '), 'nick', /whitespace/);
    expectInvalid(() => nickName('ann\u00A0'), 'nick', /whitespace/);
    expect(nickName('ann lee')).toBe('ann lee');
  });

  it('compares case- and width-insensitively', () => {
    expect(nickKey('Ann')).toBe(nickKey('aNN'));
    expect(nickKey('ａｎｎ')).toBe(nickKey('ann'));
    expect(nickKey('ann')).not.toBe(nickKey('anne'));
  });
});

describe('text', () => {
  it('accepts 1–2000 characters including newlines and markup', () => {
    expect(messageText('a')).toBe('a');
    expect(messageText('line 1\nline 2 <script>')).toBe('line 1\nline 2 <script>');
    expect(messageText('x'.repeat(2000))).toHaveLength(2000);
    expect(messageText('🐈'.repeat(2000))).toHaveLength(4000); // 2000 code points, 4000 UTF-16 units
  });

  it('rejects empty, over-long and non-string text', () => {
    expectInvalid(() => messageText(''), 'text', /empty/);
    expectInvalid(() => messageText('x'.repeat(2001)), 'text', /at most 2000/);
    expectInvalid(() => messageText(['x']), 'text', /got object/);
    expectInvalid(() => messageText(undefined), 'text', /is required/);
  });
});

describe('well-formed UTF-16', () => {
  const LONE = ['\uD800', 'a\uDC00b', '\uD83D'.repeat(3), 'ok\uDFFF'];

  it('rejects a lone surrogate in text, nick and name with -32602 naming the param', () => {
    for (const bad of LONE) {
      expectInvalid(() => messageText(bad), 'text', /well-formed UTF-16/);
      expectInvalid(() => nickName(bad), 'nick', /well-formed UTF-16/);
      expectInvalid(() => helloName(bad), 'name', /well-formed UTF-16/);
    }
    // The 12 KB-per-message amplifier: 2000 lone surrogates, each escaped to 6 bytes of JSON.
    expectInvalid(() => messageText('\uD800'.repeat(2000)), 'text', /lone surrogates/);
  });

  it('accepts surrogate pairs (astral characters)', () => {
    expect(messageText('🐈\uD83D\uDE00')).toBe('🐈😀');
    expect(nickName('ann🐈')).toBe('ann🐈');
    expect(helloName('😀')).toBe('😀');
  });

  it('clips a long unknown param name in the error it echoes', () => {
    const key = 'k'.repeat(10_000);
    expectInvalid(() => readParams({ [key]: 1 }, ['text']), `${'k'.repeat(64)}…`, /not a parameter/);
  });
});
