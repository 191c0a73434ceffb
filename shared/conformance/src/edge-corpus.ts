/**
 * Raw requests at the HTTP edges: odd paths, odd targets, odd headers, bodies, upgrades and garbage.
 * The differential test sends every one to every HTTP app and compares the answers; the edges checks
 * pin the expected answer of the ones the contract names (README, "HTTP edges").
 */

export interface EdgeRequest {
  /** Short label for failure messages. */
  name: string;
  /** Bytes sent as they are, on a fresh connection. */
  raw: string;
  /** HEAD: the response has no body whatever its Content-Length says. */
  head?: boolean;
  /**
   * Final answers a complete exchange holds if the connection stays open (default 1): more for
   * pipelined requests, so the reader waits for the last one (raw-answer.ts, `isComplete`).
   */
  responses?: number;
}

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const WS = `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${KEY}\r\n`;

/** `METHOD target HTTP/1.1` with `Host: localhost` and any extra header lines. */
export const request = (method: string, target: string, extra = '', version = '1.1'): string =>
  `${method} ${target} HTTP/${version}\r\nHost: localhost\r\n${extra}\r\n`;

const PATHS = [
  '/',
  '/json',
  '/hello/bob',
  '/fortunes',
  '/chat',
  '/ws',
  '/JSON',
  '/Json',
  '/HELLO/bob',
  '/json/',
  '//',
  '//json',
  '/json//',
  '/hello/bob/',
  '/hello//bob',
  '/hello/',
  '/hello',
  '/fortunes/',
  '/chat/',
  '/hello/../json',
  '/hello/./bob',
  '/./json',
  '/../json',
  '/%2e/json',
  '/%2E%2E/json',
  '/hello/%2e%2e',
  '/hello/..',
  '/hello/.',
  '/%6Ason',
  '/%6ason',
  '/j%73on',
  '/%2Fjson',
  '/hello%2Fbob',
  '/hello/%62ob',
  '/hello/b%2Fob',
  '/hello/a%20b',
  '/hello/%E0%A4%A',
  '/hello/%ZZ',
  '/%ZZ',
  '/json%',
  '/hello/bob%',
  '/hello/bob#x',
  '/hello/bob#',
  '/json#frag',
  '/#',
  '/hello/bob?x=1',
  '/json?',
  '/?a=b',
  '/json?q=%ZZ',
  '/hello/bob?x#y',
  `/hello/${'x'.repeat(64)}`,
  `/hello/${'x'.repeat(65)}`,
  `/hello/${'%F0%9F%91%8B'.repeat(64)}`,
  `/hello/${'%F0%9F%91%8B'.repeat(65)}`,
  '/nope',
  '/no/such/route',
  '/hello/bob;x',
  '/hello/b+ob',
  '/hello/b%2Bob',
  '/json;',
  '/index.html',
  '/hello/%00',
  '/hello/%C0%AF',
  '/hello/~bob',
  '/hello/bob%3F',
  '/hello/bob%23x',
  '/hello/%2e',
  '/hello/.bob',
  '/.well-known/x',
];

const TARGETS = [
  'http://x/json',
  'http://localhost/hello/bob',
  'http://x',
  'https://x/json',
  'http://x/hello/../json',
  'http://x:1/?q',
  'http://x/hello/bob#frag',
  '*',
];

const METHODS: [string, string][] = [
  ['POST', '/'],
  ['POST', '/json'],
  ['PUT', '/'],
  ['DELETE', '/json'],
  ['OPTIONS', '/'],
  ['PATCH', '/hello/bob'],
  ['TRACE', '/'],
  ['POST', '/ws'],
  ['POST', '/nope'],
];

