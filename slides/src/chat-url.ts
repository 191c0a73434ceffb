import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { APPS } from '@repo/fixtures';

const demoApp = APPS.find((a) => a.name === 'fastify-app');
if (!demoApp) throw new Error('@repo/fixtures: APPS has no fastify-app, the app the live demo runs');

/** The port of the app the live demo runs: fastify-app's default, from the apps table every package reads. */
export const DEMO_PORT = demoApp.defaultPort;

/**
 * The URL the audience types for the live chat: `SLIDES_CHAT_URL` when set, else this machine's first
 * non-internal IPv4 address (the laptop's address on the venue network when the deck is built there),
 * else loopback. Built into the deck, so nobody types the address into the slide on stage.
 *
 * @example
 * chatUrl({}, { eth0: [{ family: 'IPv4', internal: false, address: '192.168.1.20' }] });
 * // 'http://192.168.1.20:3002/chat'
 */
export function chatUrl(
  env: NodeJS.ProcessEnv = process.env,
  interfaces: NodeJS.Dict<
    Pick<NetworkInterfaceInfo, 'family' | 'internal' | 'address'>[]
  > = networkInterfaces(),
): string {
  if (env.SLIDES_CHAT_URL) return env.SLIDES_CHAT_URL;
  const external = Object.values(interfaces)
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal);
  return `http://${external?.address ?? '127.0.0.1'}:${DEMO_PORT}/chat`;
}
