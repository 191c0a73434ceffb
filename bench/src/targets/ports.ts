/** Free TCP ports: never assume an app's default port is free. */
import { createServer, type AddressInfo } from 'node:net';

/**
 * Asks the OS for a free port on 127.0.0.1 (listen on 0, read it, close). Another process could
 * take it before the app binds it; the server starter then sees EADDRINUSE and asks again.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
