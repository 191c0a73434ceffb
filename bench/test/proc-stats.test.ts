import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { familyCpuSeconds, processTree, readProc } from '../src/targets/proc-stats.js';

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

describe.skipIf(process.platform !== 'linux')(
  "PostgreSQL's CPU: a process family with short-lived children",
  () => {
    it('counts live children and, once reaped, the ones that exited (cutime + cstime)', async () => {
      // A postmaster-like parent: forks a busy child for 400 ms, reaps it, then forks a second busy one.
      // Busy by its own CPU time, not the clock, so a busy machine cannot make the child use less.
      const busy = (ms: number) => `while (process.cpuUsage().user < ${ms * 1000});`;
      const script = `
      const { spawn } = require('node:child_process');
      const first = spawn(process.execPath, ['-e', ${JSON.stringify(busy(400))}], { stdio: 'ignore' });
      first.on('exit', () => {
        const second = spawn(process.execPath, ['-e', ${JSON.stringify(busy(60_000))}], { stdio: 'ignore' });
        console.log(second.pid);
      });
      setInterval(() => {}, 1000);`;
      const parent = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let second = 0;
      try {
        const before = familyCpuSeconds(parent.pid!)!;
        const [line] = (await once(parent.stdout, 'data')) as [Buffer];
        second = Number(line.toString().trim());
        await new Promise((r) => setTimeout(r, 300));
        const after = familyCpuSeconds(parent.pid!)!;
        const secondCpu = readProc(second, true)!.cpuSeconds;
        // The first child is gone: only the parent's cutime still holds its CPU (its 0.4 s of loop, by
        // its own clock); the parent's own spawning in that window is a few hundredths of a second.
        const reaped = after - before - secondCpu;
        expect(reaped).toBeGreaterThan(0.3);
        expect(familyCpuSeconds(999_999_999)).toBeNull();
      } finally {
        if (second > 0) process.kill(second, 'SIGKILL');
        parent.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 50));
      }
    });
  },
);
