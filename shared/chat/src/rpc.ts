/**
 * JSON-RPC 2.0 envelope handling over `json-rpc-2.0`'s JSONRPCServer, fixed where it deviates from
 * the spec. The library does method dispatch, id echoing, notification suppression and error mapping
 * well; its envelope checks are thin. Measured against the spec's examples (json-rpc-2.0 1.8.1):
 *
 * | input                           | spec                      | library                          |
 * | ------------------------------- | ------------------------- | -------------------------------- |
 * | `{"jsonrpc":"2.0","method":1}`  | -32600, id null           | no reply (treated as notification of an unknown method) |
 * | `[1]`                           | `[-32600]` (array)        | bare -32600 object               |
 * | `[req]` (one-element batch)     | `[response]` (array)      | bare response object             |
 * | `null`                          | -32600                    | -32700                           |
 * | `[null]`                        | `[-32600]`                | promise rejects (TypeError)      |
 * | `"params": 5`, `"id": {}`       | -32600                    | dispatched as if valid           |
 *
 * So this wrapper parses the frame itself, validates every entry's shape (jsonrpc, method, id,
 * params) before the library sees it, and builds the batch array itself; only well-formed single
 * requests reach `JSONRPCServer.receive`. It also runs a per-entry gate (the rate limiter) and caps
 * batch size and how many entries of a given method one batch may hold, so what one frame can cost is
 * known before any of it runs.
 */
import {
  JSONRPCErrorException,
  JSONRPCServer,
  createJSONRPCErrorResponse,
  isJSONRPCID,
  type JSONRPCID,
  type JSONRPCRequest,
  type JSONRPCResponse,
} from 'json-rpc-2.0';
import { DEFAULTS, INTERNAL_ERROR, INVALID_REQUEST, PARSE_ERROR } from './constants.js';

export interface RpcEndpointOptions<S> {
  /** Bigger batches get a single -32600. */
  maxBatchSize?: number;
  /** Most entries per batch for some methods (e.g. `{ 'chat.join': 1 }`); more → a single -32600. */
  maxPerBatch?: Readonly<Record<string, number>>;
  /**
   * Runs once per entry (a single request, each batch element, an unparseable frame) before it is
   * looked at; an error returned here is the entry's answer instead (notifications get none).
   */
  gate?: (session: S) => JSONRPCErrorException | undefined;
  /** Unexpected (non-JSON-RPC) errors thrown by methods; the client only sees -32603. */
  logError?: (err: unknown) => void;
}

/**
 * Turns one text frame into the reply frame (or `null` for no reply).
 *
 * @example
 * const rpc = new RpcEndpoint<void>();
 * rpc.server.addMethod('say_hello', () => 'Hello, World!');
 * await rpc.handle('{"jsonrpc":"2.0","id":1,"method":"say_hello"}');
 * // '{"jsonrpc":"2.0","id":1,"result":"Hello, World!"}'
 */
export class RpcEndpoint<S> {
  /** Register methods here; they receive the session as the library's `serverParams`. */
  readonly server: JSONRPCServer<S>;
  readonly #maxBatchSize: number;
  readonly #maxPerBatch: Readonly<Record<string, number>>;
  readonly #gate: (session: S) => JSONRPCErrorException | undefined;

  constructor(options: RpcEndpointOptions<S> = {}) {
    const logError = options.logError ?? ((err: unknown) => console.error(err));
    this.#maxBatchSize = options.maxBatchSize ?? DEFAULTS.maxBatchSize;
    this.#maxPerBatch = options.maxPerBatch ?? {};
    this.#gate = options.gate ?? (() => undefined);
    // The default listener console.warns every thrown error, client mistakes included.
    this.server = new JSONRPCServer<S>({
      errorListener: (_message, err) => {
        if (!(err instanceof JSONRPCErrorException)) logError(err);
      },
    });
    // The default maps unknown errors to code 0 with their message: use -32603 and hide internals.
    this.server.mapErrorToJSONRPCErrorResponse = (id, err: unknown) =>
      err instanceof JSONRPCErrorException
        ? createJSONRPCErrorResponse(id, err.code, err.message, err.data)
        : createJSONRPCErrorResponse(id, INTERNAL_ERROR, 'Internal error');
  }

