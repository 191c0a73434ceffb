import { describe, expect, it } from 'vitest';
import { History } from '../src/history.js';
import type { ChatMessage } from '../src/message.js';

const message = (id: number, text: string): ChatMessage => ({
  id,
  room: 'r',
  nick: 'n',
  text,
  at: '2025-01-01T00:00:00.000Z',
});
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('History', () => {
  it('keeps a running size equal to the JSON of its messages', () => {
    const history = new History(50, Infinity);
    expect(history.bytes).toBe(jsonBytes([]));
    for (const [i, text] of ['a', 'é🐈', '"\\', '\u0001'.repeat(100)].entries()) {
      history.push(message(i + 1, text));
      expect(history.bytes).toBe(jsonBytes(history.messages()));
    }
  });

  it('caps by serialised bytes, keeping the newest', () => {
    // \u0001 escapes to 6 bytes: 2000 of them make a 12 KB message, so 64 KiB holds 5.
    const history = new History(50, 64 * 1024);
    for (let i = 1; i <= 50; i++) history.push(message(i, '\u0001'.repeat(2000)));
    const kept = history.messages();
    expect(jsonBytes(kept)).toBeLessThanOrEqual(64 * 1024);
    expect(history.bytes).toBe(jsonBytes(kept));
    expect(kept.map((m) => m.id)).toEqual([46, 47, 48, 49, 50]);
  });

  it('still caps by count', () => {
    const history = new History(3, 64 * 1024);
    for (let i = 1; i <= 5; i++) history.push(message(i, 'x'));
    expect(history.messages().map((m) => m.id)).toEqual([3, 4, 5]);
  });

  it('keeps no message that is bigger than the cap on its own', () => {
    const history = new History(50, 1000);
    history.push(message(1, 'small'));
    history.push(message(2, 'x'.repeat(2000)));
    expect(history.messages()).toEqual([]);
    expect(history.bytes).toBe(2);
  });
});
