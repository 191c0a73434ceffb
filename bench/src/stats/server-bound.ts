/**
 * When a closed-loop cell measures the server and not the load generator. In a closed loop the rate
 * is set by whichever side saturates first; only a server whose core is full has shown its
 * capacity. A cell below the line is still reported, labelled, never ranked as capacity.
 */

/**
 * The median server CPU share (of one core) a cell needs to count as the server's capacity.
 * Why 95 %: schedstat-based CPU shares of a saturated Node server measured 98–100 % on the bench
 * machine, so 95 % leaves room for the accounting jitter of 1 s samples, while a server at 81–93 %
 * (what autocannon left node:http at) is caught as not saturated.
 */
export const SERVER_BOUND_MIN = 0.95;

/**
 * True when the median of the cell's per-sample server CPU shares (1 = one full core) is at least
 * `SERVER_BOUND_MIN`. The median, not the mean: one odd sample does not flip a cell. Unknown
 * shares (NaN) are left out; a cell without any known share is not server-bound.
 *
 * @example
 * serverBound([0.99, 0.98, 0.6]) // true: the median is 0.98
 * serverBound([0.87, 0.88, 1.0]) // false: the median is 0.88
 */
export function serverBound(serverCpuShares: readonly number[]): boolean {
  const known = serverCpuShares.filter(Number.isFinite).sort((a, b) => a - b);
  if (known.length === 0) return false;
  const mid = known.length >> 1;
  const median = known.length % 2 ? known[mid]! : (known[mid - 1]! + known[mid]!) / 2;
  return median >= SERVER_BOUND_MIN;
}

/**
 * Whole percent, rounded down so that a share just under the line never prints as the line itself
 * (0.949 is "94 %", not a confusing "95 %" beside "not server-bound"). "–" when unknown.
 */
function percent(share: number): string {
  return Number.isFinite(share) ? `${Math.floor(share * 100 + 1e-9)} %` : '–';
}

/**
 * The cell's label from its median server and generator CPU shares (1 = one full core), with a
 * plain space before "%".
 *
 * @example
 * boundLabel(0.87, 0.99) // 'not server-bound (server 87 %, generator 99 %)'
 * boundLabel(0.99, 0.62) // 'server-bound (server 99 %, generator 62 %)'
 */
export function boundLabel(serverCpu: number, generatorCpu: number): string {
  const bound = Number.isFinite(serverCpu) && serverCpu >= SERVER_BOUND_MIN;
  return `${bound ? 'server-bound' : 'not server-bound'} (server ${percent(serverCpu)}, generator ${percent(generatorCpu)})`;
}

/**
 * The database cells' other label: the generator's core also ran PostgreSQL, and the two together
 * passed the generator limit, so the load may have been held back there.
 *
 * @example coreFullLabel(0.55, 0.41) // 'generator core full (generator 55 % + PostgreSQL 41 %)'
 */
export function coreFullLabel(generatorCpu: number, dbCpu: number): string {
  return `generator core full (generator ${percent(generatorCpu)} + PostgreSQL ${percent(dbCpu)})`;
}
