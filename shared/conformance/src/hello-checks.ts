/** The hello part of the contract: `/`, `/json`, `/hello/:name`, errors, and HTTP/1.1 socket behaviour. */
import { expect } from 'vitest';
import { CONTENT_TYPE, HELLO_JSON_BODY, HELLO_TEXT, MAX_NAME_LENGTH } from '@repo/fixtures';
import { expectCommonHeaders, expectError, expectRawError } from './assertions.js';
import { exchange, get, parseResponses } from './http-client.js';
import type { Check } from './types.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const helloChecks: Check[] = [
  {
    name: 'GET / answers Hello, World! as text/plain',
    scope: 'all',
    async run({ baseUrl }) {
      const res = await fetch(`${baseUrl}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(HELLO_TEXT);
      expectCommonHeaders(res.headers, CONTENT_TYPE.text, HELLO_TEXT);
    },
  },
  {
    name: 'GET /json answers {"message":"Hello, World!"} as application/json',
    scope: 'http',
    async run({ baseUrl }) {
      const res = await fetch(`${baseUrl}/json`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(HELLO_JSON_BODY);
      expectCommonHeaders(res.headers, CONTENT_TYPE.json, HELLO_JSON_BODY);
    },
  },
  {
    name: 'GET /hello/:name greets the percent-decoded name',
    scope: 'http',
    async run({ baseUrl }) {
      const cases: [string, string][] = [
        ['Bob', 'Bob'],
        ['W%C3%B6rld', 'Wörld'],
        ['%F0%9F%91%8B', '👋'],
        ['a%20b', 'a b'],
        ['x'.repeat(MAX_NAME_LENGTH), 'x'.repeat(MAX_NAME_LENGTH)],
        ['%F0%9F%91%8B'.repeat(MAX_NAME_LENGTH), '👋'.repeat(MAX_NAME_LENGTH)],
      ];
      for (const [segment, name] of cases) {
        const res = await fetch(`${baseUrl}/hello/${segment}`);
        expect(res.status, `/hello/${segment}`).toBe(200);
        expect(await res.text()).toBe(`Hello, ${name}!`);
        expectCommonHeaders(res.headers, CONTENT_TYPE.text, `Hello, ${name}!`);
      }
    },
  },
  {
    name: 'GET /hello/:name rejects a name over 64 characters with 400 BAD_REQUEST',
    scope: 'http',
    async run({ baseUrl }) {
      await expectError(
        await fetch(`${baseUrl}/hello/${'x'.repeat(MAX_NAME_LENGTH + 1)}`),
        400,
        'BAD_REQUEST',
      );
      await expectError(
        await fetch(`${baseUrl}/hello/${'%C3%B6'.repeat(MAX_NAME_LENGTH + 1)}`),
        400,
        'BAD_REQUEST',
      );
    },
  },
  {
    name: 'GET /hello/:name rejects malformed percent-encoding with 400 BAD_REQUEST',
    scope: 'http',
    async run({ baseUrl }) {
      await expectError(await fetch(`${baseUrl}/hello/%E0%A4%A`), 400, 'BAD_REQUEST');
      await expectError(await fetch(`${baseUrl}/hello/%ZZ`), 400, 'BAD_REQUEST');
    },
  },
  {
    name: 'an unknown path is 404 NOT_FOUND in the JSON envelope',
    scope: 'all',
    async run({ baseUrl }) {
      const res = await fetch(`${baseUrl}/no/such/route`);
      expectCommonHeaders(res.headers, CONTENT_TYPE.json);
      await expectError(res, 404, 'NOT_FOUND');
    },
  },
  {
    name: 'Date is fresh, not cached (changes between requests a second apart)',
    scope: 'all',
    timeout: 5000,
    async run({ baseUrl }) {
      const first = (await fetch(`${baseUrl}/`)).headers.get('date');
      await sleep(1100);
      const second = (await fetch(`${baseUrl}/`)).headers.get('date');
      expect(first).toBeTruthy();
      expect(second).not.toBe(first);
    },
  },
  {
    name: 'keep-alive: two requests on one connection, connection stays open',
    scope: 'all',
    async run({ host, port }) {
      const { text, closed } = await exchange(host, port, get('/') + get('/'), 300);
      const responses = parseResponses(text);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      expect(responses.every((r) => r.body === HELLO_TEXT)).toBe(true);
      expect(closed, 'server closed a keep-alive connection').toBe(false);
    },
  },
  {
    name: '3 pipelined requests get 3 responses in order',
    scope: 'all',
    async run({ host, port, target }) {
      const paths = target.kind === 'http' ? ['/hello/one', '/hello/two', '/hello/three'] : ['/', '/', '/'];
      const { text } = await exchange(host, port, paths.map((p) => get(p)).join(''), 300);
      const bodies = parseResponses(text).map((r) => r.body);
      const expected =
        target.kind === 'http'
          ? ['Hello, one!', 'Hello, two!', 'Hello, three!']
          : [HELLO_TEXT, HELLO_TEXT, HELLO_TEXT];
      expect(bodies).toEqual(expected);
    },
  },
  {
    name: 'HTTP/1.0 without keep-alive gets its answer and the connection closes',
    scope: 'all',
    async run({ host, port }) {
      // With a Host header, as real HTTP/1.0 clients (ab) send: @hono/node-server rejects one without.
      const { text, closed } = await exchange(host, port, 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n', 2000);
      expect(text.startsWith('HTTP/1.')).toBe(true);
      expect(text.endsWith(HELLO_TEXT)).toBe(true);
      expect(closed).toBe(true);
    },
  },
  {
    name: 'a malformed request line gets 400 BAD_REQUEST, the connection closes, the server keeps serving',
    scope: 'all',
    async run({ host, port, baseUrl }) {
      const { text, closed } = await exchange(host, port, 'THIS IS NOT HTTP\r\n\r\n', 2000);
      const [response] = parseResponses(text);
      expect(response).toBeDefined();
      expectRawError(response!, 400, 'BAD_REQUEST');
      expect(closed).toBe(true);
      expect((await fetch(`${baseUrl}/`)).status).toBe(200);
    },
  },
  {
    name: 'request headers over 16 KiB get 431 HEADERS_TOO_LARGE',
    scope: 'all',
    async run({ host, port, baseUrl }) {
      const { text } = await exchange(host, port, get('/', `X-Big: ${'a'.repeat(17 * 1024)}\r\n`), 2000);
      const [response] = parseResponses(text);
      expect(response).toBeDefined();
      expectRawError(response!, 431, 'HEADERS_TOO_LARGE');
      expect((await fetch(`${baseUrl}/`)).status).toBe(200);
    },
  },
  {
    name: '1 MiB without a line end is cut off (no unbounded buffer)',
    scope: 'all',
    timeout: 10_000,
    async run({ host, port, baseUrl }) {
      const { closed } = await exchange(host, port, Buffer.alloc(1024 * 1024, 'A'), 3000);
      expect(closed, 'server kept reading a 1 MiB line').toBe(true);
      expect((await fetch(`${baseUrl}/`)).status).toBe(200);
    },
  },
  {
    name: '200 concurrent requests are all answered',
    scope: 'all',
    timeout: 15_000,
    async run({ baseUrl }) {
      const bodies = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const res = await fetch(`${baseUrl}/`);
          return `${res.status} ${await res.text()}`;
        }),
      );
      expect(bodies.filter((b) => b === `200 ${HELLO_TEXT}`)).toHaveLength(200);
    },
  },
];
