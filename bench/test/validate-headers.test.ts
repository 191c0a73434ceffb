/**
 * Every target is validated with the same header rules before it is measured, so "vs own reference"
 * compares servers doing the same work: a reference that hashes an ETag or frames its body chunked
 * fails, and every committed reference passes as it is.
 */
import { readdirSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { APPS, CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import { validateHttp } from '../src/load/http-scenarios.js';
import { startServer } from '../src/targets/server-process.js';
import { referenceOf } from '../src/targets/targets.js';

const referenceDir = fileURLToPath(new URL('../reference/', import.meta.url));
const references = readdirSync(referenceDir).filter((f) => f.endsWith('.mjs'));

let server: Server | null = null;
afterEach(() => {
  server?.close();
  server = null;
});

/** A hello server on a free port whose headers the test chooses; `chunked` leaves out Content-Length. */
async function hello(extra: OutgoingHttpHeaders, chunked = false): Promise<number> {
  server = createServer((req, res) => {
    const length = chunked ? {} : { 'content-length': Buffer.byteLength(HELLO_TEXT) };
    res.writeHead(200, { 'content-type': CONTENT_TYPE.text, ...length, ...extra }).end(HELLO_TEXT);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('validation before measuring: the header rules', () => {
  it('passes a hello with Date and Content-Length and nothing extra', async () => {
    expect(await validateHttp('plaintext', await hello({}))).toBeNull();
  });

  it('fails a server that sends an ETag', async () => {
    const reason = await validateHttp('plaintext', await hello({ etag: 'W/"d-abc"' }));
    expect(reason).toBe('GET / headers: sends etag: W/"d-abc"');
  });

  it('fails a server that sends X-Powered-By', async () => {
    const reason = await validateHttp('plaintext', await hello({ 'x-powered-by': 'Express' }));
    expect(reason).toBe('GET / headers: sends x-powered-by: Express');
  });

  it('fails a server without Content-Length (chunked)', async () => {
    const reason = await validateHttp('plaintext', await hello({}, true));
    expect(reason).toBe('GET / headers: no Content-Length (transfer-encoding: chunked)');
  });

  it('fails a server without Date', async () => {
    server = createServer((req, res) => {
      res.sendDate = false;
      res.writeHead(200, { 'content-type': CONTENT_TYPE.text, 'content-length': 13 }).end(HELLO_TEXT);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const reason = await validateHttp('plaintext', (server.address() as { port: number }).port);
    expect(reason).toBe('GET / headers: Date null is not an HTTP date');
  });
});

describe('the committed reference servers', () => {
  it('are one per app that has a reference, and nothing else', () => {
    const expected = APPS.map(referenceOf).filter((r) => r !== null);
    expect(references.map((f) => f.replace(/\.mjs$/, '')).sort()).toEqual(expected.sort());
  });

  it.each(references)('reference/%s passes the validation the apps pass', async (file) => {
    // As the bench starts it: plain node, NODE_ENV=production (set by startServer), a free port.
    const started = await startServer({
      name: `reference/${file}`,
      entry: fileURLToPath(new URL(file, new URL('../reference/', import.meta.url))),
      nodePath: process.execPath,
    });
    try {
      expect(await validateHttp('plaintext', started.port)).toBeNull();
    } finally {
      await started.stop();
    }
  });
});
