/**
 * The suite must catch drift: a server that is right passes the hello check, and each small
 * deviation (a missing `!`, a charset dropped, a framework header leaked) makes it fail.
 */
import { createServer, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_TYPE, HELLO_TEXT } from '@repo/fixtures';
import { closeServer, listen } from '@repo/core';
import { helloChecks } from '../src/hello-checks.js';
import type { CheckContext, Target } from '../src/types.js';

type Variant = (res: ServerResponse) => void;
const correct: Variant = (res) => res.writeHead(200, { 'content-type': CONTENT_TYPE.text }).end(HELLO_TEXT);
const drifts: Record<string, Variant> = {
  'a body without the "!"': (res) =>
    res.writeHead(200, { 'content-type': CONTENT_TYPE.text }).end('Hello, World'),
  'a content type without charset': (res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end(HELLO_TEXT),
  'an X-Powered-By header': (res) =>
    res.writeHead(200, { 'content-type': CONTENT_TYPE.text, 'x-powered-by': 'Express' }).end(HELLO_TEXT),
  'a 201 status': (res) => res.writeHead(201, { 'content-type': CONTENT_TYPE.text }).end(HELLO_TEXT),
};

const helloCheck = helloChecks.find((c) => c.name.startsWith('GET / answers'))!;
let stop: (() => Promise<void>) | undefined;

async function serve(variant: Variant): Promise<CheckContext> {
  const server = createServer((req, res) => variant(res));
  const port = await listen(server, 0, '127.0.0.1');
  stop = () => closeServer(server);
  const target = { name: 'drift', kind: 'hello-only' } as Target;
  return { target, host: '127.0.0.1', port, baseUrl: `http://127.0.0.1:${port}` };
}

afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('the conformance suite catches drift', () => {
  it('passes a server that answers the contract', async () => {
    await expect(helloCheck.run(await serve(correct))).resolves.toBeUndefined();
  });
  it.each(Object.entries(drifts))('fails a server that sends %s', async (_label, variant) => {
    await expect(helloCheck.run(await serve(variant))).rejects.toThrow();
  });
});
