#!/usr/bin/env node
/**
 * A terminal client for the chat: `node tools/dist/chat-cli.js ws://127.0.0.1:3002/ws` (or
 * `npm run chat -- ws://127.0.0.1:3002/ws`). Lines are commands (`/join room nick`, `/leave`,
 * `/hello [name]`, `/raw <json>`, `/quit`) or text for the room. Works with piped stdin too: at end
 * of input it waits for outstanding replies, then exits.
 *
 * It keeps its own socket handling rather than @repo/harness's WsClient: it prints every frame as it
 * arrives (a reply to `/raw` verbatim, unparsed), tracks replies by its own string ids, and decides its
 * exit code from how the connection ends, none of which a test client that collects frames does.
 */
import { createInterface } from 'node:readline';
import { textOf } from '@repo/harness';
import { WebSocket } from 'ws';

const USAGE = `usage: chat <ws://host:port/ws>

commands:
  /join <room> <nick>   join a room (leaves the current one)
  /leave                leave the room
  /hello [name]         say_hello
  /raw <json>           send a frame verbatim and print the reply as received
  /quit                 disconnect
  anything else         send it to the room`;

type Kind = 'join' | 'leave' | 'hello' | 'send';

// What the chat sends, as documented (shared/chat/README.md); `safe` prints whatever a field holds.
/** A reply to one of the CLI's calls (its ids are strings). */
type Reply = {
  id: string;
  result?: unknown;
  error?: { code: unknown; message: unknown };
};
/** A chat message, and the params of chat.message, chat.joined and chat.left. */
interface ChatLine {
  room: unknown;
  nick: unknown;
  text?: unknown;
}
/** chat.join's result. */
interface Joined {
  room: unknown;
  nick: unknown;
  members: unknown[];
  history: ChatLine[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Chat text is data: control characters (ANSI escapes above all) are shown, never obeyed.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const safe = (value: unknown): string =>
  String(value).replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

function main(args: string[]): void {
  const [url, ...extra] = args;
  if (url === undefined || extra.length > 0 || !/^wss?:\/\/./.test(url)) {
    console.error(USAGE);
    process.exit(2);
  }
  const ws = new WebSocket(url);
  const pending = new Map<string, Kind>();
  let nextId = 1;
  let rawOutstanding = 0;
  let lastRawAt = 0;
  let quitting = false;
  let opened = false;
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  rl.pause();

  const print = (line: string) => {
    if (interactive) process.stdout.write('\r\x1b[K');
    console.log(line);
    if (interactive && !quitting) rl.prompt(true);
  };

  const call = (kind: Kind, method: string, params: unknown) => {
    const id = `cli-${nextId++}`;
    pending.set(id, kind);
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  };

  const quit = () => {
    quitting = true;
    ws.close(1000);
    setTimeout(() => ws.terminate(), 1000).unref();
  };

  // Replies still due are worth waiting for (at most 2 s): a piped `… /leave /quit` shows them all.
  let draining = false;
  const finish = () => {
    if (draining) return;
    draining = true;
    const started = Date.now();
    const check = () => {
      const rawDue = rawOutstanding > 0 && Date.now() - lastRawAt < 1000;
      if ((pending.size === 0 && !rawDue) || Date.now() - started > 2000 || ws.readyState !== WebSocket.OPEN)
        quit();
      else setTimeout(check, 20);
    };
    check();
  };

  const onLine = (input: string) => {
    const line = input.trim();
    if (line === '' || draining) return;
    if (!line.startsWith('/')) return call('send', 'chat.send', { text: input });
    const [command = '', ...rest] = line.split(/\s+/);
    const arg = line.slice(command.length).trim();
    if (command === '/join' && rest.length >= 2)
      return call('join', 'chat.join', { room: rest[0], nick: rest.slice(1).join(' ') });
    if (command === '/leave') return call('leave', 'chat.leave', []);
    if (command === '/hello') return call('hello', 'say_hello', arg === '' ? [] : [arg]);
    if (command === '/raw' && arg !== '') {
      rawOutstanding++;
      lastRawAt = Date.now();
      return ws.send(arg);
    }
    if (command === '/quit') return finish();
    print(USAGE);
  };

  const onReply = (reply: Reply) => {
    const kind = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error) return print(`! error ${safe(reply.error.code)}: ${safe(reply.error.message)}`);
    const r = reply.result;
    if (kind === 'hello') print(safe(r));
    if (kind === 'leave') print('* left the room');
    if (kind === 'join') {
      const j = r as Joined;
      print(`* joined ${safe(j.room)} as ${safe(j.nick)} (members: ${j.members.map(safe).join(', ')})`);
      for (const m of j.history) print(`[${safe(m.room)}] ${safe(m.nick)}: ${safe(m.text)}`);
    }
  };

  const onNotification = (method: string, p: ChatLine) => {
    if (method === 'chat.message') print(`[${safe(p.room)}] ${safe(p.nick)}: ${safe(p.text)}`);
    else if (method === 'chat.joined') print(`* ${safe(p.nick)} joined ${safe(p.room)}`);
    else if (method === 'chat.left') print(`* ${safe(p.nick)} left ${safe(p.room)}`);
    else print(`* ${safe(method)} ${safe(JSON.stringify(p))}`);
  };

  ws.on('message', (data, isBinary) => {
    const text = textOf(data);
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(text);
    } catch {}
    if (isObject(frame) && typeof frame.method === 'string' && !('id' in frame))
      return onNotification(frame.method, frame.params as ChatLine);
    if (isObject(frame) && typeof frame.id === 'string' && pending.has(frame.id))
      return onReply(frame as Reply);
    // Anything else answers a /raw frame: show it exactly as it came.
    rawOutstanding = Math.max(0, rawOutstanding - 1);
    print(safe(text));
  });

  ws.once('open', () => {
    opened = true;
    print(`* connected to ${url} (/join <room> <nick> to start, /quit to leave)`);
    rl.setPrompt('> ');
    rl.resume();
    if (interactive) rl.prompt();
  });
  rl.on('line', onLine);
  // End of input: Ctrl-D, Ctrl-C or the end of a pipe.
  rl.on('close', finish);
  rl.on('SIGINT', () => rl.close());

  ws.on('error', (err) => {
    if (!opened) {
      console.error(`chat: cannot connect to ${url}: ${err.message}`);
      process.exit(1);
    }
  });
  ws.on('close', (code, reason) => {
    if (!quitting && opened) {
      console.error(
        `chat: connection closed by the server (${code}${reason.length ? ` ${reason.toString()}` : ''})`,
      );
      process.exit(1);
    }
    process.exit(0);
  });
}

main(process.argv.slice(2));
