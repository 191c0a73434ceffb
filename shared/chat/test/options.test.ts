import { describe, expect, it } from 'vitest';
import { chatOptionsFromEnv } from '../src/options.js';

describe('chatOptionsFromEnv', () => {
  it('reads the fan-out limits, "off" lifting one', () => {
    expect(chatOptionsFromEnv({})).toEqual({});
    expect(
      chatOptionsFromEnv({
        CHAT_ROOM_RATE: 'off',
        CHAT_FANOUT_PER_SECOND: '50000',
        CHAT_ROOM_MAX_MEMBERS: '10',
      }),
    ).toEqual({
      roomRateLimit: { burst: Infinity, perSecond: Infinity },
      maxFanOutPerSecond: 50_000,
      maxRoomMembers: 10,
    });
    expect(chatOptionsFromEnv({ CHAT_ROOM_RATE: '30' }).roomRateLimit).toEqual({ burst: 60, perSecond: 30 });
  });

  it('refuses a malformed value at start-up, naming the variable', () => {
    expect(() => chatOptionsFromEnv({ CHAT_ROOM_RATE: 'fast' })).toThrow(/CHAT_ROOM_RATE/);
    expect(() => chatOptionsFromEnv({ CHAT_FANOUT_PER_SECOND: '-1' })).toThrow(/CHAT_FANOUT_PER_SECOND/);
  });
});
