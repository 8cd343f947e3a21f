import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.ts';

describe('RingBuffer', () => {
  it('keeps the latest items, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    for (const n of [1, 2, 3, 4, 5]) ring.push(n);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
  });

  it('resizes keeping the newest, and clears', () => {
    const ring = new RingBuffer<number>(4);
    for (const n of [1, 2, 3, 4, 5, 6]) ring.push(n);
    ring.resize(2);
    expect(ring.toArray()).toEqual([5, 6]);
    ring.resize(5);
    ring.push(7);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
  });
});
