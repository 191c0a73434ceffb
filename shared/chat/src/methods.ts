/**
 * The chat methods, registered on the JSON-RPC server. Each one validates its params, asks the
 * domain (`Rooms`) what changed, and hands notifications to `notify`; none touches a socket.
 */
import type { JSONRPCServer } from 'json-rpc-2.0';
import { notJoined } from './errors.js';
import type { Rooms } from './rooms.js';
import { helloName, messageText, nickName, readParams, roomName } from './validate.js';

export interface MethodDeps<S> {
  rooms: Rooms<S>;
  now: () => Date;
  /** Sends one notification to every listed session (serialised once by the caller). */
  notify: (to: readonly S[], method: string, params: object) => void;
}

/**
 * Adds `say_hello`, `chat.join`, `chat.send` and `chat.leave`.
 *
 * @example
 * registerChatMethods(endpoint.server, { rooms, now: () => new Date(), notify });
 */
export function registerChatMethods<S>(
  server: JSONRPCServer<S>,
  { rooms, now, notify }: MethodDeps<S>,
): void {
  server.addMethod(
    'say_hello',
    (params: unknown) => `Hello, ${helloName(readParams(params, ['name']).name)}!`,
  );

  server.addMethod('chat.join', (params: unknown, session: S) => {
    const p = readParams(params, ['room', 'nick']);
    const room = roomName(p.room);
    const nick = nickName(p.nick);
    const { result, joined, left } = rooms.join(session, room, nick);
    if (left) notify(left.notify, 'chat.left', { room: left.room, nick: left.nick });
    if (joined) notify(joined.notify, 'chat.joined', { room: joined.room, nick: joined.nick });
    return result;
  });

  server.addMethod('chat.send', (params: unknown, session: S) => {
    const text = messageText(readParams(params, ['text']).text);
    const { message, recipients } = rooms.send(session, text, now());
    notify(recipients, 'chat.message', message);
    return { id: message.id, at: message.at };
  });

  server.addMethod('chat.leave', (params: unknown, session: S) => {
    readParams(params, []);
    const left = rooms.leave(session);
    if (!left) throw notJoined();
    notify(left.notify, 'chat.left', { room: left.room, nick: left.nick });
    return {};
  });
}
