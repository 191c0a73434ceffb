/**
 * The conformance suite against an app running on another runtime (hono on Bun or Deno), spawned as
 * its own process: every check of the chosen parts runs over real sockets as for the Node apps. Checks
 * that need the in-process factory cannot run (the target's `createServer` refuses), and checks the
 * runtime cannot pass are listed in RUNTIME_EXCEPTIONS with what the runtime does instead: their
 * requests are sent and must get exactly that answer, so a crash or a timeout fails too.
 */
import { isDeepStrictEqual } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_POOL_SIZE, seedDatabase } from '@repo/db';
import { HELLO_TEXT } from '@repo/fixtures';
import { skipWithoutPostgres, startPostgres, type PostgresServer } from '@repo/harness';
import { expectHelloThenGoodbye, spawnCommand, stopEntry, type Spawned } from './built-entry.js';
import { connectionsOf, namedUrl } from './db-connections.js';
import { RUNTIME_EXCEPTIONS, type RuntimeCase, type RuntimeException } from './exceptions.js';
import { exchange } from './http-client.js';
import { summarize, type Answer } from './raw-answer.js';
import { allChecks } from './suite.js';
import type { Check, CheckContext, Target } from './types.js';

export interface RuntimeTarget {
  /** The app's package name (the start-up line must contain it). */
  name: string;
  /** `bun` or `deno`: the key in RUNTIME_EXCEPTIONS. */
  runtime: string;
  /** Resolves the command (fetching the runtime if needed); called in `beforeAll`. */
  command: () => { command: string; args: string[]; env: Record<string, string> };
  /** Parts to run (default hello, templates, chat). */
  parts?: readonly string[];
  /** Time for fetching the runtime and starting it (default 180 s: a first fetch downloads ~50 MB). */
  startTimeoutMs?: number;
  /**
   * Run against a throwaway PostgreSQL (DATABASE_URL, so postgres.js on that runtime) instead of the
   * embedded PGlite; skipped locally without PostgreSQL, a failure under CI.
   */
  postgres?: boolean;
}

/** Rejects with "no answer" after `ms`, so a hung check fails on its own message. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The answer to one raw request on a fresh connection, and whether the runtime closed it. */
async function answerTo(ctx: CheckContext, raw: string): Promise<Answer & { closed: boolean }> {
  const { text, closed } = await exchange(ctx.host, ctx.port, Buffer.from(raw, 'latin1'), 500);
  return { ...summarize(text), closed };
}

/**
 * An exception's check, as the runtime really behaves: every request of it gets the documented answer
 * and `GET /` is still served after them. A different answer fails, naming the stale entry when the
 * check itself now passes.
 */
async function expectDocumented(check: Check, ctx: CheckContext, exception: RuntimeException) {
  const cases = exception.instead as readonly RuntimeCase[];
  const answers = await Promise.all(cases.map((c) => answerTo(ctx, c.raw)));
  const differs = cases.flatMap((c, i) => {
    const actual = answers[i]!;
    const picked = Object.fromEntries(
      Object.keys(c.expect).map((k) => [k, actual[k as keyof typeof actual]]),
    );
    return isDeepStrictEqual(picked, c.expect)
      ? []
      : [
          `${JSON.stringify(c.raw.slice(0, 60))} → ${JSON.stringify(actual)}, documented ${JSON.stringify(c.expect)}`,
        ];
  });
  if (differs.length > 0) {
    const passes = await within((check.timeout ?? 5_000) - 1_000, check.run(ctx)).then(
      () => true,
      () => false,
    );
    if (passes)
      throw new Error(
        `stale exception: "${exception.check}" now passes on ${exception.runtime}; remove it from RUNTIME_EXCEPTIONS`,
      );
    throw new Error(`${exception.runtime} no longer answers as documented:\n${differs.join('\n')}`);
  }
  const res = await fetch(`${ctx.baseUrl}/`);
  expect(`${res.status} ${await res.text()}`, 'the server keeps serving').toBe(`200 ${HELLO_TEXT}`);
}

/**
 * An `in-process` exception: the check calls the target's factory with a test-only templates dir and
 * a logError hook, which a spawned process cannot take. Asserted with a factory that records the call,
 * so a check that stops needing it (or hangs before asking) fails here.
 */
