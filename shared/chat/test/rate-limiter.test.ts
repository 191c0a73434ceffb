import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../src/rate-limiter.js';

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const takeN = (bucket: TokenBucket, n: number) => Array.from({ length: n }, () => bucket.take());

describe('TokenBucket', () => {
  it('allows a burst, then refuses', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ burst: 20, perSecond: 20 }, clock.now);
    expect(takeN(bucket, 20).every(Boolean)).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('refills perSecond tokens per second, one every 1000/perSecond ms', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ burst: 20, perSecond: 20 }, clock.now);
    takeN(bucket, 20);
    clock.advance(49);
    expect(bucket.take()).toBe(false);
    clock.advance(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    clock.advance(500);
    expect(takeN(bucket, 11)).toEqual([...Array(10).fill(true), false]);
  });

  it('sustains exactly perSecond messages per second', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ burst: 20, perSecond: 20 }, clock.now);
    takeN(bucket, 20);
    let allowed = 0;
    // 10 s of a client sending 100 messages per second.
    for (let i = 0; i < 1000; i++) {
      clock.advance(10);
      if (bucket.take()) allowed++;
    }
    expect(allowed).toBe(200);
  });

  it('never stores more than the burst, however long the pause', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ burst: 5, perSecond: 20 }, clock.now);
    clock.advance(3_600_000);
    expect(takeN(bucket, 6)).toEqual([true, true, true, true, true, false]);
  });

  it('does not drain when the clock goes backwards', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ burst: 2, perSecond: 1 }, clock.now);
    clock.advance(-10_000);
    expect(takeN(bucket, 3)).toEqual([true, true, false]);
  });

  it('is disabled by Infinity', () => {
    const bucket = new TokenBucket({ burst: Infinity, perSecond: Infinity }, () => 0);
    expect(takeN(bucket, 10_000).every(Boolean)).toBe(true);
  });

  it('takes several tokens at once, or none when fewer are left; has() only looks', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ burst: 100, perSecond: 100 }, clock.now);
    expect(bucket.take(60)).toBe(true);
    expect(bucket.has(41)).toBe(false);
    expect(bucket.take(41)).toBe(false); // refused whole: nothing taken
    expect(bucket.has(40)).toBe(true);
    expect(bucket.take(40)).toBe(true);
    expect(bucket.has()).toBe(false);
    clock.advance(10);
    expect(bucket.take()).toBe(true);
  });

  it('does not drain on a broken (NaN) clock', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 1 }, () => NaN);
    expect(takeN(bucket, 3)).toEqual([true, true, false]);
  });

  it('rejects nonsense limits', () => {
    expect(() => new TokenBucket({ burst: 0, perSecond: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ burst: 1, perSecond: 0 })).toThrow(RangeError);
    expect(() => new TokenBucket({ burst: NaN, perSecond: 1 })).toThrow(RangeError);
  });
});
