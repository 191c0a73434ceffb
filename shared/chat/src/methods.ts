/**
 * The chat methods, registered on the JSON-RPC server once for both back ends. Each method
 * validates its params here; what a join, send or leave does is the back end's: rooms in this
 * process (`memoryChat`: the domain's `Rooms` says what changed, `notify` tells the members), or
 * rooms in Redis (`RedisChat`: atomic scripts, notifications through the process's subscription).
 * None touches a socket.
 */
import type { JSONRPCServer } from 'json-rpc-2.0';
import { notJoined } from './errors.js';
import type { JoinResult, Rooms } from './rooms.js';
import { helloName, messageText, nickName, readParams, roomName } from './validate.js';

/** What the methods ask of the rooms, wherever they live. */
export interface ChatBackend<S> {
  join(session: S, room: string, nick: string): JoinResult | Promise<JoinResult>;
  send(session: S, text: string, at: Date): { id: number; at: string } | Promise<{ id: number; at: string }>;
  /** Throws the not-joined error when the session is in no room. */
  leave(session: S): void | Promise<void>;
}

export interface MemoryDeps<S> {
  rooms: Rooms<S>;
  /** Sends one notification to every listed session (serialised once by the caller). */
  notify: (to: readonly S[], method: string, params: object) => void;
}

/** Rooms in this process: the domain decides, `notify` tells the members. */
export function memoryChat<S>({ rooms, notify }: MemoryDeps<S>): ChatBackend<S> {
  return {
    join(session, room, nick) {
      const { result, joined, left } = rooms.join(session, room, nick);
      if (left) notify(left.notify, 'chat.left', { room: left.room, nick: left.nick });
      if (joined) notify(joined.notify, 'chat.joined', { room: joined.room, nick: joined.nick });
      return result;
    },
    send(session, text, at) {
      const { message, recipients } = rooms.send(session, text, at);
      notify(recipients, 'chat.message', message);
      return { id: message.id, at: message.at };
    },
    leave(session) {
      const left = rooms.leave(session);
      if (!left) throw notJoined();
      notify(left.notify, 'chat.left', { room: left.room, nick: left.nick });
    },
  };
}

/**
 * Adds `say_hello`, `chat.join`, `chat.send` and `chat.leave`.
 *
 * @example
 * registerChatMethods(endpoint.server, memoryChat({ rooms, notify }), () => new Date());
 */
export function registerChatMethods<S>(
  server: JSONRPCServer<S>,
  chat: ChatBackend<S>,
  now: () => Date,
): void {
  server.addMethod(
    'say_hello',
    (params: unknown) => `Hello, ${helloName(readParams(params, ['name']).name)}!`,
  );

  server.addMethod('chat.join', (params: unknown, session: S) => {
    const p = readParams(params, ['room', 'nick']);
    return chat.join(session, roomName(p.room), nickName(p.nick));
  });

  server.addMethod('chat.send', (params: unknown, session: S) =>
    chat.send(session, messageText(readParams(params, ['text']).text), now()),
  );

  server.addMethod('chat.leave', async (params: unknown, session: S) => {
    readParams(params, []);
    await chat.leave(session);
    return {};
  });
}
