import { Worker, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createRun, getRun } from '@shopserve-sync/db';
import { createLogger } from '@shopserve-sync/logger';
import {
  createQueues,
  exportRunJob,
  QUEUE_NAMES,
  workerConnection,
  type ExportRunJobData,
} from '@shopserve-sync/queue';
import { isolatedDatabase, isolatedQueues } from '../../../test/support/isolated.ts';
import { processExportRunJob } from '../src/index.ts';
import { insertShop } from './oms-fixtures.ts';

const log = createLogger({ service: 'test', level: 'silent' });

describe('a run that cannot read the orders', () => {
  it('is retried with backoff and ends failed with the reason', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await insertShop(db.pool, 'shop-a', { orderApiEnabled: true, autoExport: true });
    // The OMS table is gone from under the service: every read of orders fails.
    await db.pool.query('ALTER TABLE orders RENAME TO orders_elsewhere');

    const connection = workerConnection(queues.redisUrl);
    const service = createQueues(connection, queues.prefix);
    const runId = await createRun(db.pool, {
      trigger: 'manual',
      shopIds: null,
      window: { from: new Date(Date.now() - 3_600_000), to: new Date() },
      force: false,
    });
    const attempts: number[] = [];
    const workerConnectionB = workerConnection(queues.redisUrl);
    const worker = new Worker<ExportRunJobData>(
      QUEUE_NAMES.exportRuns,
      (job: Job<ExportRunJobData>) => {
        attempts.push(job.attemptsMade);
        return processExportRunJob({ pool: db.pool, shippingUpdates: service.shippingUpdates, log }, job);
      },
      { connection: workerConnectionB, prefix: queues.prefix },
    );
    const failedForGood = new Promise<string>((resolve) => {
      worker.on('failed', (job, error) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) resolve(error.message);
      });
    });
    // The registry's attempts, with a short backoff so the test does not wait a quarter of an hour.
    await service.exportRuns.add(
      exportRunJob.names.manual,
      { trigger: 'manual', runId },
      { jobId: `run-${runId}`, attempts: 3, backoff: { type: 'exponential', delay: 50 } },
    );

    const message = await failedForGood;
    expect(message).toMatch(/orders/);
    expect(attempts).toEqual([0, 1, 2]);
    const run = await getRun(db.pool, runId);
    expect(run?.state).toBe('failed');
    expect(run?.error).toMatch(/after 3 attempts: .*orders/);

    await worker.close();
    await service.close();
    connection.disconnect();
    workerConnectionB.disconnect();
  });
});
