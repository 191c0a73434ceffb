/**
 * tcp-app's own edges, over raw sockets: the head rules, timeouts, backpressure and shutdown that
 * node:http would otherwise give us. Timeouts are shortened through createServer({ timeouts }).
 */
import { describe, expect, it } from 'vitest';
import { CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import { MESSAGES } from '@repo/core';
import { envelope, parse, req, talk, withServer } from './raw.js';

const FAST = { keepAliveMs: 300, headersMs: 600, shutdownGraceMs: 500 };
const GET = req('GET', '/');

/** Sends `raw` and expects exactly one error envelope, then the close. */
async function expectError(port: number, raw: string, status: number, message: string) {
  const { text, closed } = await talk(port, raw);
  const responses = parse(text);
  expect(
    responses.map((r) => r.status),
    text,
  ).toEqual([status]);
  expect(envelope(responses[0]!).message).toBe(message);
  expect(responses[0]!.headers.connection).toBe('close');
  expect(closed, 'the server closes after an error').toBe(true);
  expect(parse((await talk(port, GET, { count: 1 })).text)[0]?.body, 'and keeps serving others').toBe(
    HELLO_TEXT,
  );
}

describe('tcp-app request heads', () => {
  it('answers GET / byte for byte as before', async () => {
    await withServer(FAST, async (port) => {
      const { text } = await talk(port, GET, { count: 1 });
      expect(text).toMatch(
        /^HTTP\/1\.1 200 OK\r\nContent-Type: text\/plain; charset=utf-8\r\nContent-Length: 13\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\nConnection: keep-alive\r\n\r\nHello, World!$/,
      );
    });
  });

  it('refuses what is not an HTTP/1.x request line with 400 at once, without waiting for a blank line', async () => {
    await withServer({ ...FAST, headersMs: 5000 }, async (port) => {
      const clientHello = Buffer.from('16030100a5010000a10303' + '00'.repeat(40), 'hex');
      for (const raw of [clientHello, 'get / HTTP/1.1', 'GET / HTTX', 'GET  /', '\0', 'PRI * HTTP/2.0\r\n']) {
        const { text, closed, ms } = await talk(port, raw);
        expect(parse(text).map((r) => [r.status, envelope(r).message])).toEqual([[400, MESSAGES.malformed]]);
        expect(closed && ms < 1000, `${JSON.stringify(raw)} closed after ${ms} ms`).toBe(true);
      }
    });
  });

  it('refuses bad header lines, control characters and obsolete folding with 400', async () => {
    await withServer(FAST, async (port) => {
      for (const extra of [
        'NoColonHere\r\n',
        'X-A: a\0b\r\n',
        'X-A: a\rb\r\n',
        'X-A: a\r\n b\r\n',
        'X-A : a\r\n',
      ]) {
        await expectError(port, req('GET', '/', extra), 400, MESSAGES.malformed);
      }
      await expectError(port, 'GET /\0 HTTP/1.1\r\nHost: x\r\n\r\n', 400, MESSAGES.malformed);
      await expectError(
        port,
        req('GET', '/', `X-Big: ${'a'.repeat(17 * 1024)}\r\n`),
        431,
        MESSAGES.headersTooLarge,
      );
    });
  });

  it('needs exactly one valid Host on HTTP/1.1; HTTP/1.0 may omit it (telnet)', async () => {
    await withServer(FAST, async (port) => {
      for (const hosts of [
        '',
        'Host: a\r\nHost: b\r\n',
        'Host: \r\n',
        'Host: a b\r\n',
        'Host: x:99999\r\n',
      ]) {
        await expectError(port, `GET / HTTP/1.1\r\n${hosts}\r\n`, 400, MESSAGES.badHost);
      }
      await expectError(port, 'GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n', 400, MESSAGES.badHost);
      const telnet = await talk(port, 'GET / HTTP/1.0\n\n');
      expect(parse(telnet.text).map((r) => [r.body, r.headers.connection])).toEqual([[HELLO_TEXT, 'close']]);
      expect(telnet.closed).toBe(true);
      const v6 = await talk(port, 'GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n', { count: 1 });
      expect(parse(v6.text)[0]?.body).toBe(HELLO_TEXT);
    });
  });

  it('refuses a request with a body once, and never parses the body as a request', async () => {
    await withServer(FAST, async (port) => {
      await expectError(port, req('GET', '/', 'Content-Length: 35\r\n') + GET, 400, MESSAGES.body);
      const chunked = req('GET', '/', 'Transfer-Encoding: chunked\r\n') + '0\r\n\r\n' + GET;
      await expectError(port, chunked, 400, MESSAGES.body);
      const empty = parse(
        (await talk(port, req('GET', '/', 'Content-Length: 0\r\n') + GET, { count: 2 })).text,
      );
      expect(empty.map((r) => r.body)).toEqual([HELLO_TEXT, HELLO_TEXT]);
    });
  });

  it('routes only the exact path /: absolute-form, # and ? stripped, nothing decoded', async () => {
    await withServer(FAST, async (port) => {
      const targets = [
        '/',
        '/?a=b',
        '/#frag',
        'http://example.com:8080/',
        'http://x',
        '/%2F',
        '//',
        '/./',
        '/nope#x',
      ];
      const { text } = await talk(port, targets.map((t) => req('GET', t)).join(''), {
        count: targets.length,
      });
      expect(parse(text).map((r) => (r.status === 200 ? r.body : envelope(r).message))).toEqual([
        ...Array<string>(5).fill(HELLO_TEXT),
        ...['/%2F', '//', '/./', '/nope'].map((p) => MESSAGES.notFound('GET', p)),
      ]);
      await expectError(port, 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n', 400, MESSAGES.malformed);
      const post = parse((await talk(port, req('POST', '/'), { count: 1 })).text);
      expect(post.map((r) => [r.status, envelope(r).message])).toEqual([
        [404, MESSAGES.notFound('POST', '/')],
      ]);
    });
  });

  it('answers HEAD / with the headers of GET / and no body', async () => {
    await withServer(FAST, async (port) => {
      const [head, get] = parse(
        (await talk(port, req('HEAD', '/') + GET, { count: 2, heads: [true, false] })).text,
        [true, false],
      );
      const strip = (h: string) => h.replace(/Date: .*\r\n/, '');
      expect(strip(head!.head)).toBe(strip(get!.head));
      expect(head!.headers['content-length']).toBe('13');
      expect([head!.body, get!.body]).toEqual(['', HELLO_TEXT]);
    });
  });

  it('ignores Upgrade (h2c, websocket): the request is answered as HTTP/1.1', async () => {
    await withServer(FAST, async (port) => {
      const h2c = req(
        'GET',
        '/',
        'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n',
      );
      const ws = req(
        'GET',
        '/',
        'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n',
      );
      const { text, closed } = await talk(port, h2c + ws, { count: 2 });
      expect(parse(text).map((r) => [r.status, r.headers['content-type'], r.body])).toEqual([
        [200, CONTENT_TYPE.text, HELLO_TEXT],
        [200, CONTENT_TYPE.text, HELLO_TEXT],
      ]);
      expect(closed).toBe(false);
    });
  });

  it('keeps HTTP/1.1 open unless Connection: close; HTTP/1.0 only with keep-alive', async () => {
    await withServer({ ...FAST, keepAliveMs: 2000 }, async (port) => {
      const cases: [string, boolean][] = [
        [GET, false],
        [req('GET', '/', 'Connection: close\r\n'), true],
        ['GET / HTTP/1.0\r\n\r\n', true],
        ['GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n', false],
      ];
      for (const [raw, closes] of cases)
        expect((await talk(port, raw, { count: 1 })).closed, raw).toBe(closes);
    });
  });
});
