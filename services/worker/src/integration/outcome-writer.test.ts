import { describe, expect, it } from 'vitest';
import type { PushOutcomeRecord } from '@shopserve-sync/db';
import { isolatedDatabase } from '../../../../test/support/isolated.ts';
import { batchedOutcomeWriter } from '../outcome-writer.ts';

function outcome(jobId: string, orderId: number, overrides: Partial<PushOutcomeRecord> = {}): PushOutcomeRecord {
  return {
    jobId,
    orderId,
    shopId: 'shop-w',
    orderNumber: String(30000000 + orderId),
    outcome: 'updated',
    sent: { shippingStatus: 'shipped', trackingNumber: `T-${String(orderId)}` },
    contentHash: '0123456789abcdef',
    attempts: 1,
    ...overrides,
  };
}

describe('batched outcome writer', () => {
  it('records pushes ending together once each, the same order’s twice in turn, a job’s twice once', async () => {
    await using db = await isolatedDatabase();
    const settled: string[][] = [];
    const writer = batchedOutcomeWriter(db.pool, (runIds) => {
      settled.push([...runIds]);
      return Promise.resolve();
    });

    const many = Array.from({ length: 40 }, (_, i) => outcome(`push-${String(i + 1)}-g0-a`, i + 1));
    const results = await Promise.all([
      ...many.map((record) => writer.record(record)),
      // Order 1 again, a later push of it: must not share a statement with the first.
      writer.record(outcome('push-1-g1-b', 1, { outcome: 'failed', reason: 'invalid_data', error: 'bad' })),
      // Job 2 again (BullMQ ran it twice): only the first record counts.
      writer.record(outcome('push-2-g0-a', 2)),
    ]);

    expect(results.slice(0, 40).every((first) => first)).toBe(true);
    expect(results[40]).toBe(true);
    expect(results[41]).toBe(false);
    const ledger = await db.pool.query<{ order_id: string; generation: number; last_outcome: string }>(
      'SELECT order_id, generation, last_outcome FROM shopserve_sync.push_ledger ORDER BY order_id',
    );
    expect(ledger.rows).toHaveLength(40);
    expect(ledger.rows[0]).toMatchObject({ generation: 2, last_outcome: 'failed' });
    expect(ledger.rows.slice(1).every((row) => row.generation === 1)).toBe(true);
    const sent = await db.pool.query<{ sent: unknown }>(
      `SELECT sent FROM shopserve_sync.push_outcomes WHERE job_id = 'push-7-g0-a'`,
    );
    expect(sent.rows[0]?.sent).toEqual({ shippingStatus: 'shipped', trackingNumber: 'T-7' });
    expect(settled.flat()).toEqual([]);
  });

  it('fails the pushes of a batch that could not be written, and writes the next', async () => {
    await using db = await isolatedDatabase();
    const writer = batchedOutcomeWriter(db.pool, () => Promise.resolve());
    // attempts is an int column: a value it cannot take fails the statement.
    await expect(writer.record(outcome('push-9-g0-a', 9, { attempts: 1.5 }))).rejects.toThrow();
    await expect(writer.record(outcome('push-10-g0-a', 10))).resolves.toBe(true);
  });
});
