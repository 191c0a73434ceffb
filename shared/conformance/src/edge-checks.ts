/**
 * The edges part of the contract (README, "HTTP edges"): each rule pinned as raw requests and the
 * answer every app must give. The differential test proves the apps agree; these prove they are right.
 */
import assert from 'node:assert/strict';
import { HELLO_JSON_BODY, HELLO_TEXT } from '@repo/fixtures';
import { request } from './edge-corpus.js';
import { ask, type Answer } from './raw-answer.js';
import type { Check, CheckContext } from './types.js';

type Expected = Partial<Answer>;
interface Case {
  raw: string;
  expect: Expected;
  head?: boolean;
  /** Final answers to wait for on an open connection (pipelined requests); 1 when omitted. */
  responses?: number;
}

const ok = (body: string): Expected => ({ statuses: [200], body });
const notFound = (method: string, path: string): Expected => ({
  statuses: [404],
  code: 'NOT_FOUND',
  message: `No route for ${method} ${path}`,
});
const badRequest = (message: string): Expected => ({
  statuses: [400],
  code: 'BAD_REQUEST',
  message,
  connection: 'close',
});
const BAD_HOST = 'An HTTP/1.1 request needs exactly one valid Host header';
const BODY = 'Request bodies are not accepted (every route is GET)';
const MALFORMED = 'Malformed HTTP request';
const WS_HEADERS =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

async function expectCases(ctx: CheckContext, cases: readonly Case[]): Promise<void> {
  const answers = await Promise.all(
    cases.map((c) =>
      ask(ctx.host, ctx.port, { name: c.raw, raw: c.raw, head: c.head, responses: c.responses }),
    ),
  );
  cases.forEach((c, i) => {
    const actual = answers[i]!;
    const picked = Object.fromEntries(Object.keys(c.expect).map((k) => [k, actual[k as keyof Answer]]));
    assert.deepEqual(picked, c.expect, `${JSON.stringify(c.raw)} → ${JSON.stringify(actual)}`);
  });
}

const rule = (name: string, scope: 'all' | 'http', cases: Case[]): Check => ({
  name,
  scope,
  run: (ctx) => expectCases(ctx, cases),
});

