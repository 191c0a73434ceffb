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
/** An answer with its Content-Length, as the contract wants (without it Node would answer chunked). */
const answer = (res: ServerResponse, status: number, headers: Record<string, string>, body: string) =>
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) }).end(body);
const correct: Variant = (res) => answer(res, 200, { 'content-type': CONTENT_TYPE.text }, HELLO_TEXT);

/**
 * Each drift, and the assertion that must catch it: which value the check saw and what it wanted. Any
 * other error (a refused connection, a crash in the check) is not "drift caught" and fails the test.
 */
interface Drift {
  variant: Variant;
  caught: { actual: unknown; expected: unknown; message: RegExp };
}
const drifts: Record<string, Drift> = {
  'a body without the "!"': {
    variant: (res) => answer(res, 200, { 'content-type': CONTENT_TYPE.text }, 'Hello, World'),
    caught: { actual: 'Hello, World', expected: HELLO_TEXT, message: /^expected 'Hello, World' to be/ },
  },
  'a content type without charset': {
    variant: (res) => answer(res, 200, { 'content-type': 'text/plain' }, HELLO_TEXT),
    caught: {
      actual: 'text/plain',
      expected: CONTENT_TYPE.text,
      message: /^Content-Type header: expected 'text\/plain' to be/,
    },
  },
  'an X-Powered-By header': {
    variant: (res) =>
      answer(res, 200, { 'content-type': CONTENT_TYPE.text, 'x-powered-by': 'Express' }, HELLO_TEXT),
    caught: { actual: 'Express', expected: null, message: /^X-Powered-By must not be sent: / },
  },
  'a 201 status': {
    variant: (res) => answer(res, 201, { 'content-type': CONTENT_TYPE.text }, HELLO_TEXT),
    caught: { actual: 201, expected: 200, message: /^expected 201 to be 200/ },
  },
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
  it.each(Object.entries(drifts))('fails a server that sends %s', async (_label, { variant, caught }) => {
    const { message, ...values } = caught;
    const failure = helloCheck.run(await serve(variant));
    await expect(failure).rejects.toMatchObject({ name: 'AssertionError', ...values });
    await expect(failure).rejects.toThrow(message);
  });
});
