import { describe, expect, it } from 'vitest';
import { getRun } from '@shopserve-sync/db';
import { manualExportInputSchema, triggerManualExport } from '@shopserve-sync/export-runs';
import { createQueues } from '@shopserve-sync/queue';
import { startSandbox } from '@shopserve-sync/shopserve-sandbox';
import { isolatedDatabase, isolatedQueues } from '../../../../test/support/isolated.ts';
import { captureLog, SHIPPED, seedOrders, seedShop, startWorkers } from './fixture.ts';

describe('an export run through the worker', () => {
  it('scans the run, pushes each eligible order once, and completes the run with its counts', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await startSandbox();
    await seedShop(db.pool, { shopId: 'shop-001', shopserveShopId: 'ss-001', authKey: 'export-run-key' });
    await seedOrders(db.pool, 'shop-001', [
      { orderNumber: '95000001', ...SHIPPED },
      { orderNumber: '95000002', ...SHIPPED, tracking_number: null },
      { orderNumber: '95000003', carrier: null, tracking_number: null, shipped_on: null },
    ]);
    await using running = startWorkers({
      redisUrl: queues.redisUrl,
      prefix: queues.prefix,
      pool: db.pool,
      shopServeUrl: sandbox.url,
      log: captureLog('warn').log,
    });
    const producer = createQueues(running.connection, queues.prefix);
    try {
      const triggered = await triggerManualExport(
        { pool: db.pool, exportRuns: producer.exportRuns },
        manualExportInputSchema.parse({ shopIds: ['shop-001'] }),
      );
      if (triggered.kind !== 'queued') throw new Error('not queued');

      await expect
        .poll(async () => (await getRun(db.pool, triggered.runId))?.state, { timeout: 20_000 })
        .toBe('completed');
      const run = await getRun(db.pool, triggered.runId);
      expect(run?.counts).toMatchObject({
        eligible: 3,
        enqueued: 3,
        updated: 1,
        trackingNumberMissing: 2,
        failed: 0,
        pending: 0,
      });
      expect(
        sandbox.state.journal
          .list()
          .map((entry) => entry.orderNumber)
          .sort(),
      ).toEqual(['95000001', '95000002']);
    } finally {
      await producer.close();
    }
  });
});
