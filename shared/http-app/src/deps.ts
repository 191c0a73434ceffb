import { ChatHub, chatOptionsFromEnv, RedisChat, type ChatOptions } from '@repo/chat';
import { defaultLogError, loadTemplates, type AppOptions, type Templates } from '@repo/core';

/** What an HTTP app's `createServer` accepts: core's options plus the chat's. */
export interface HttpAppOptions extends AppOptions {
  /** Limits of the WebSocket chat (tests shorten the heartbeat, for example). */
  chat?: ChatOptions;
  /** Rooms in this Redis, shared across processes (default `REDIS_URL`; empty = in-process rooms). */
  redisUrl?: string;
}

/** What every HTTP app's `createApp` is built from, made once per server by {@link loadDeps}. */
export interface AppDeps {
  templates: Templates;
  logError: (err: unknown) => void;
  hub: ChatHub;
}

/** Compiles the templates (rejects naming a missing/broken file) and creates the chat hub. */
export async function loadDeps(options: HttpAppOptions = {}): Promise<AppDeps> {
  const templates = await loadTemplates(options.templatesDir);
  const logError = options.logError ?? defaultLogError;
  const chat = { ...chatOptionsFromEnv(), ...options.chat };
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
  // Rejects naming REDIS_URL when Redis is unreachable: never a one-process chat that looks shared.
  const redis = redisUrl ? await RedisChat.connect(redisUrl, { ...chat, logError }) : undefined;
  return { templates, logError, hub: new ChatHub({ ...chat, ...(redis && { redis }) }) };
}
