import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { processTree, readProc } from '../src/targets/proc-stats.js';

describe.skipIf(process.platform !== 'linux')('server CPU and memory over the process tree', () => {
  it('counts a cluster-style child process with its parent', async () => {
    // A parent that forks one busy child and prints the child's pid: a primary and its worker.
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', 'const t = Date.now() + 60000; while (Date.now() < t);'], { stdio: 'ignore' });
      console.log(child.pid);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let childPid = 0;
    try {
      const [line] = (await once(parent.stdout, 'data')) as [Buffer];
      childPid = Number(line.toString().trim());
      expect(processTree(parent.pid!)).toEqual([parent.pid, childPid]);
      const before = readProc(parent.pid!, true)!;
      const childBefore = readProc(childPid, true)!;
      await new Promise((r) => setTimeout(r, 500));
      const childAfter = readProc(childPid, true)!;
      const after = readProc(parent.pid!, true)!;
      // The parent idles; the busy child's CPU shows in the parent's reading. Compared with the
      // child's own reading over the same window, not with a share of a core: on a busy machine the
      // child may get much less than a core, and that must not fail the test.
      const childCpu = childAfter.cpuSeconds - childBefore.cpuSeconds;
      expect(childCpu).toBeGreaterThan(0.01);
      expect(after.cpuSeconds - before.cpuSeconds).toBeGreaterThanOrEqual(childCpu * 0.9);
      expect(after.rssMB).toBeGreaterThan(readProc(childPid, true)!.rssMB);
    } finally {
      if (childPid > 0) process.kill(childPid, 'SIGKILL');
      parent.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
