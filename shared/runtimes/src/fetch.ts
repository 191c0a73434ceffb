/** Fetches a platform package from the npm registry into a cache directory, once. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo's git-ignored cache (`.cache/runtimes` at the repository root). */
export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../../.cache/runtimes', import.meta.url));

/** A package could not be fetched (offline, registry down, no such version). */
export class RuntimeFetchError extends Error {
  override readonly name = 'RuntimeFetchError';
}

export interface FetchOptions {
  /** e.g. `@oven/bun-linux-x64`. */
  pkg: string;
  /** An exact version or a range npm accepts (`24` for Node's newest 24.x). */
  version: string;
  /** The executable's path inside the package (`bin/bun`). */
  bin: string;
  cacheDir?: string;
  log?: (line: string) => void;
}

/**
 * Returns the path of the package's executable, installing `pkg@version` with
 * `npm install --prefix <cacheDir>/<pkg>@<version>` first if it is not cached. Concurrent callers
 * (parallel test files) install into their own temporary directory and the first rename wins.
 *
 * @example fetchPackageBinary({ pkg: '@deno/linux-x64-glibc', version: '2.9.6', bin: 'deno' })
 */
export function fetchPackageBinary({
  pkg,
  version,
  bin,
  cacheDir = DEFAULT_CACHE_DIR,
  log = () => {},
}: FetchOptions): string {
  const dir = join(cacheDir, `${pkg.replace('/', '+')}@${version}`);
  const binary = join(dir, 'node_modules', pkg, bin);
  if (existsSync(binary)) return binary;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = mkdtempSync(join(cacheDir, '.fetch-'));
  log(`fetching ${pkg}@${version} from the npm registry into ${dir}`);
  try {
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        tmp,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `${pkg}@${version}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    const stderr = (err as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' ') ?? '';
    throw new RuntimeFetchError(
      `could not fetch ${pkg}@${version} (npm install failed${stderr ? `: ${stderr}` : ''}); offline?`,
    );
  }
  if (!existsSync(join(tmp, 'node_modules', pkg, bin))) {
    rmSync(tmp, { recursive: true, force: true });
    throw new RuntimeFetchError(`npm installed ${pkg}@${version} but it has no ${bin}`);
  }
  try {
    mkdirSync(dirname(dir), { recursive: true });
    renameSync(tmp, dir);
  } catch {
    // Another process got there first: its copy is as good.
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!existsSync(binary))
    throw new RuntimeFetchError(`${binary} is missing after fetching ${pkg}@${version}`);
  return binary;
}
