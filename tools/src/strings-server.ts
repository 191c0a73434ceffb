/**
 * Step one of the talk's WebSocket story, before JSON-RPC: a `ws` server that matches raw strings.
 * `npm run strings -w tools`, then `websocat --linemode-strip-newlines ws://127.0.0.1:3010/`.
 * It works for two commands; arguments, errors, request ids and a second client language are where it
 * gets silly — which is what JSON-RPC (the next slide, and `/ws` on every app) standardises.
 */
import { textOf } from '@repo/harness';
import { WebSocketServer } from 'ws';

// #region strings
/** The whole protocol: one `switch` on the text, and a prefix test for the one command with an argument. */
export function answer(text: string): string {
  switch (text) {
    case 'say_hello':
      return 'Hello, World!';
    case 'ping':
      return 'pong';
    default:
      if (text.startsWith('say_hello ')) return `Hello, ${text.slice('say_hello '.length)}!`;
      return `unknown command: ${text}`; // a string to parse for the client, not an error code
  }
}
// #endregion

/** Listens on PORT (default 3010) and answers each text frame with {@link answer}. */
export function startStringsServer(
  port = Number(process.env.PORT ?? 3010),
  host = process.env.HOST ?? '127.0.0.1',
) {
  // 4 KiB frames at most: a demo, but one that a large frame cannot take down.
  const wss = new WebSocketServer({ port, host, maxPayload: 4096 });
  wss.on('connection', (socket) => {
    socket.on('error', () => {});
    socket.on('message', (data, isBinary) =>
      socket.send(isBinary ? 'text frames only' : answer(textOf(data))),
    );
  });
  return wss;
}
