/**
 * A recording reverse proxy for browser tests: it sees every request the browser makes to an app,
 * including the ones Chromium makes on its own behalf and never reports as page events (the
 * `/favicon.ico` probe after a page loads), and WebSocket upgrades, which it tunnels through.
 *
 * @example
 * const proxy = await recordingProxy(stage.url('koa-app'));
 * await page.goto(`${proxy.url}chat`);
 * expect(proxy.log.filter((r) => r.status >= 400)).toEqual([]);
 * await proxy.close();
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface Recorded {
  method: string;
  path: string;
  /** The app's status code (101 for an accepted WebSocket upgrade); 502 when the app could not be reached. */
  status: number;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>/`, to point the browser at instead of the app. */
  url: string;
  /** Every request that got an answer, in the order the answers came. */
  readonly log: readonly Recorded[];
  close(): Promise<void>;
}

/** Raw header lines as received, so the app sees the browser's own Host and Origin. */
function headLines(req: IncomingMessage): string {
  let head = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    head += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
  return `${head}\r\n`;
}

/** Starts a proxy in front of `target` (an app's base URL) on an ephemeral loopback port. */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const log: Recorded[] = [];
  const tunnels = new Set<Duplex>();

  const server = createServer((req, res) => {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers, // Host stays the proxy's: the app's same-origin rule compares Origin with it
      },
      (answer) => {
        log.push({ method: req.method!, path: req.url!, status: answer.statusCode! });
        res.writeHead(answer.statusCode!, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      log.push({ method: req.method!, path: req.url!, status: 502 });
      res.writeHead(502).end();
    });
    req.pipe(forward);
  });

  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const app: Socket = connect(Number(upstream.port), upstream.hostname, () => {
      app.write(headLines(req));
      if (head.length) app.write(head);
      app.once('data', (first: Buffer) => {
        const status = /^HTTP\/1\.1 (\d{3})/.exec(first.toString('latin1'));
        log.push({ method: req.method!, path: req.url!, status: status ? Number(status[1]) : 0 });
      });
      client.pipe(app).pipe(client);
    });
    for (const s of [client, app]) {
      tunnels.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        tunnels.delete(s);
        client.destroy();
        app.destroy();
      });
    }
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    log,
    close: () =>
      new Promise<void>((done) => {
        for (const s of tunnels) s.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
