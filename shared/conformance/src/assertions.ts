import { expect } from 'vitest';
import { CONTENT_TYPE, readExpected } from '@repo/fixtures';

/**
 * Headers every response must carry (README, Routes: `Date`, `Content-Type` and `Content-Length`), and
 * the ones none may (no framework fingerprint). `type` is the route's exact Content-Type; with `body`,
 * Content-Length must be its UTF-8 length (a chunked answer has none and fails).
 */
export function expectCommonHeaders(
  headers: Headers | Record<string, string>,
  type: string,
  body?: string,
): void {
  const read = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] ?? null));
  expect(read('date'), 'Date header').toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  expect(read('content-type'), 'Content-Type header').toBe(type);
  expect(read('content-length'), 'Content-Length header').toMatch(/^\d+$/);
  if (body !== undefined)
    expect(read('content-length'), 'Content-Length is the body length').toBe(String(Buffer.byteLength(body)));
  expect(read('transfer-encoding'), 'Transfer-Encoding must not be sent').toBeNull();
  expect(read('x-powered-by'), 'X-Powered-By must not be sent').toBeNull();
  expect(read('server'), 'Server header must not be sent').toBeNull();
}

/** Asserts the shared error envelope with the given status and code. */
export async function expectError(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe(CONTENT_TYPE.json);
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(body.error?.code).toBe(code);
  expect(typeof body.error?.message).toBe('string');
  expect(Object.keys(body)).toEqual(['error']);
}

/** Same, for a response read off a raw socket. */
export function expectRawError(
  raw: { status: number; headers: Record<string, string>; body: string },
  status: number,
  code: string,
): void {
  expect(raw.status).toBe(status);
  expect(raw.headers['content-type']).toBe(CONTENT_TYPE.json);
  const body = JSON.parse(raw.body) as { error?: { code?: unknown } };
  expect(body.error?.code).toBe(code);
}

/** `url` answers 200 with the fortunes page byte for byte as the golden file, with the common headers. */
export async function expectGoldenFortunes(url: string): Promise<void> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toBe(await readExpected('fortunes.html'));
  expectCommonHeaders(res.headers, CONTENT_TYPE.html, html);
}
