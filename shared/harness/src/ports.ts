/** Free TCP ports: never assume an app's default port (or Redis's 6379) is free. */
import { createServer, type AddressInfo } from 'node:net';

/**
 * A port the kernel just handed out on `host` (listen on 0, read it, close it again so the caller can
 * take it). Another process could take it first; the caller then sees EADDRINUSE and may ask again.
 *
 * @example const port = await freePort();
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    // Never keeps the process alive on its own (a caller that gave up still exits).
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
