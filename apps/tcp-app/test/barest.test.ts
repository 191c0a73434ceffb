/** The deck's first code slide is src/barest.ts: it must run and answer what the slide promises. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnEntry, stopEntry } from '@repo/conformance';
import { talk } from './raw.js';

const entry = fileURLToPath(new URL('../dist/barest.js', import.meta.url));

describe('the barest server (npm run barest -w tcp-app)', () => {
  it('answers whatever a telnet user types with Hello, World! and closes', async () => {
    const { child, url } = await spawnEntry(entry);
    try {
      const { port } = new URL(url);
      for (const typed of ['GET / HTTP/1.1\r\n\r\n', 'anything at all\n']) {
        const { text, closed } = await talk(Number(port), typed);
        expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
        expect(text.endsWith('\r\n\r\nHello, World!')).toBe(true);
        expect(closed).toBe(true);
      }
    } finally {
      await stopEntry(child);
    }
  });
});
