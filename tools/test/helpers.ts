/** The CLI test's server: the chat hub on node:http, on an ephemeral port of 127.0.0.1. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatHub, attachUpgrade } from '@repo/chat';

export { until } from '@repo/harness';

export interface TestServer {
  hub: ChatHub;
  url: string;
  stop(): Promise<void>;
}

/** What the apps serve on `/ws`, without an app: the CLI only talks JSON-RPC. */
export async function startServer(): Promise<TestServer> {
  const hub = new ChatHub({ allowedOrigins: [] });
  const server = createServer((_req, res) => res.writeHead(404).end());
  attachUpgrade(server, hub);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    hub,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`,
    async stop() {
      await hub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
