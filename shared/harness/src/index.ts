/**
 * `@repo/harness`: starting and talking to servers from outside, one of each helper for the tests,
 * the bench and the tools: a free port, a throwaway redis-server and PostgreSQL, a WebSocket JSON-RPC client, polling until a condition holds.
 */
export { freePort } from './ports.js';
export { until } from './until.js';
export { REDIS_SERVER, startRedis, type RedisServer, type StartRedisOptions } from './redis-server.js';
export {
  postgresAvailable,
  postgresBinDir,
  skipWithoutPostgres,
  startPostgres,
  type PostgresServer,
  type StartPostgresOptions,
} from './postgres-server.js';
export { WsClient, nextFrame, type CloseInfo } from './ws-client.js';
export { isNotification, isReply, textOf, type JsonFrame, type RpcReply } from './frames.js';
export { refusedUpgrade, type RefusedUpgrade } from './refused-upgrade.js';
