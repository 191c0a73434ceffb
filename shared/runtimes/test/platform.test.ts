import { describe, expect, it } from 'vitest';
import {
  bunPackage,
  denoPackage,
  hasAvx2,
  parseRuntimeSpec,
  UnsupportedPlatformError,
} from '../src/index.js';

const AVX2 = 'processor\t: 0\nflags\t\t: fpu sse sse2 avx avx2 bmi2\n';
const NO_AVX2 = 'processor\t: 0\nflags\t\t: fpu sse sse2 avx\n';

describe('which package holds the binary', () => {
  it('Bun: the x64 build with AVX2, the -baseline build without', () => {
    expect(hasAvx2(AVX2)).toBe(true);
    expect(hasAvx2(NO_AVX2)).toBe(false);
    expect(bunPackage({ platform: 'linux', arch: 'x64', cpuinfo: AVX2, libc: 'glibc' })).toBe(
      '@oven/bun-linux-x64',
    );
    expect(bunPackage({ platform: 'linux', arch: 'x64', cpuinfo: NO_AVX2, libc: 'glibc' })).toBe(
      '@oven/bun-linux-x64-baseline',
    );
    expect(bunPackage({ platform: 'linux', arch: 'arm64', libc: 'glibc' })).toBe('@oven/bun-linux-aarch64');
  });

  it('Deno: the glibc Linux build', () => {
    expect(denoPackage({ platform: 'linux', arch: 'x64', libc: 'glibc' })).toBe('@deno/linux-x64-glibc');
    expect(denoPackage({ platform: 'darwin', arch: 'arm64' })).toBe('@deno/darwin-arm64');
  });

  it('an unsupported platform gets a message naming it and what is supported', () => {
    expect(() => denoPackage({ platform: 'linux', arch: 'x64', libc: 'musl' })).toThrow(
      UnsupportedPlatformError,
    );
    expect(() => denoPackage({ platform: 'win32', arch: 'x64' })).toThrow(/win32-x64.*supported: linux-x64/);
    expect(() => bunPackage({ platform: 'freebsd', arch: 'x64' })).toThrow(/freebsd-x64/);
  });
});

describe('--runtime values', () => {
  it('parses name and optional version, refuses unknown names', () => {
    expect(parseRuntimeSpec('node@24')).toEqual({ runtime: 'node', version: '24' });
    expect(parseRuntimeSpec('bun')).toEqual({ runtime: 'bun', version: undefined });
    expect(parseRuntimeSpec('deno@2.9.6')).toEqual({ runtime: 'deno', version: '2.9.6' });
    expect(() => parseRuntimeSpec('workerd')).toThrow(/unknown runtime "workerd"/);
    expect(() => parseRuntimeSpec('bun@')).toThrow(/a version after @/);
  });
});
