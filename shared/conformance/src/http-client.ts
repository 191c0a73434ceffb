/** Raw-socket helpers: the checks that fetch cannot express (pipelining, garbage, huge headers). */
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `data` and collects everything the server sends until it closes the connection or
 * `idleMs` pass without data. Resolves with the bytes and whether the server closed.
 */
export function exchange(
  host: string,
  port: number,
  data: string | Buffer,
  idleMs = 500,
): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host, port });
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('utf8'), closed });
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(false), idleMs);
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      arm();
    });
    socket.on('end', () => done(true));
    socket.on('close', () => done(true));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A server that cuts a flooding client off may reset the connection: that is a close.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') done(true);
      else reject(err);
    });
    socket.write(data, () => arm());
  });
}

/** Splits a byte stream of HTTP/1.1 responses (Content-Length framed) into responses. */
export function parseResponses(text: string): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = Buffer.from(text, 'utf8');
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0)
      throw new Error(`Incomplete response head: ${JSON.stringify(rest.toString().slice(0, 200))}`);
    const [statusLine = '', ...lines] = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!match) throw new Error(`Not an HTTP status line: ${JSON.stringify(statusLine)}`);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const start = headEnd + 4;
    out.push({
      status: Number(match[1]),
      headers,
      body: rest.subarray(start, start + length).toString('utf8'),
    });
    rest = rest.subarray(start + length);
  }
  return out;
}

export const get = (path: string, extra = ''): string =>
  `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${extra}\r\n`;
