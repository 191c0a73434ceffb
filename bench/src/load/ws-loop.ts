/**
 * What the closed-loop WebSocket generators (ws-echo, ws-broadcast) share: sockets stay open across
 * the warm-up and the measured run, so their messages go to whichever run is current; every run
 * has the same timers; and first sends are spread out rather than fired in one burst.
 */
import type WebSocket from 'ws';
import { textOf } from '@repo/harness';
import { MIN_SEND_INTERVAL_MS, type RpcMessage } from './ws-client.js';
import type { LoadOptions } from '../model/load-types.js';

/** How long a run waits for replies still in flight after its last second. */
export const DRAIN_MS = 5000;

/** `msg` is null when the frame was not JSON or the socket closed; `why` says which. */
export type Handler<T> = (owner: T, msg: RpcMessage | null, why: string) => void;

/** Parses every socket's frames once and hands them, with their owner, to the current run's handler. */
export class MessageRouter<T> {
  /** The running phase's handler; null between runs, when frames are dropped. */
  current: Handler<T> | null = null;

  listen(ws: WebSocket, owner: T): void {
    ws.on('message', (data) => {
      let msg: RpcMessage | null = null;
      try {
        msg = JSON.parse(textOf(data)) as RpcMessage;
      } catch {
        /* handed on as null: the handler reports it */
      }
      this.current?.(owner, msg, 'a message was not valid JSON');
    });
    ws.on('close', () => this.current?.(owner, null, 'a socket was closed by the server'));
  }
}

/**
 * Starts a run's timers: the progress rate about once a second (from `count`, the run's counter), a
 * drain deadline {@link DRAIN_MS} after the round, and Ctrl-C or a dead server ending the run at once.
 * `finish` may be called more than once; the returned function clears all three.
 */
export function roundTimers(options: LoadOptions, count: () => number, finish: () => void): () => void {
  let last = 0;
  const ticker = setInterval(() => {
    const now = count();
    options.onRate?.(now - last);
    last = now;
  }, 1000);
  const drain = setTimeout(finish, options.seconds * 1000 + DRAIN_MS);
  options.signal.addEventListener('abort', finish, { once: true });
  return () => {
    clearInterval(ticker);
    clearTimeout(drain);
    options.signal.removeEventListener('abort', finish);
  };
}

/** Spreads the senders' first sends over one pacing interval, so they do not fire in lockstep. */
export function staggerStarts<T>(senders: readonly T[], send: (sender: T) => void): void {
  senders.forEach((s, i) => setTimeout(() => send(s), (i * MIN_SEND_INTERVAL_MS) / senders.length));
}
