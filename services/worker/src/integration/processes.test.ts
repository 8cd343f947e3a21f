import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { addShippingUpdates, shippingUpdateJob, type ShippingUpdateJobData } from '@shopserve-sync/queue';
import { isolatedDatabase, isolatedQueues, serviceEnv } from '../../../../test/support/isolated.ts';
import {
  dumpRedis,
  orderNumbers,
  SHIPPED,
  seedOrders,
  seedShop,
  spawnSandbox,
  spawnWorker,
  waitForOutcomes,
} from './fixture.ts';

const PER_SECOND = 5;
const SHOPS = ['a', 'b', 'c'].map((name) => ({
  shopId: `shop-${name}`,
  shopserveShopId: `ss-${name}`,
  authKey: `auth-key-${name}-0c9d8e7f`,
}));

describe('two worker processes', () => {
  it('never let ShopServe see more than N calls of a shop in any second, all processes together', async () => {
    await using db = await isolatedDatabase();
    await using queues = isolatedQueues();
    await using sandbox = await spawnSandbox();
    const jobs: ShippingUpdateJobData[] = [];
    for (const [index, shop] of SHOPS.entries()) {
      await seedShop(db.pool, shop);
      const numbers = orderNumbers(70000001 + index * 1000, 20);
      jobs.push(
        ...(await seedOrders(
          db.pool,
          shop.shopId,
          numbers.map((orderNumber) => ({ orderNumber, ...SHIPPED })),
        )),
      );
    }
    await sandbox.started;
    const env = {
      ...serviceEnv(db, queues),
      SHOPSERVE_API_BASE_URL: sandbox.url,
      SHOPSERVE_REQUESTS_PER_SECOND: String(PER_SECOND),
      WORKER_CONCURRENCY: '10',
      LOG_LEVEL: 'debug',
    };
    await using first = spawnWorker(env);
    await using second = spawnWorker(env);
    await Promise.all([first.started, second.started]);

    const redis = new Redis(queues.redisUrl);
    const queue = new Queue<ShippingUpdateJobData>(shippingUpdateJob.queue, {
      connection: redis,
      prefix: queues.prefix,
    });
    try {
      await addShippingUpdates(queue, jobs);
      const rows = await waitForOutcomes(db.pool, jobs.length, 45_000);
      expect(rows.every((row) => row.outcome === 'updated')).toBe(true);

      const stats = await sandbox.stats();
      const throughput = await Promise.all(
        SHOPS.map(async (shop) => {
          const times = (await sandbox.requests(shop.shopserveShopId)).map((entry) => Date.parse(entry.at));
          const spanMs = Math.max(...times) - Math.min(...times);
          return `${shop.shopserveShopId}: ${times.length} calls in ${spanMs} ms = ${(((times.length - 1) * 1000) / spanMs).toFixed(2)}/s`;
        }),
      );
      console.info(
        `limit ${PER_SECOND}/s per shop; most in any second ${JSON.stringify(stats.perShopMaxPerSecond)}; ${throughput.join('; ')}`,
      );

      expect(Object.keys(stats.perShopMaxPerSecond).sort()).toEqual(['ss-a', 'ss-b', 'ss-c']);
      for (const max of Object.values(stats.perShopMaxPerSecond)) expect(max).toBeLessThanOrEqual(PER_SECOND);
      expect(stats.total).toBe(jobs.length);

      // Both processes did part of the work.
      expect(first.output()).toContain('"msg":"pushed"');
      expect(second.output()).toContain('"msg":"pushed"');

      // No credential in Redis, nor in what either process logged (at debug level).
      const stored = await dumpRedis(redis, queues.prefix);
      for (const shop of SHOPS) {
        const basic = Buffer.from(`${shop.shopserveShopId}:${shop.authKey}`).toString('base64');
        for (const text of [stored, first.output(), second.output()]) {
          expect(text).not.toContain(shop.authKey);
          expect(text).not.toContain(basic);
        }
      }
    } finally {
      await queue.close();
      redis.disconnect();
    }

    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
