/**
 * `@repo/http-app`: what every HTTP app is assembled from, @repo/core's guard, timeouts and templates
 * plus @repo/chat's hub and @repo/db's database. Kept out of core so that tcp-app (core only) does not
 * pull in the chat's `ws`, JSON-RPC and Redis client, nor the database clients.
 */
export * from './deps.js';
export * from './app-server.js';
export * from './queries.js';
