import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@repo/harness';
import { startServer, StartError } from '../src/targets/server-process.js';
import { alive } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const node = process.execPath;

let busy: Server | null = null;
afterEach(() => {
  busy?.close();
  busy = null;
});

describe('starting servers', () => {
  it('avoids a port in use: EADDRINUSE is retried on another free port', async () => {
    busy = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => busy!.once('listening', r));
    const taken = (busy.address() as { port: number }).port;
    const offered: number[] = [];
    const pickPort = async () => {
      const port = offered.length === 0 ? taken : await freePort();
      offered.push(port);
      return port;
    };
    const server = await startServer(
      { name: 'ok', entry: fixture('mini-chat.mjs'), nodePath: node },
      { pickPort },
    );
    try {
      expect(offered[0]).toBe(taken);
      expect(server.port).not.toBe(taken);
      expect(server.startupMs).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
    expect(alive(server.pid)).toBe(false);
  });

  it('is not fooled by another server answering on the port it was given', async () => {
    // The other server answers 200 to GET /, but the app never prints our port: not ready.
    const http = await import('node:http');
    const other = http.createServer((req, res) => res.end('someone else')).listen(0, '127.0.0.1');
    await new Promise((r) => other.once('listening', r));
    const port = (other.address() as { port: number }).port;
    try {
      await expect(
        startServer(
          { name: 'impostor', entry: fixture('mini-chat.mjs'), nodePath: node },
          { pickPort: () => Promise.resolve(port), readyTimeoutMs: 1500 },
        ),
      ).rejects.toThrow(StartError);
    } finally {
      other.close();
    }
  });

  it('reports an entry that exits before listening, with its output', async () => {
    const error = await startServer({
      name: 'missing',
      entry: fixture('does-not-exist.mjs'),
      nodePath: node,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartError);
    expect(String(error)).toMatch(/exited before ready \(exit code 1\).*Cannot find module/);
  });
});
