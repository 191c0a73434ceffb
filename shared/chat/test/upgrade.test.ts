import { afterEach, describe, expect, it } from 'vitest';
import { ChatHub } from '../src/index.js';
import { WsClient } from '@repo/harness';
import { startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

// Which upgrades reach attachUpgrade (path, handshake, Origin) is the edge guard's job: @repo/core tests it.
describe('attachUpgrade', () => {
  it('reads ALLOWED_ORIGINS from the environment by default', () => {
    process.env.ALLOWED_ORIGINS = 'http://from-env.example';
    try {
      const hub = new ChatHub();
      const req = { headers: { origin: 'http://from-env.example', host: '127.0.0.1:1' } };
      expect(hub.isOriginAllowed(req)).toBe(true);
      expect(hub.isOriginAllowed({ headers: { ...req.headers, origin: 'http://other.example' } })).toBe(
        false,
      );
    } finally {
      delete process.env.ALLOWED_ORIGINS;
    }
  });

  it('serves HTTP and /ws on the same port', async () => {
    server = await startServer();
    const client = await WsClient.connect(server.url);
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(res.status).toBe(200);
    expect((await client.call('say_hello')).result).toBe('Hello, World!');
    client.ws.close();
  });
});
