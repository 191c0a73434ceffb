/**
 * `@repo/runtimes`: the JavaScript runtimes the tests and the bench run servers on, fetched on demand
 * from the npm registry into a git-ignored cache (never at `npm ci` time). Each runtime ships its
 * executable inside a platform package, so no install script is needed (npm here runs none):
 * - Node: `node-<os>-<arch>@<major>`, binary at `bin/node`;
 * - Bun: `@oven/bun-<os>-<arch>` (x64 needs AVX2, else the `-baseline` build), binary at `bin/bun`;
 * - Deno: `@deno/<os>-<arch>[-glibc]`, binary at the package root.
 */
export * from './fetch.js';
export * from './platform.js';
export * from './runtimes.js';
