import { afterAll, beforeAll, describe, it } from 'vitest';
import { listen, type AppServer } from '@repo/core';
import { expectHelloThenGoodbye, spawnEntry } from './built-entry.js';
import { abuseChecks } from './abuse-checks.js';
import { chatChecks } from './chat-checks.js';
import { dbChecks } from './db-checks.js';
import { edgeChecks } from './edge-checks.js';
import { helloChecks } from './hello-checks.js';
import { templateChecks } from './template-checks.js';
import type { Check, CheckContext, Target } from './types.js';

/** Every check of the contract, in the order the talk introduces them. */
export const allChecks: readonly { part: string; checks: readonly Check[] }[] = [
  { part: 'hello', checks: helloChecks },
  { part: 'templates', checks: templateChecks },
  { part: 'db', checks: dbChecks },
  { part: 'chat', checks: chatChecks },
  { part: 'edges', checks: edgeChecks },
  { part: 'abuse', checks: abuseChecks },
];

/**
 * Registers the whole conformance suite for one app: it is started in-process on an ephemeral
 * port through its factory, every check runs over real sockets, and the built entry is spawned once.
 *
 * @example
 * describeConformance({ name: 'koa-app', kind: 'http', createServer, builtEntry });
 */
export function describeConformance(target: Target, parts = allChecks): void {
  describe(`${target.name} conformance`, () => {
    let app: AppServer | undefined;
    const ctx = { target, host: '127.0.0.1' } as CheckContext;

    beforeAll(async () => {
      app = await target.createServer();
      ctx.port = await listen(app.server, 0, ctx.host);
      ctx.baseUrl = `http://${ctx.host}:${ctx.port}`;
    });
    afterAll(async () => {
      await app?.close();
    });

    for (const { part, checks } of parts) {
      const applicable = checks.filter((c) => c.scope === 'all' || target.kind === 'http');
      if (applicable.length === 0) continue;
      describe(part, () => {
        for (const check of applicable) it(check.name, () => check.run(ctx), check.timeout);
      });
    }

    it('the built entry starts with plain node, answers, and exits 0 on SIGTERM', async () => {
      await expectHelloThenGoodbye(await spawnEntry(target.builtEntry), target.name, target.kind === 'http');
    }, 15_000);
  });
}