const HOSTS: [string, string][] = [
  ['no Host (1.1)', 'GET / HTTP/1.1\r\n\r\n'],
  ['two Hosts', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'],
  ['empty Host', 'GET / HTTP/1.1\r\nHost: \r\n\r\n'],
  ['Host: hello', 'GET /hello/bob HTTP/1.1\r\nHost: hello\r\n\r\n'],
  ['Host with space', 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n'],
  ['Host port too big', 'GET / HTTP/1.1\r\nHost: x:99999\r\n\r\n'],
  ['Host IPv6', 'GET /json HTTP/1.1\r\nHost: [::1]:3000\r\n\r\n'],
  ['Host IPv4', 'GET /json HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n'],
  ['Host userinfo', 'GET / HTTP/1.1\r\nHost: a@b\r\n\r\n'],
  ['Host with path', 'GET / HTTP/1.1\r\nHost: x/y\r\n\r\n'],
  ['Host 60-char name', `GET /hello/${'n'.repeat(60)} HTTP/1.1\r\nHost: hello\r\n\r\n`],
  ['no Host (1.0)', 'GET /json HTTP/1.0\r\n\r\n'],
  ['two Hosts (1.0)', 'GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n'],
  ['odd Host (1.0)', 'GET / HTTP/1.0\r\nHost: a b\r\n\r\n'],
];

const BODIES: [string, string][] = [
  [
    'POST / JSON body {',
    request('POST', '/', 'Content-Type: application/json\r\nContent-Length: 1\r\n') + '{',
  ],
  [
    'POST /json body',
    request('POST', '/json', 'Content-Type: application/json\r\nContent-Length: 2\r\n') + '{}',
  ],
  ['GET / with body', request('GET', '/', 'Content-Length: 5\r\n') + 'hello'],
  [
    'GET / with a request as body',
    request('GET', '/', 'Content-Length: 36\r\n') + request('GET', '/json').slice(0, 36),
  ],
  ['GET / chunked', request('GET', '/', 'Transfer-Encoding: chunked\r\n') + '5\r\nhello\r\n0\r\n\r\n'],
  ['GET / Content-Length: 0', request('GET', '/', 'Content-Length: 0\r\n')],
  [
    'POST / urlencoded',
    request('POST', '/', 'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n') + 'a=b',
  ],
  ['CL and TE', request('GET', '/', 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n') + '0\r\n\r\n'],
  ['bad Content-Length', request('GET', '/', 'Content-Length: abc\r\n')],
  ['two Content-Lengths', request('GET', '/', 'Content-Length: 1\r\nContent-Length: 2\r\n') + 'ab'],
];

const HEADERS: [string, string][] = [
  ['header without colon', request('GET', '/', 'NoColonHere\r\n')],
  ['NUL in header', request('GET', '/', 'X-A: a\0b\r\n')],
  ['obs-fold', request('GET', '/', 'X-A: a\r\n b\r\n')],
  ['space before colon', request('GET', '/', 'X-A : a\r\n')],
  ['Connection: close', request('GET', '/json', 'Connection: close\r\n')],
  ['Expect: 100-continue', request('GET', '/json', 'Expect: 100-continue\r\n')],
  ['big header', request('GET', '/', `X-Big: ${'a'.repeat(17 * 1024)}\r\n`)],
];

const UPGRADES: [string, string][] = [
  [
    'h2c on /',
    request(
      'GET',
      '/',
      'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n',
    ),
  ],
  ['h2c on /json', request('GET', '/json', 'Connection: Upgrade\r\nUpgrade: h2c\r\n')],
  ['h2c on /hello/bob', request('GET', '/hello/bob', 'Connection: Upgrade\r\nUpgrade: h2c\r\n')],
  ['h2c on /nope', request('GET', '/nope', 'Connection: Upgrade\r\nUpgrade: h2c\r\n')],
  ['h2c on /ws', request('GET', '/ws', 'Connection: Upgrade\r\nUpgrade: h2c\r\n')],
  ['Upgrade: foo on /fortunes', request('GET', '/fortunes', 'Connection: Upgrade\r\nUpgrade: foo\r\n')],
  ['websocket on /', request('GET', '/', WS)],
  ['websocket on /json', request('GET', '/json', WS)],
  ['websocket on /nope', request('GET', '/nope', WS)],
  ['websocket on /ws/', request('GET', '/ws/', WS)],
  ['websocket on /WS', request('GET', '/WS', WS)],
  ['websocket bad key on /ws', request('GET', '/ws', WS.replace(KEY, 'short'))],
  ['websocket version 7 on /ws', request('GET', '/ws', WS.replace('Version: 13', 'Version: 7'))],
  ['websocket POST on /ws', request('POST', '/ws', WS)],
  ['websocket bad protocol on /ws', request('GET', '/ws', `${WS}Sec-WebSocket-Protocol: a b\r\n`)],
  ['websocket foreign Origin on /ws', request('GET', '/ws', `${WS}Origin: http://evil.example\r\n`)],
  ['websocket no Host on /ws', `GET /ws HTTP/1.1\r\n${WS}\r\n`],
  ['websocket on /ws/../ws', request('GET', '/ws/../ws', WS)],
  ['websocket HEAD on /ws', request('HEAD', '/ws', WS)],
  ['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'],
];

const GARBAGE: [string, string][] = [
  ['not HTTP', 'THIS IS NOT HTTP\r\n\r\n'],
  ['lower-case method', 'get / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  ['unknown method', 'FOO / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  ['HTTP/2.0 line', 'GET / HTTP/2.0\r\nHost: localhost\r\n\r\n'],
  ['double space', 'GET  / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  ['bare LF', 'GET /json HTTP/1.1\nHost: localhost\n\n'],
  ['leading CRLF', `\r\n${request('GET', '/json')}`],
  ['TLS ClientHello', '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03'],
  ['NUL byte', '\0\0\0\0\r\n\r\n'],
  ['HTTP/1.0 keep-alive', 'GET /json HTTP/1.0\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n'],
];

/**
 * Bytes a path may not hold raw, sent as they are (`raw` goes out as latin1, one byte per char). The
 * guard refuses a backslash (README, "HTTP edges"); Node's parser refuses spaces, control bytes and
 * bytes over 0x7f before any app runs. The query may hold a backslash (it is never read), and encoded
 * as `%5C` it is an ordinary character of a name.
 */
const RAW_BYTES = [
  '/\\json',
  '/hello/a\\b',
  '/\\',
  '/json\\',
  '\\json',
  'http://x/\\json',
  '/json?a\\b',
  '/hello/%5C',
  '/hello/\xe9',
  '/hello/\xc3\xa9',
  '/\xff',
  '/hello/\x80',
  '/hello/a\x00b',
  '/hello/a\x01b',
  '/hello/a\tb',
  '/hello/a\x1bb',
  '/hello/a\x7fb',
  '/hello/a\rb',
  '/hello/a b',
  '/ json',
  '/json#a b',
];

/** A target with its unprintable bytes as `\xNN`, so a failure message and the golden file show them. */
const printable = (target: string): string =>
  target.replace(/[^\x21-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** ≥ 100 requests: every path under GET and HEAD, odd targets and methods, hosts, bodies, headers, upgrades, garbage. */
export const EDGE_CORPUS: readonly EdgeRequest[] = [
  ...PATHS.map((p) => ({ name: `GET ${p}`, raw: request('GET', p) })),
  ...['/', '/json', '/hello/bob', '/fortunes', '/chat', '/nope', '/JSON', '/ws'].map((p) => ({
    name: `HEAD ${p}`,
    raw: request('HEAD', p),
    head: true,
  })),
  ...TARGETS.map((t) => ({ name: `GET ${t}`, raw: request('GET', t) })),
  ...RAW_BYTES.map((t) => ({ name: `GET ${printable(t)}`, raw: request('GET', t) })),
  { name: 'HEAD /\\json', raw: request('HEAD', '/\\json'), head: true },
  { name: 'websocket on /\\ws', raw: request('GET', '/\\ws', WS) },
  { name: 'good then garbage', raw: request('GET', '/hello/one') + 'GARBAGE\r\n\r\n', responses: 2 },
  { name: 'two spaces before the version', raw: 'GET /json  HTTP/1.1\r\nHost: localhost\r\n\r\n' },
  ...METHODS.map(([m, p]) => ({ name: `${m} ${p}`, raw: request(m, p) })),
  ...[...HOSTS, ...BODIES, ...HEADERS, ...UPGRADES, ...GARBAGE].map(([name, raw]) => ({ name, raw })),
];
