import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatHub } from '../src/index.js';
import { connect, startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A raw upgrade request; resolves with the HTTP response the server wrote instead of switching. */
function upgrade(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type: string | undefined; body: unknown }>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('upgrade', () => reject(new Error('unexpectedly upgraded')));
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, type: res.headers['content-type'], body: JSON.parse(body) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('attachUpgrade', () => {
  it('answers upgrades on other paths with 404 in the JSON error envelope', async () => {
    server = await startServer();
    expect(await upgrade(server.port, '/chat')).toEqual({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: { error: { code: 'NOT_FOUND', message: 'No WebSocket endpoint at /chat; use /ws' } },
    });
  });

  it('answers a foreign Origin with 403 in the JSON error envelope', async () => {
    server = await startServer();
    const res = await upgrade(server.port, '/ws', { Origin: 'http://evil.example' });
    expect(res).toMatchObject({ status: 403, type: 'application/json; charset=utf-8' });
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('lets in no Origin, the own host:port, and ALLOWED_ORIGINS entries; routes /ws?query too', async () => {
    server = await startServer({ allowedOrigins: ['http://localhost:5173'] });
    const clients = [
      await connect(server.url),
      await connect(server.url, { origin: `http://127.0.0.1:${server.port}` }),
      await connect(server.url, { origin: 'http://localhost:5173' }),
      await connect(`${server.url}?v=1`),
    ];
    expect(server.hub.clientCount).toBe(4);
    for (const c of clients) c.ws.close();
  });

  it('reads ALLOWED_ORIGINS from the environment by default', async () => {
    process.env.ALLOWED_ORIGINS = 'http://from-env.example';
    try {
      const hub = new ChatHub();
      const req = { headers: { origin: 'http://from-env.example', host: '127.0.0.1:1' } };
      expect(hub.isOriginAllowed(req as never)).toBe(true);
      expect(
        hub.isOriginAllowed({ headers: { ...req.headers, origin: 'http://other.example' } } as never),
      ).toBe(false);
    } finally {
      delete process.env.ALLOWED_ORIGINS;
    }
  });

  it('serves HTTP and /ws on the same port', async () => {
    server = await startServer();
    const client = await connect(server.url);
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(res.status).toBe(200);
    expect((await client.call('say_hello')).result).toBe('Hello, World!');
    client.ws.close();
  });
});