export const edgeChecks: Check[] = [
  rule('paths are exact: no case folding, no trailing-slash or // aliases', 'all', [
    { raw: request('GET', '/'), expect: ok(HELLO_TEXT) },
    { raw: request('GET', '//'), expect: notFound('GET', '//') },
    { raw: request('GET', '/?x=1'), expect: ok(HELLO_TEXT) },
  ]),
  rule('paths are exact: /JSON, /json/, //json, /hello/bob/ are 404', 'http', [
    { raw: request('GET', '/JSON'), expect: notFound('GET', '/JSON') },
    { raw: request('GET', '/json/'), expect: notFound('GET', '/json/') },
    { raw: request('GET', '//json'), expect: notFound('GET', '//json') },
    { raw: request('GET', '/hello/bob/'), expect: notFound('GET', '/hello/bob/') },
  ]),
  rule('dot segments are not resolved and %XX is not decoded into a route', 'http', [
    { raw: request('GET', '/hello/../json'), expect: notFound('GET', '/hello/../json') },
    { raw: request('GET', '/%2e%2e/json'), expect: notFound('GET', '/%2e%2e/json') },
    { raw: request('GET', '/%6Ason'), expect: notFound('GET', '/%6Ason') },
    { raw: request('GET', '/hello/%62ob'), expect: ok('Hello, bob!') },
    { raw: request('GET', '/hello/%ZZ'), expect: badRequest('Path is not valid percent-encoding') },
  ]),
  rule('absolute-form targets are answered as their path; # is never part of the path', 'all', [
    { raw: request('GET', 'http://example.com/'), expect: ok(HELLO_TEXT) },
    { raw: request('GET', '/#x'), expect: ok(HELLO_TEXT) },
  ]),
  rule('absolute-form, # and Host: routing never reads Host', 'http', [
    { raw: request('GET', 'http://example.com/json'), expect: ok(HELLO_JSON_BODY) },
    { raw: request('GET', '/hello/bob#x'), expect: ok('Hello, bob!') },
    { raw: 'GET /hello/bob HTTP/1.1\r\nHost: hello\r\n\r\n', expect: ok('Hello, bob!') },
    {
      raw: `GET /hello/${'n'.repeat(60)} HTTP/1.1\r\nHost: hello\r\n\r\n`,
      expect: ok(`Hello, ${'n'.repeat(60)}!`),
    },
  ]),
  rule('HEAD is GET without the body, same Content-Length', 'all', [
    { raw: request('HEAD', '/'), head: true, expect: { statuses: [200], length: '13', body: '' } },
  ]),
  rule('HEAD works on every GET route', 'http', [
    { raw: request('HEAD', '/json'), head: true, expect: { statuses: [200], length: '27', body: '' } },
    { raw: request('HEAD', '/hello/bob'), head: true, expect: { statuses: [200], length: '11', body: '' } },
  ]),
  rule('HTTP/1.1 without Host, with two, or with an invalid one → 400 envelope, close', 'all', [
    { raw: 'GET / HTTP/1.1\r\n\r\n', expect: badRequest(BAD_HOST) },
    { raw: 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', expect: badRequest(BAD_HOST) },
    { raw: 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n', expect: badRequest(BAD_HOST) },
    { raw: 'GET / HTTP/1.0\r\n\r\n', expect: { statuses: [200], body: HELLO_TEXT, connection: 'close' } },
  ]),
  rule('a request with a body is refused with 400 and close, never parsed as a second request', 'all', [
    { raw: request('GET', '/', 'Content-Length: 5\r\n') + 'hello', expect: badRequest(BODY) },
    {
      raw: request('GET', '/', 'Content-Length: 18\r\n') + request('GET', '/').slice(0, 18),
      expect: badRequest(BODY),
    },
    { raw: request('GET', '/', 'Transfer-Encoding: chunked\r\n') + '0\r\n\r\n', expect: badRequest(BODY) },
    { raw: request('GET', '/', 'Content-Length: 0\r\n'), expect: ok(HELLO_TEXT) },
  ]),
  rule('a body a framework would parse (POST JSON `{`) is 400, not 500', 'http', [
    {
      raw: request('POST', '/', 'Content-Type: application/json\r\nContent-Length: 1\r\n') + '{',
      expect: badRequest(BODY),
    },
  ]),
  rule('header lines without a colon or with NUL → 400 envelope', 'all', [
    { raw: request('GET', '/', 'NoColonHere\r\n'), expect: badRequest(MALFORMED) },
    { raw: request('GET', '/', 'X-A: a\0b\r\n'), expect: badRequest(MALFORMED) },
  ]),
  rule('a non-websocket Upgrade (h2c) is ignored and the request served as HTTP/1.1', 'all', [
    {
      raw: request(
        'GET',
        '/',
        'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n',
      ),
      expect: ok(HELLO_TEXT),
    },
  ]),
  rule('upgrades: h2c on any route is served, websocket off /ws is 404, a bad /ws handshake 400', 'http', [
    { raw: request('GET', '/json', 'Connection: Upgrade\r\nUpgrade: h2c\r\n'), expect: ok(HELLO_JSON_BODY) },
    {
      raw: request('GET', '/json', WS_HEADERS),
      expect: { statuses: [404], code: 'NOT_FOUND', message: 'No WebSocket endpoint at /json; use /ws' },
    },
    {
      raw: request('GET', '/ws', WS_HEADERS.replace('dGhlIHNhbXBsZSBub25jZQ==', 'short')),
      expect: { statuses: [400], code: 'BAD_REQUEST' },
    },
    { raw: request('POST', '/ws', WS_HEADERS), expect: { statuses: [400], code: 'BAD_REQUEST' } },
    {
      raw: request('GET', '/ws', `${WS_HEADERS}Origin: http://evil.example\r\n`),
      expect: { statuses: [403], code: 'FORBIDDEN' },
    },
  ]),
  rule('plain GET /ws and CONNECT get the 404 envelope', 'http', [
    { raw: request('GET', '/ws'), expect: notFound('GET', '/ws') },
    {
      raw: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
      expect: notFound('CONNECT', 'example.com:443'),
    },
  ]),
  rule('a pipelined request is answered before garbage after it closes the connection', 'http', [
    {
      raw: request('GET', '/hello/one') + 'GARBAGE\r\n\r\n',
      responses: 2,
      expect: { statuses: [200, 400], code: 'BAD_REQUEST', connection: 'close' },
    },
  ]),
];
