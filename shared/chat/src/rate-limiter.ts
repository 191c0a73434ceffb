/**
 * A token bucket per socket: `burst` messages may arrive at once, then `perSecond` sustained. Chosen
 * over a fixed window because it never lets 2×burst through at a window edge and needs no timers:
 * tokens are refilled lazily from the clock on each `take()`.
 *
 * @example
 * const bucket = new TokenBucket({ burst: 20, perSecond: 20 });
 * if (!bucket.take()) reply(-32000);
 */
export class TokenBucket {
  #tokens: number;
  #last: number;
  readonly #burst: number;
  readonly #perMs: number;

  constructor(
    limit: { burst: number; perSecond: number },
    private readonly clock: () => number = Date.now,
  ) {
    if (!(limit.burst >= 1) || !(limit.perSecond > 0)) {
      throw new RangeError(`rateLimit needs burst >= 1 and perSecond > 0, got ${JSON.stringify(limit)}`);
    }
    this.#burst = limit.burst;
    this.#perMs = limit.perSecond / 1000;
    this.#tokens = limit.burst;
    this.#last = clock();
  }

  /** True when `cost` tokens are available; takes nothing (to check several buckets before charging any). */
  has(cost = 1): boolean {
    return this.#refill() >= cost;
  }

  /** Takes `cost` tokens (one per message, or one per frame for a fan-out budget); false, taking none, when fewer are left. */
  take(cost = 1): boolean {
    if (this.#refill() < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  #refill(): number {
    // `Infinity` disables the limit (Infinity × 0 ms would be NaN below).
    if (this.#burst === Infinity || this.#perMs === Infinity) return Infinity;
    const now = this.clock();
    // A clock going backwards (fake clocks, NTP steps) or broken (NaN) must not drain the bucket.
    const elapsed = now > this.#last ? now - this.#last : 0;
    this.#last = now;
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#perMs);
    return this.#tokens;
  }
}
