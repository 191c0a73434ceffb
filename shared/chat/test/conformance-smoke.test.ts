/**
 * Runs the conformance suite's chat checks against a minimal correct server (node:http +
 * attachUpgrade + ChatHub + the edge guard), and against deliberately broken ones to prove the checks can fail.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatHub, WS_PATH, attachUpgrade, type ChatOptions } from '../src/index.js';

/** The part of conformance's `Check`/`CheckContext` this test uses. */
interface CheckContext {
  target: unknown;
  host: string;
  port: number;
  baseUrl: string;
}
interface Check {
  name: string;
  scope: string;
  timeout?: number;
  run(ctx: CheckContext): Promise<void>;
}

// Loaded by URL so that `tsc` here does not follow it: the conformance package type-checks its own
// files, and following them from @repo/chat would need @repo/core's build, which turbo does not
// order before this package's check-types.
const checksUrl = new URL('../../conformance/src/chat-checks.ts', import.meta.url).href;
const { chatChecks } = (await import(checksUrl)) as { chatChecks: Check[] };
// The Origin check (and every other upgrade rule) lives in @repo/core's edge guard, which every app
// installs with the hub's Origin hook; loaded the same way, for the same reason.
const guardUrl = new URL('../../core/src/guard.ts', import.meta.url).href;
type Gate = { path: string; allow(req: { headers: { origin?: string; host?: string } }): boolean };
const { guardServer } = (await import(guardUrl)) as {
  guardServer: (server: ReturnType<typeof createServer>, upgrades: Gate) => void;
};

interface Running {
  ctx: CheckContext;
  stop(): Promise<void>;
}

async function start(options: ChatOptions = {}, { checkOrigin = true } = {}): Promise<Running> {
  const hub = new ChatHub({ allowedOrigins: [], ...options });
  if (!checkOrigin) hub.isOriginAllowed = () => true;
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end('Hello, World!'),
  );
  attachUpgrade(server, hub);
  guardServer(server, { path: WS_PATH, allow: (req) => hub.isOriginAllowed(req) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const target = { name: 'smoke', kind: 'http' }; // the chat checks use only host, port and baseUrl
  return {
    ctx: { target, host: '127.0.0.1', port, baseUrl: `http://127.0.0.1:${port}` },
    async stop() {
      await hub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const byName = (fragment: string): Check => {
  const check = chatChecks.find((c) => c.name.includes(fragment));
  if (!check) throw new Error(`no chat check named like "${fragment}"`);
  return check;
};

describe('chat checks against a correct server', async () => {
  const app = await start();
  afterAll(() => app.stop());

  it('has unique names and http scope', () => {
    expect(new Set(chatChecks.map((c) => c.name)).size).toBe(chatChecks.length);
    expect(chatChecks.every((c) => c.scope === 'http')).toBe(true);
  });

  for (const check of chatChecks) {
    it(check.name, () => check.run(app.ctx), check.timeout ?? 10_000);
  }
});

describe('chat checks catch broken servers', () => {
  const fails = async (fragment: string, options: ChatOptions, flags?: { checkOrigin: boolean }) => {
    const app = await start(options, flags);
    try {
      await expect(byName(fragment).run(app.ctx)).rejects.toThrow();
    } finally {
      await app.stop();
    }
  };

  it(
    'rate limiting disabled',
    () => fails('rate-limit', { rateLimit: { burst: Infinity, perSecond: Infinity } }),
    15_000,
  );
  it('no Origin check', () => fails('foreign Origin', {}, { checkOrigin: false }));
  it('a frame limit above 64 KiB', () => fails('64 KiB', { maxPayload: 128 * 1024 }), 10_000);
  it('a frame limit below 64 KiB', () => fails('64 KiB', { maxPayload: 1024 }));
  it('a history shorter than 50', () => fails('last 50', { historySize: 10 }));
  it('history capped by count only', () => fails('64 KiB of history', { historyMaxBytes: 1024 * 1024 }));
  it('any number of joins per batch', () =>
    fails('one frame cannot buy', { maxJoinsPerBatch: 20, maxBufferedBytes: 16 * 1024 * 1024 }));
  it(
    'no per-room message rate',
    () => fails('starve GET /', { roomRateLimit: { burst: Infinity, perSecond: Infinity } }),
    15_000,
  );
});
