import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { addShippingUpdates, shippingUpdateJob, type ShippingUpdateJobData } from '@shopserve-sync/queue';
import { startSandbox } from '@shopserve-sync/shopserve-sandbox';
import { isolatedDatabase, isolatedQueues, serviceEnv } from '../../../../test/support/isolated.ts';
import { outcomes, orderNumbers, SHIPPED, seedOrders, seedShop, spawnWorker, waitForOutcomes } from './fixture.ts';

const SHOP = { shopId: 'shop-001', shopserveShopId: 'ss-001', authKey: 'crash-test-key' };

function producer(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl);
  const queue = new Queue<ShippingUpdateJobData>(shippingUpdateJob.queue, { connection: redis, prefix });
  return {
    queue,
    async [Symbol.asyncDispose]() {
      await queue.close();
      redis.disconnect();
    },
  };
}

describe('stopping workers', () => {
  it('SIGTERM: takes no new job, lets the pushes in flight finish and be recorded, exits 0', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await startSandbox({ latency: { fixedMs: 1_500, jitterMs: 0 } });
    await seedShop(db.pool, SHOP);
    const jobs = await seedOrders(
      db.pool,
      SHOP.shopId,
      orderNumbers(80000001, 10).map((orderNumber) => ({ orderNumber, ...SHIPPED })),
    );
    await using worker = spawnWorker({
      ...serviceEnv(db, queues),
      SHOPSERVE_API_BASE_URL: sandbox.url,
      SHOPSERVE_REQUESTS_PER_SECOND: '5',
      SHOPSERVE_TIMEOUT_MS: '5000',
    });
    await worker.started;
    await using produced = producer(queues.redisUrl, queues.prefix);
    await addShippingUpdates(produced.queue, jobs);

    await expect.poll(() => sandbox.state.stats.total, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });

    // Every call that went out got its answer and its outcome; the rest wait for the next worker.
    const calls = sandbox.state.stats.total;
    const rows = await outcomes(db.pool);
    expect(rows).toHaveLength(calls);
    expect(rows.every((row) => row.outcome === 'updated')).toBe(true);
    expect(calls).toBeLessThan(jobs.length);
    const counts = await produced.queue.getJobCounts('active', 'waiting', 'delayed', 'completed');
    expect(counts.active).toBe(0);
    expect(counts.completed).toBe(calls);
    expect((counts.waiting ?? 0) + (counts.delayed ?? 0)).toBe(jobs.length - calls);
    expect(worker.output()).toContain('"msg":"worker stopped"');
  });

  it('a second SIGTERM stops at once, leaving the push in flight to another worker', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await startSandbox({ faults: { hangRate: 1 } });
    await seedShop(db.pool, SHOP);
    const jobs = await seedOrders(db.pool, SHOP.shopId, [{ orderNumber: '80500001', ...SHIPPED }]);
    await using worker = spawnWorker({
      ...serviceEnv(db, queues),
      SHOPSERVE_API_BASE_URL: sandbox.url,
      SHOPSERVE_TIMEOUT_MS: '30000',
    });
    await worker.started;
    await using produced = producer(queues.redisUrl, queues.prefix);
    await addShippingUpdates(produced.queue, jobs);

    await expect.poll(() => sandbox.state.stats.total, { timeout: 10_000 }).toBe(1);
    worker.child.kill('SIGTERM');
    await expect.poll(() => worker.output(), { timeout: 10_000 }).toContain('"msg":"worker stopping');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(await outcomes(db.pool)).toEqual([]);
    expect(await produced.queue.getJobCounts('active')).toEqual({ active: 1 });
  });

  it('SIGKILL of one of two workers mid-batch: the other picks up its jobs, every order reaches one outcome', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await startSandbox({ latency: { fixedMs: 300, jitterMs: 200 } });
    const shops = [SHOP, { shopId: 'shop-002', shopserveShopId: 'ss-002', authKey: 'crash-test-key-2' }];
    const jobs: ShippingUpdateJobData[] = [];
    for (const [index, shop] of shops.entries()) {
      await seedShop(db.pool, shop);
      const numbers = orderNumbers(81000001 + index * 1000, 20);
      jobs.push(
        ...(await seedOrders(
          db.pool,
          shop.shopId,
          numbers.map((orderNumber) => ({ orderNumber, ...SHIPPED })),
        )),
      );
    }
    const env = {
      ...serviceEnv(db, queues),
      SHOPSERVE_API_BASE_URL: sandbox.url,
      SHOPSERVE_REQUESTS_PER_SECOND: '5',
      // The lock of a killed worker's job runs out 20 s after this, then the stalled check finds it.
      SHOPSERVE_TIMEOUT_MS: '2000',
    };
    await using doomed = spawnWorker(env);
    await using survivor = spawnWorker(env);
    await Promise.all([doomed.started, survivor.started]);
    await using produced = producer(queues.redisUrl, queues.prefix);
    await addShippingUpdates(produced.queue, jobs);

    await waitForOutcomes(db.pool, 8);
    doomed.child.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');

    const rows = await waitForOutcomes(db.pool, jobs.length, 75_000);
    expect(rows).toHaveLength(jobs.length);
    expect(new Set(rows.map((row) => row.job_id)).size).toBe(jobs.length);
    expect(rows.every((row) => row.outcome === 'updated')).toBe(true);
    await expect
      .poll(() => produced.queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed'))
      .toEqual({ completed: jobs.length, failed: 0, active: 0, waiting: 0, delayed: 0 });

    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});