async function expectNeedsFactory(check: Check, ctx: CheckContext) {
  const calls: { templatesDir?: unknown; logError?: unknown }[] = [];
  const createServer: Target['createServer'] = (options = {}) => {
    calls.push(options);
    return Promise.reject(new Error('no in-process factory on this runtime'));
  };
  const outcome = await within(
    2_000,
    check.run({ ...ctx, target: { ...ctx.target, createServer } }).then(
      () => 'passed',
      () => 'failed',
    ),
  );
  expect(outcome, 'it cannot pass without the factory').toBe('failed');
  expect(calls.length, 'it asks the factory').toBe(1);
  expect(typeof calls[0]!.templatesDir, 'for a test-only templates dir').toBe('string');
  expect(typeof calls[0]!.logError, 'and a logError hook').toBe('function');
}

/**
 * @example
 * describeRuntimeConformance({ name: 'hono-app', runtime: 'bun', command: () => runCommand(resolveRuntime('bun'), entry) });
 */
export function describeRuntimeConformance(runtimeTarget: RuntimeTarget): void {
  const { name, runtime, parts = ['hello', 'templates', 'chat'] } = runtimeTarget;
  const target: Target = {
    name,
    kind: 'http',
    builtEntry: '',
    createServer: () =>
      Promise.reject(
        new Error(`${name} on ${runtime} runs in its own process: no in-process factory to call`),
      ),
  };
  const exceptions = RUNTIME_EXCEPTIONS.filter((e) => e.runtime === runtime);
  const chosen = allChecks.filter((p) => parts.includes(p.part));

  const withPostgres = runtimeTarget.postgres === true;
  const title = `${name} on ${runtime} conformance${withPostgres ? ' with DATABASE_URL (PostgreSQL)' : ''}`;
  describe.skipIf(withPostgres && skipWithoutPostgres())(title, () => {
    let app: Spawned | undefined;
    let pg: PostgresServer | undefined;
    let sql: postgres.Sql | undefined;
    const ctx = { target, host: '127.0.0.1' } as CheckContext;
    // The app's connections carry this name, so the test can tell them from its own.
    const appName = `${name}-${runtime}`;
    const command = () => {
      const resolved = runtimeTarget.command();
      if (!pg) return resolved;
      return { ...resolved, env: { ...resolved.env, DATABASE_URL: namedUrl(pg.url, appName) } };
    };

    beforeAll(async () => {
      if (withPostgres) {
        pg = await startPostgres();
        await seedDatabase(pg.url);
        sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      }
      const { command: bin, args, env } = command();
      app = await spawnCommand(bin, args, env, 30_000);
      ctx.baseUrl = app.url.replace(/\/$/, '');
      ctx.port = Number(new URL(app.url).port);
    }, runtimeTarget.startTimeoutMs ?? 180_000);
    afterAll(async () => {
      if (app) await stopEntry(app.child, 'SIGKILL');
      await sql?.end({ timeout: 1 });
      await pg?.stop();
    });

    if (withPostgres)
      it(`the database routes ran on PostgreSQL through postgres.js on ${runtime} (1–${DB_POOL_SIZE} connections)`, async () => {
        await fetch(`${ctx.baseUrl}/queries?queries=20`);
        const open = await connectionsOf(sql!, appName);
        expect(open).toBeGreaterThan(0);
        expect(open).toBeLessThanOrEqual(DB_POOL_SIZE);
      });

    it('every exception for this runtime names a check of the suite', () => {
      // Of the whole suite, not only these parts: a run of one part (the db part on PostgreSQL) still
      // catches an entry naming no check, and the full run holds every entry to its answer.
      const names = new Set(allChecks.flatMap((p) => p.checks.map((c) => c.name)));
      expect(exceptions.filter((e) => !names.has(e.check)).map((e) => e.check)).toEqual([]);
    });

    for (const { part, checks } of chosen) {
      describe(part, () => {
        for (const check of checks.filter((c) => c.scope === 'all' || c.scope === 'http')) {
          const exception = exceptions.find((e) => e.check === check.name);
          if (exception?.instead === 'in-process')
            it(`${check.name} — not run on ${runtime}: needs the in-process factory (exception: ${exception.reason})`, () =>
              expectNeedsFactory(check, ctx));
          else if (exception)
            it(
              `${check.name} — ${runtime} answers as documented instead (exception: ${exception.reason})`,
              () => expectDocumented(check, ctx, exception),
              check.timeout,
            );
          else it(check.name, () => check.run(ctx), check.timeout);
        }
      });
    }

    it(`starts on ${runtime}, answers, and exits 0 on SIGTERM with WebSocket clients told 1001`, async () => {
      const { command: bin, args, env } = command();
      await expectHelloThenGoodbye(await spawnCommand(bin, args, env, 30_000), name, true);
    }, 40_000);
  });
}
