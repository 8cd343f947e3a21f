import { describe, expect, it } from 'vitest';
import type { PushResult } from '@shopserve-sync/shopserve-client';
import { decidePush, type AttemptContext } from './push-decision.ts';

const HOUR = 60 * 60 * 1000;
const fresh: AttemptContext = {
  attemptsMade: 0,
  attempts: 14,
  ageMs: 1_000,
  freeWaitingForMs: 24 * HOUR,
  defaultWaitMs: 10_000,
};

const transient = (extra: Partial<Extract<PushResult, { outcome: 'transient' }>> = {}): PushResult => ({
  outcome: 'transient',
  reason: 'server_error',
  status: 500,
  message: 'ShopServe failed with a server error',
  spendsAttempt: true,
  ...extra,
});

describe('decidePush', () => {
  it('completes an updated order', () => {
    const result: PushResult = {
      outcome: 'updated',
      order: {
        orderNumber: '1',
        shippingStatus: 'Shipped',
        deliveryCompanyCode: 'YAMATO',
        slipNumber: '1',
        scheduledShipDate: null,
        updatedAt: '2026-01-01T00:00:00Z',
      } as never,
    };
    expect(decidePush(result, fresh)).toEqual({ kind: 'updated' });
  });

  it('treats a missing tracking number as the expected terminal state, on any attempt', () => {
    const result: PushResult = { outcome: 'tracking_number_missing', message: 'needs a slip number' };
    expect(decidePush(result, fresh)).toEqual({ kind: 'tracking_number_missing', message: 'needs a slip number' });
    expect(decidePush(result, { ...fresh, attemptsMade: 13 })).toMatchObject({ kind: 'tracking_number_missing' });
  });

  it('fails a permanent refusal at once, whatever attempts are left', () => {
    const result: PushResult = { outcome: 'permanent', reason: 'order_cancelled', status: 409, message: 'cancelled' };
    expect(decidePush(result, fresh)).toEqual({ kind: 'permanent', reason: 'order_cancelled', message: 'cancelled' });
  });

  it('retries transient trouble with an attempt while attempts are left', () => {
    expect(decidePush(transient(), fresh)).toEqual({
      kind: 'retry',
      reason: 'server_error',
      message: 'ShopServe failed with a server error',
      shopWaitMs: 0,
    });
    expect(
      decidePush(transient({ reason: 'timeout', status: undefined }), { ...fresh, attemptsMade: 12 }),
    ).toMatchObject({
      kind: 'retry',
      reason: 'timeout',
    });
  });

  it('honours a Retry-After on an attempt-spending retry by holding the shop back that long', () => {
    expect(decidePush(transient({ retryAfterMs: 120_000 }), fresh)).toMatchObject({
      kind: 'retry',
      shopWaitMs: 120_000,
    });
  });

  it('gives up on the last attempt as retries exhausted', () => {
    expect(decidePush(transient(), { ...fresh, attemptsMade: 13 })).toEqual({
      kind: 'exhausted',
      reason: 'server_error',
      message: 'ShopServe failed with a server error',
      attempts: 14,
    });
    expect(decidePush(transient(), { ...fresh, attempts: 1 })).toMatchObject({ kind: 'exhausted', attempts: 1 });
  });

  it('waits out a 429 without spending an attempt, for its Retry-After', () => {
    const limited = transient({ reason: 'rate_limited', status: 429, spendsAttempt: false, retryAfterMs: 3_000 });
    expect(decidePush(limited, { ...fresh, attemptsMade: 13 })).toEqual({
      kind: 'wait',
      reason: 'rate_limited',
      message: 'ShopServe failed with a server error',
      delayMs: 3_000,
      shopWaitMs: 3_000,
    });
  });

  it('waits a first backoff step for a 429 that names no wait', () => {
    const limited = transient({ reason: 'rate_limited', status: 429, spendsAttempt: false });
    expect(decidePush(limited, fresh)).toMatchObject({ kind: 'wait', delayMs: 10_000, shopWaitMs: 10_000 });
  });

  it('waits out maintenance for free until the job is too old, then spends attempts', () => {
    const maintenance = transient({ reason: 'maintenance', status: 503, spendsAttempt: false, retryAfterMs: 6 * HOUR });
    expect(decidePush(maintenance, { ...fresh, ageMs: 24 * HOUR - 1 })).toMatchObject({
      kind: 'wait',
      delayMs: 6 * HOUR,
    });
    expect(decidePush(maintenance, { ...fresh, ageMs: 24 * HOUR })).toMatchObject({
      kind: 'retry',
      shopWaitMs: 6 * HOUR,
    });
    expect(decidePush(maintenance, { ...fresh, ageMs: 25 * HOUR, attemptsMade: 13 })).toMatchObject({
      kind: 'exhausted',
    });
  });
});
