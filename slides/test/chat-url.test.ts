import { describe, expect, it } from 'vitest';
import { chatUrl } from '../src/chat-url.js';
import { parseMarker } from '../src/markers.js';

describe('the live chat URL on the slide', () => {
  const lan = {
    lo: [{ family: 'IPv4' as const, internal: true, address: '127.0.0.1' }],
    eth0: [{ family: 'IPv4' as const, internal: false, address: '192.168.1.20' }],
  };

  it('is the first external IPv4 address of the machine that builds the deck', () => {
    expect(chatUrl({}, lan)).toBe('http://192.168.1.20:3002/chat');
  });
  it('is SLIDES_CHAT_URL when set', () => {
    expect(chatUrl({ SLIDES_CHAT_URL: 'http://10.0.0.5:3002/chat' }, lan)).toBe('http://10.0.0.5:3002/chat');
  });
  it('falls back to loopback without a network', () => {
    expect(chatUrl({}, { lo: lan.lo })).toBe('http://127.0.0.1:3002/chat');
  });
  it('is a marker of its own, and a malformed one fails', () => {
    expect(parseMarker('<!-- chat-url -->')).toEqual({ kind: 'chat-url' });
    expect(() => parseMarker('<!-- chat-url: x -->')).toThrow('malformed marker');
  });
});
