/**
 * `@repo/chat`: the WebSocket chat every app serves on `/ws` (JSON-RPC 2.0, one message per text
 * frame). Apps need `ChatHub`, `attachUpgrade` (express, koa, node:http) and `WS_PATH`; the rest is
 * exported for tests and tools.
 */
export * from './constants.js';
export { ChatHub, type ChatOptions } from './hub.js';
export { attachUpgrade } from './upgrade.js';
export { READY_STATE, type ChatSocket, type FrameData } from './socket.js';
export { WebSocketPeer, webSocketEvents, type WebSocketEvents, type WebSocketLike } from './web-socket.js';
export { ChatService, type ChatServiceOptions } from './chat-service.js';
export { ChatSession, type ChatPeer } from './session.js';
export { Rooms, type JoinResult, type Presence, type RoomsOptions } from './rooms.js';
export type { ChatMessage } from './message.js';
export { RpcEndpoint, requestProblem, type RpcEndpointOptions } from './rpc.js';
export { TokenBucket } from './rate-limiter.js';
export { ChatError } from './errors.js';
export { isOriginAllowed, parseAllowedOrigins } from './origin.js';
export { chatOptionsFromEnv } from './options.js';
export { RedisChat, type RedisChatOptions } from './redis-chat.js';