  /** The reply to one frame, serialised, or `null` when nothing must be sent. */
  async handle(text: string, session: S): Promise<string | null> {
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return JSON.stringify(errorOf(null, this.#gate(session)) ?? parseError());
    }
    if (!Array.isArray(payload)) {
      const reply = await this.#entry(payload, session);
      return reply && JSON.stringify(reply);
    }
    // Refused whole, before any entry runs: nothing is half done, and it costs one token.
    const why = this.#batchProblem(payload);
    if (why !== undefined) {
      const gated = this.#gate(session);
      if (gated) return JSON.stringify(errorOf(null, gated));
      return JSON.stringify(createJSONRPCErrorResponse(null, INVALID_REQUEST, `Invalid Request: ${why}`));
    }
    // Entries start in order (methods run synchronously up to their first await), replies come back
    // in the same order; the spec allows any order, this one is just easier to read.
    const replies = await Promise.all(payload.map((entry: unknown) => this.#entry(entry, session)));
    const answered = replies.filter((r): r is JSONRPCResponse => r !== null);
    // A batch of only notifications gets no reply at all, not an empty array.
    return answered.length > 0 ? JSON.stringify(answered) : null;
  }

  #batchProblem(batch: unknown[]): string | undefined {
    if (batch.length === 0) return 'empty batch';
    if (batch.length > this.#maxBatchSize) return `batch of ${batch.length} exceeds ${this.#maxBatchSize}`;
    for (const [method, max] of Object.entries(this.#maxPerBatch)) {
      const count = batch.filter((e) => (e as { method?: unknown } | null)?.method === method).length;
      if (count > max) return `a batch may hold at most ${max} ${method}, got ${count}`;
    }
    return undefined;
  }

  async #entry(entry: unknown, session: S): Promise<JSONRPCResponse | null> {
    const gated = this.#gate(session);
    const problem = requestProblem(entry);
    if (problem !== undefined) return errorOf(idOf(entry), gated) ?? invalidRequest(idOf(entry), problem);
    const request = entry as JSONRPCRequest;
    if (gated) return request.id === undefined ? null : errorOf(request.id, gated);
    return this.server.receive(request, session);
  }
}

function errorOf(id: JSONRPCID, err: JSONRPCErrorException | undefined): JSONRPCResponse | null {
  return err ? createJSONRPCErrorResponse(id, err.code, err.message, err.data) : null;
}

const parseError = (): JSONRPCResponse =>
  createJSONRPCErrorResponse(null, PARSE_ERROR, 'Parse error: invalid JSON');

const invalidRequest = (id: JSONRPCID, problem: string): JSONRPCResponse =>
  createJSONRPCErrorResponse(id, INVALID_REQUEST, `Invalid Request: ${problem}`);

/** The id to answer an invalid request with: its own if usable, else null (spec §5). */
function idOf(entry: unknown): JSONRPCID {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const id = (entry as { id?: unknown }).id;
  return isJSONRPCID(id) ? id : null;
}

/** Why `entry` is not a JSON-RPC 2.0 request object, or undefined when it is one. */
export function requestProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'expected a request object';
  const r = entry as Record<string, unknown>;
  if (r.jsonrpc !== '2.0') return 'jsonrpc must be "2.0"';
  if (typeof r.method !== 'string') return 'method must be a string';
  if ('id' in r && !isJSONRPCID(r.id)) return 'id must be a string, a number or null';
  if ('params' in r && (typeof r.params !== 'object' || r.params === null))
    return 'params must be an array or an object';
  if ('result' in r || 'error' in r) return 'a request has no result or error member';
  return undefined;
}
