/**
 * hono-app on Bun's and Deno's own servers (dist/bun.js, dist/deno.js), spawned as processes and held
 * to the same conformance parts as on Node: hello, templates, db (on the embedded PGlite, and again on
 * a throwaway PostgreSQL through postgres.js), chat and edges (the abuse part spawns the built entry with plain `node` and is not run here; README, "What we
 * noticed"). The binaries come from the npm registry on first use into the git-ignored .cache/runtimes
 * (@repo/runtimes); the exceptions are in RUNTIME_EXCEPTIONS.
 */
import { fileURLToPath } from 'node:url';
import { describeRuntimeConformance } from '@repo/conformance';
import { resolveRuntime, runCommand } from '@repo/runtimes';

for (const runtime of ['bun', 'deno'] as const) {
  const entry = fileURLToPath(new URL(`../dist/${runtime}.js`, import.meta.url));
  describeRuntimeConformance({
    name: 'hono-app',
    runtime,
    parts: ['hello', 'templates', 'db', 'chat', 'edges'],
    command: () => runCommand(resolveRuntime(runtime, { log: console.log }), entry),
  });
  // The db part again with DATABASE_URL: postgres.js on the runtime against a real PostgreSQL.
  describeRuntimeConformance({
    name: 'hono-app',
    runtime,
    parts: ['db'],
    postgres: true,
    command: () => runCommand(resolveRuntime(runtime, { log: console.log }), entry),
  });
}
