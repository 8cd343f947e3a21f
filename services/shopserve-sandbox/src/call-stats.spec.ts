import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallStats } from './call-stats.ts';

/** The definition, by brute force: the most calls within any 1000 ms. */
function bruteForceMax(times: number[]): number {
  return Math.max(0, ...times.map((end) => times.filter((t) => t <= end && t > end - 1000).length));
}

describe('CallStats', () => {
  it('counts the busiest sliding second per shop, exactly', () => {
    const stats = new CallStats();
    for (const t of [0, 500, 999, 1000, 1999]) stats.record('a', t);
    stats.record('b', 10);
    stats.record(undefined, 20);
    // {0, 500, 999} share a second, so do {500, 999, 1000}; 1999 is 1000 ms after 999.
    expect(stats.perShopMaxPerSecond()).toEqual({ a: 3, b: 1 });
    expect(stats.total).toBe(7);
  });

  it('agrees with the definition for any sequence of calls', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1500, noNaN: true }), { maxLength: 150 }), (gaps) => {
        const stats = new CallStats();
        const times: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          times.push(now);
          stats.record('s', now);
        }
        expect(stats.perShopMaxPerSecond().s ?? 0).toBe(bruteForceMax(times));
      }),
    );
  });

  it('keeps counting correctly over long runs', () => {
    const stats = new CallStats();
    for (let i = 0; i < 50_000; i += 1) stats.record('s', i * 10); // 100 per second
    expect(stats.perShopMaxPerSecond()).toEqual({ s: 100 });
    stats.clear();
    expect(stats.perShopMaxPerSecond()).toEqual({});
    expect(stats.total).toBe(0);
  });
});
