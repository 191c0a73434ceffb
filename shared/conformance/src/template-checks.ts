/** The template part of the contract: `GET /fortunes`, TechEmpower fortunes rules, one golden file. */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CONTENT_TYPE, readExpected, readFortunes, REQUEST_TIME_FORTUNE, templatesDir } from '@repo/fixtures';
import { listen } from '@repo/core';
import { expectCommonHeaders, expectError, expectGoldenFortunes } from './assertions.js';
import type { Check } from './types.js';

/** `<tr><td>id</td><td>message</td></tr>` rows, in page order. */
function rows(html: string): { id: number; message: string }[] {
  return [...html.matchAll(/<tr><td>(\d+)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => ({
    id: Number(m[1]),
    message: m[2]!,
  }));
}

/** A copy of the templates folder with one file replaced or removed; the caller deletes it. */
async function templatesWith(file: string, source: string | null): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shoot-out-templates-'));
  await cp(templatesDir, dir, { recursive: true });
  if (source === null) await rm(join(dir, file));
  else await writeFile(join(dir, file), source);
  return dir;
}

export const templateChecks: Check[] = [
  {
    name: 'GET /fortunes equals the golden file byte for byte',
    scope: 'http',
    async run({ baseUrl }) {
      await expectGoldenFortunes(`${baseUrl}/fortunes`);
    },
  },
  {
    name: 'GET /fortunes has 13 rows sorted by message, including the request-time row',
    scope: 'http',
    async run({ baseUrl }) {
      const html = await (await fetch(`${baseUrl}/fortunes`)).text();
      const stored = await readFortunes();
      const expected = [...stored, REQUEST_TIME_FORTUNE].sort((a, b) => (a.message < b.message ? -1 : 1));
      const found = rows(html);
      expect(found).toHaveLength(13);
      expect(found.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      expect(found.some((r) => r.id === 0 && r.message === REQUEST_TIME_FORTUNE.message)).toBe(true);
      expect(html).toContain('<tr><th>id</th><th>message</th></tr>');
    },
  },
  {
    name: 'GET /fortunes escapes the script row and keeps UTF-8 intact',
    scope: 'http',
    async run({ baseUrl }) {
      const bytes = Buffer.from(await (await fetch(`${baseUrl}/fortunes`)).arrayBuffer());
      const html = bytes.toString('utf8');
      expect(html).not.toContain('<script>alert(');
      expect(html).toContain(
        '&lt;script&gt;alert(&quot;This should not be displayed in a browser alert box.&quot;);&lt;/script&gt;',
      );
      expect(bytes.includes(Buffer.from('フレームワークのベンチマーク', 'utf8'))).toBe(true);
      expect(html).toContain('— Donald Knuth');
    },
  },
  {
    name: 'GET /fortunes is wrapped in layouts/base (doctype, charset, title, nav)',
    scope: 'http',
    async run({ baseUrl }) {
      const html = await (await fetch(`${baseUrl}/fortunes`)).text();
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('<title>Fortunes</title>');
      expect(html).toContain('<a href="/chat">');
    },
  },
  {
    name: 'GET /chat is the chat page in layouts/base, byte-identical to the golden file',
    scope: 'http',
    async run({ baseUrl }) {
      const res = await fetch(`${baseUrl}/chat`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<title>Chat</title>');
      expect(html).toBe(await readExpected('chat.html'));
      expectCommonHeaders(res.headers, CONTENT_TYPE.html, html);
    },
  },
  {
    name: 'a template error at request time is a 500 INTERNAL, logged once, and the app keeps serving',
    scope: 'http',
    async run({ target }) {
      // A test-only template that compiles but fails while rendering rows (missing helper).
      const dir = await templatesWith('fortunes.hbs', '{{#each fortunes}}{{explode id}}{{/each}}\n');
      const logged: unknown[] = [];
      const app = await target.createServer({ templatesDir: dir, logError: (err) => logged.push(err) });
      try {
        const port = await listen(app.server, 0, '127.0.0.1');
        const res = await fetch(`http://127.0.0.1:${port}/fortunes`);
        await expectError(res, 500, 'INTERNAL');
        expect(logged).toHaveLength(1);
        expect(String(logged[0])).toMatch(/explode/);
        const again = await fetch(`http://127.0.0.1:${port}/`);
        expect(again.status).toBe(200);
      } finally {
        await app.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'a missing template stops start-up with the file named',
    scope: 'http',
    async run({ target }) {
      const dir = await templatesWith('fortunes.hbs', null);
      try {
        await expect(target.createServer({ templatesDir: dir, logError: () => {} })).rejects.toThrow(
          /fortunes\.hbs/,
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'a template that does not compile stops start-up with the file named',
    scope: 'http',
    async run({ target }) {
      const dir = await templatesWith('fortunes.hbs', '{{#each fortunes}}<tr>{{/if}}\n');
      try {
        await expect(target.createServer({ templatesDir: dir, logError: () => {} })).rejects.toThrow(
          /fortunes\.hbs/,
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
];
