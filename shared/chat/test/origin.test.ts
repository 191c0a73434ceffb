import { describe, expect, it } from 'vitest';
import { isOriginAllowed, parseAllowedOrigins } from '../src/origin.js';

describe('isOriginAllowed', () => {
  it('allows requests without Origin (websocat, the CLI, servers)', () => {
    expect(isOriginAllowed(undefined, '127.0.0.1:3000', [])).toBe(true);
  });

  it("allows the page's own host:port, whatever the scheme", () => {
    expect(isOriginAllowed('http://127.0.0.1:3000', '127.0.0.1:3000', [])).toBe(true);
    expect(isOriginAllowed('https://chat.example', 'chat.example', [])).toBe(true);
    expect(isOriginAllowed('https://chat.example', 'Chat.Example:443', [])).toBe(true);
    expect(isOriginAllowed('http://localhost:3000', 'localhost:3000', [])).toBe(true);
  });

  it('refuses another host, another port, and opaque or malformed origins', () => {
    expect(isOriginAllowed('http://evil.example', '127.0.0.1:3000', [])).toBe(false);
    expect(isOriginAllowed('http://127.0.0.1:3001', '127.0.0.1:3000', [])).toBe(false);
    expect(isOriginAllowed('http://localhost:3000', '127.0.0.1:3000', [])).toBe(false);
    expect(isOriginAllowed('null', '127.0.0.1:3000', [])).toBe(false);
    expect(isOriginAllowed('not a url', '127.0.0.1:3000', [])).toBe(false);
    expect(isOriginAllowed('http://127.0.0.1:3000', undefined, [])).toBe(false);
  });

  it('allows listed origins', () => {
    const allowed = parseAllowedOrigins('http://localhost:5173, https://app.example');
    expect(isOriginAllowed('http://localhost:5173', '127.0.0.1:3000', allowed)).toBe(true);
    expect(isOriginAllowed('https://app.example', '127.0.0.1:3000', allowed)).toBe(true);
    expect(isOriginAllowed('http://app.example', '127.0.0.1:3000', allowed)).toBe(false);
  });
});

describe('parseAllowedOrigins', () => {
  it('normalises entries and skips blanks', () => {
    expect(parseAllowedOrigins('https://A.example:443/, ,http://localhost:5173')).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
  });

  it('fails loudly on an entry that is not an origin', () => {
    expect(() => parseAllowedOrigins('localhost:5173')).toThrow(/not an origin/);
    expect(() => parseAllowedOrigins('example.com')).toThrow(/not an origin/);
  });
});
