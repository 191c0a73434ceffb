/**
 * The chat methods when rooms live in Redis ({@link RedisChat}): the same params and results as
 * methods.ts, but joins, sends and leaves are atomic scripts in Redis and notifications come back
 * through the process's one subscription, so these methods never notify anyone themselves.
 */
import type { JSONRPCServer } from 'json-rpc-2.0';
import type { RedisChat, RedisPeer } from './redis-chat.js';
import { helloName, messageText, nickName, readParams, roomName } from './validate.js';

/** @example registerRedisChatMethods(endpoint.server, redisChat, () => new Date()); */
export function registerRedisChatMethods<S extends RedisPeer>(
  server: JSONRPCServer<S>,
  chat: RedisChat<S>,
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
