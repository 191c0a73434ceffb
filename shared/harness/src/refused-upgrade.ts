/** For checks of the edge guard: an upgrade that must be refused, and what was answered instead. */
import { WebSocket, type ClientOptions } from 'ws';

/** What the server answered instead of switching protocols. */
export interface RefusedUpgrade {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** Attempts an upgrade that must be refused; resolves with the HTTP answer, rejects if it upgraded. */
export function refusedUpgrade(url: string, options: ClientOptions = {}): Promise<RefusedUpgrade> {
  const ws = new WebSocket(url, { handshakeTimeout: 5000, ...options });
  ws.on('error', () => {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.terminate();
      reject(new Error(`upgrade to ${url} was accepted, expected it to be refused`));
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        ws.terminate();
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body });
      });
    });
    ws.once('error', (err) =>
      reject(new Error(`upgrade to ${url} failed without an HTTP answer: ${err.message}`)),
    );
  });
}
