/**
 * The conformance suite against an app running on another runtime (hono on Bun or Deno), spawned as
 * its own process: every check of the chosen parts runs over real sockets as for the Node apps. Checks
 * that need the in-process factory cannot run (the target's `createServer` refuses), and checks the
 * runtime cannot pass are listed in RUNTIME_EXCEPTIONS: those run too and must fail, so none is skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHelloThenGoodbye, spawnCommand, stopEntry, type Spawned } from './built-entry.js';
import { RUNTIME_EXCEPTIONS, type RuntimeException } from './exceptions.js';
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
}

/** Runs a check that is listed as an exception: it must fail (or time out), else the entry is stale. */
async function expectFailure(check: Check, ctx: CheckContext, exception: RuntimeException): Promise<void> {
  const limit = Math.max(1_000, (check.timeout ?? 5_000) - 1_000);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    check.run(ctx).then(
      () => 'passed' as const,
      (err: unknown) => err,
    ),
    new Promise(
      (resolve) => (timer = setTimeout(() => resolve(new Error(`no answer in ${limit} ms`)), limit)),
    ),
  ]);
  clearTimeout(timer);
  if (outcome === 'passed')
    throw new Error(
      `stale exception: "${exception.check}" now passes on ${exception.runtime}; remove it from RUNTIME_EXCEPTIONS`,
    );
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

  describe(`${name} on ${runtime} conformance`, () => {
    let app: Spawned | undefined;
    const ctx = { target, host: '127.0.0.1' } as CheckContext;

    beforeAll(async () => {
      const { command, args, env } = runtimeTarget.command();
      app = await spawnCommand(command, args, env, 30_000);
      ctx.baseUrl = app.url.replace(/\/$/, '');
      ctx.port = Number(new URL(app.url).port);
    }, runtimeTarget.startTimeoutMs ?? 180_000);
    afterAll(async () => {
      if (app) await stopEntry(app.child, 'SIGKILL');
    });

    it('every exception for this runtime names a check of these parts', () => {
      const names = new Set(chosen.flatMap((p) => p.checks.map((c) => c.name)));
      expect(exceptions.filter((e) => !names.has(e.check)).map((e) => e.check)).toEqual([]);
    });

    for (const { part, checks } of chosen) {
      describe(part, () => {
        for (const check of checks.filter((c) => c.scope === 'all' || c.scope === 'http')) {
          const exception = exceptions.find((e) => e.check === check.name);
          if (exception)
            it(
              `${check.name} — fails on ${runtime} (exception: ${exception.reason})`,
              () => expectFailure(check, ctx, exception),
              check.timeout,
            );
          else it(check.name, () => check.run(ctx), check.timeout);
        }
      });
    }

    it(`starts on ${runtime}, answers, and exits 0 on SIGTERM with WebSocket clients told 1001`, async () => {
      const { command, args, env } = runtimeTarget.command();
      await expectHelloThenGoodbye(await spawnCommand(command, args, env, 30_000), name, true);
    }, 40_000);
  });
}
