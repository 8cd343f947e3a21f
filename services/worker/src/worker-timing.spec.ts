import { describe, expect, it } from 'vitest';
import { shippingUpdateJob } from '@shopserve-sync/queue';
import type { PushResult } from '@shopserve-sync/shopserve-client';
import { pacingLimits } from './shop-pacing.ts';
import { callStatusLabel } from './worker-metrics.ts';
import { firstBackoffMs, workerTiming } from './worker-timing.ts';

describe('worker timing', () => {
  it('locks a job comfortably longer than one call may take, and finds dead workers’ jobs within seconds', () => {
    const timing = workerTiming(10_000);
    expect(timing.lockDurationMs).toBeGreaterThanOrEqual(2 * 10_000);
    expect(timing).toMatchObject({ stalledIntervalMs: 15_000, maxStalledCount: 2, settingsTtlMs: 5_000 });
    expect(timing.freeWaitingForMs).toBe(shippingUpdateJob.freeWaitingForMs);
    expect(workerTiming(10_000, { stalledIntervalMs: 1_000 }).stalledIntervalMs).toBe(1_000);
  });

  it('waits the first backoff step when ShopServe names no wait', () => {
    expect(firstBackoffMs({ type: 'exponential', delay: 250 })).toBe(250);
    expect(firstBackoffMs(75)).toBe(75);
    expect(firstBackoffMs(undefined)).toBe(shippingUpdateJob.options.backoff.delay);
  });

  it('paces one shop’s calls so that N + 1 never fit into one second, leaving room for jitter', () => {
    for (const perSecond of [0.5, 1, 2, 2.5, 5, 10, 100, 1000]) {
      const limits = pacingLimits(perSecond, 40);
      expect(limits.intervalMs * perSecond).toBeCloseTo(1_040, 6);
      expect(limits.count).toBe(Math.max(1, Math.floor(perSecond)));
      // count + 1 calls granted a window apart: never more than the limit in 1,040 ms.
      expect(limits.windowMs).toBeGreaterThanOrEqual((1_040 * limits.count) / perSecond - 1e-9);
      expect(limits.windowMs).toBeCloseTo(limits.count * limits.intervalMs, 6);
    }
    expect(pacingLimits(5, 0)).toEqual({ intervalMs: 200, count: 5, windowMs: 1_000, burstMs: 0 });
    expect(pacingLimits(100, 0)).toEqual({ intervalMs: 10, count: 100, windowMs: 1_000, burstMs: 100 });
    expect(pacingLimits(0.5, 0)).toEqual({ intervalMs: 2_000, count: 1, windowMs: 2_000, burstMs: 0 });
  });

  it('labels calls by status, and what came instead of one', () => {
    const cases: [PushResult, string | undefined][] = [
      [{ outcome: 'tracking_number_missing', message: '' }, '400'],
      [{ outcome: 'permanent', reason: 'unauthorized', status: 401, message: '' }, '401'],
      [{ outcome: 'permanent', reason: 'invalid_data', message: 'refused before sending' }, undefined],
      [{ outcome: 'transient', reason: 'timeout', message: '', spendsAttempt: true }, 'timeout'],
      [{ outcome: 'transient', reason: 'maintenance', status: 503, message: '', spendsAttempt: false }, '503'],
    ];
    for (const [result, label] of cases) expect(callStatusLabel(result)).toBe(label);
  });
});
