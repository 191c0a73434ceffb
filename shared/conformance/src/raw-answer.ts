/** One raw request on a fresh connection, and the answer reduced to what the contract compares. */
import type { EdgeRequest } from './edge-corpus.js';
import { exchange } from './http-client.js';

/** What two apps must agree on (Date and other volatile headers left out). */
export interface Answer {
  /** Status codes of every response, in order (`101` ends the HTTP part). */
  statuses: number[];
  /** Of the last response. */
  type?: string;
  length?: string;
  connection?: string;
  code?: string;
  message?: string;
  /** A non-JSON body, as text. */
  body?: string;
  /** Bytes that did not parse as HTTP/1.1 responses, if any. */
  junk?: string;
}

/** Parses a byte stream of HTTP/1.1 responses; HEAD responses and 1xx carry no body. */
export function summarize(text: string, head = false): Answer {
  const answer: Answer = { statuses: [] };
  let rest = Buffer.from(text, 'utf8');
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(rest.subarray(0, 16).toString('latin1'));
    if (end < 0 || !match) {
      answer.junk = rest.toString('latin1').slice(0, 120);
      break;
    }
    const status = Number(match[1]);
    answer.statuses.push(status);
    const headers = new Map<string, string>();
    for (const line of rest.subarray(0, end).toString('latin1').split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const bodyless = head || status < 200 || status === 204 || status === 304;
    const size = bodyless ? 0 : Number(headers.get('content-length') ?? 0);
    const body = Buffer.from(rest.subarray(end + 4, end + 4 + size)).toString('utf8');
    rest = rest.subarray(end + 4 + size);
    if (status === 100) continue;
    Object.assign(answer, {
      type: headers.get('content-type'),
      length: headers.get('content-length'),
      connection: headers.get('connection')?.toLowerCase(),
      code: undefined,
      message: undefined,
      body: undefined,
    });
    if (status === 101) break;
    try {
      const json = JSON.parse(body) as { error?: { code?: string; message?: string } };
      if (json.error) Object.assign(answer, { code: json.error.code, message: json.error.message });
      else answer.body = body;
    } catch {
      answer.body = body;
    }
  }
  for (const key of Object.keys(answer) as (keyof Answer)[])
    if (answer[key] === undefined) delete answer[key];
  return answer;
}

/** Sends one corpus request and summarises whatever came back before close or `idleMs` of silence. */
export async function ask(host: string, port: number, req: EdgeRequest, idleMs = 400): Promise<Answer> {
  const { text } = await exchange(host, port, Buffer.from(req.raw, 'latin1'), idleMs);
  return summarize(text, req.head);
}
