import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('lets a full burst through at once, then refuses', () => {
    const bucket = new TokenBucket(1, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)].map((r) => [r.allowed, r.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    expect(bucket.take(0)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it('refills at its rate, never above its capacity', () => {
    const bucket = new TokenBucket(2, 2, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.take(499).allowed).toBe(false);
    expect(bucket.take(1000).allowed).toBe(true); // 1 s at 2 per second: both tokens are back
    expect(bucket.take(60_000).remaining).toBe(1); // full again (2), minus this call
  });

  it('tells a refused caller the whole seconds to wait, at least 1', () => {
    const slow = new TokenBucket(0.25, 1, 0);
    slow.take(0);
    expect(slow.take(0).retryAfterSeconds).toBe(4);
    expect(slow.take(1_500).retryAfterSeconds).toBe(3); // 2.5 s left, rounded up
    const fast = new TokenBucket(100, 1, 0);
    fast.take(0);
    expect(fast.take(0).retryAfterSeconds).toBe(1);
  });

  it('copes with a clock that steps back', () => {
    const bucket = new TokenBucket(1, 1, 1_000);
    expect(bucket.take(500).allowed).toBe(true);
    expect(bucket.take(900).allowed).toBe(false);
  });

  it('never lets through more than burst + rate × elapsed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 200 }),
        (perSecond, burst, gaps) => {
          const bucket = new TokenBucket(perSecond, burst, 0);
          let now = 0;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            if (bucket.take(now).allowed) allowed += 1;
          }
          expect(allowed).toBeLessThanOrEqual(burst + (perSecond * now) / 1000 + 1e-9);
        },
      ),
    );
  });
});
